"""
The benchmark's data set, written with bulk INSERTs into a database of its own.

Users 1..N: user 1 is the heavy learner, user 2 the staff user, the others learners. Course 0 is the big
course (``course_rows`` statuses); the heavy learner has ``heavy_rows`` statuses (courses 0..), of which
``heavy_archived`` are archived; the remaining statuses are spread over the other learners and courses.
Every course has its catalog facts. A seeded database records its sizes and is reused when they match.
"""

import datetime
import json
import random
import time

from django.contrib.auth import get_user_model
from django.db import connection, transaction

from course_archive.models import CourseArchiveStatus, CourseCatalogInfo

SEED_VERSION = 2
HEAVY_USER_ID = 1
STAFF_USER_ID = 2
META_TABLE = "course_archive_bench_seed"
BATCH = 5000


def course_key(index):
    return f"course-v1:BenchX+C{index:05d}+2026"


def signature(sizes):
    return json.dumps({"version": SEED_VERSION, **sizes}, sort_keys=True)


def seeded_signature():
    """The sizes the database was seeded with, or None."""
    if META_TABLE not in connection.introspection.table_names():
        return None
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT signature FROM {META_TABLE}")
        row = cursor.fetchone()
    return row[0] if row else None


def _insert(table, columns, rows):
    quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
    placeholders = ", ".join(["%s"] * len(columns))
    sql = f"INSERT INTO {connection.ops.quote_name(table)} ({quoted}) VALUES ({placeholders})"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            cursor.executemany(sql, rows[start : start + BATCH])


def _dt(value):
    return connection.ops.adapt_datetimefield_value(value)


def status_rows(sizes, rng, now):
    """(user id, course index, is_archived) of every status row, unique per (user, course)."""
    users, courses = sizes["users"], sizes["courses"]
    heavy_rows, heavy_archived = sizes["heavy_rows"], sizes["heavy_archived"]
    big = min(sizes["course_rows"], users)
    rows = [(HEAVY_USER_ID, course, course % heavy_rows < heavy_archived) for course in range(heavy_rows)]
    # Shuffle which of the heavy learner's rows are archived so they are not the oldest or newest.
    flags = [flag for _, _, flag in rows]
    rng.shuffle(flags)
    rows = [(user, course, flag) for (user, course, _), flag in zip(rows, flags, strict=True)]
    learners = list(range(STAFF_USER_ID + 1, users + 1))
    # The big course: the heavy learner, then the other learners, then the staff user (who is a user too).
    rows += [(user, 0, rng.random() < 0.25) for user in [*learners, STAFF_USER_ID][: big - 1]]
    remaining = max(sizes["statuses"] - len(rows), 0)
    if remaining and learners and courses > 1:
        per_user, extra = divmod(remaining, len(learners))
        others = range(1, courses)
        for position, user in enumerate(learners):
            count = min(per_user + (position < extra), len(others))
            rows += [(user, course, rng.random() < 0.25) for course in rng.sample(others, count)]
    return rows


def seed(sizes, log=print):
    """Write the data set into the (freshly migrated, empty) database."""
    started = time.monotonic()
    rng = random.Random(20260101)
    now = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    year = 365 * 24 * 3600
    user_table = get_user_model()._meta.db_table
    users = []
    for user_id in range(1, sizes["users"] + 1):
        username = {HEAVY_USER_ID: "bench-heavy", STAFF_USER_ID: "bench-staff"}.get(user_id, f"bench-{user_id}")
        users.append(
            (
                user_id,
                "!",  # no usable password: the benchmark authenticates with JWTs
                False,
                username,
                "",
                "",
                f"{username}@example.com",
                user_id == STAFF_USER_ID,
                True,
                _dt(now - datetime.timedelta(days=400)),
            )
        )
    columns = ("id", "password", "is_superuser", "username", "first_name", "last_name", "email", "is_staff")
    with transaction.atomic():
        _insert(user_table, (*columns, "is_active", "date_joined"), users)
    log(f"  {len(users):,} users")

    catalog = [
        (
            course_key(index),
            f"Bench course {index}",
            False,
            False,
            _dt(now - datetime.timedelta(days=30 + index % 300)),
            _dt(now + datetime.timedelta(days=60 + index % 300)),
            "self" if index % 2 else "instructor",
            _dt(now),
        )
        for index in range(sizes["courses"])
    ]
    catalog_columns = ("course_id", "name", "hidden", "invitation_only", "start", "end", "pacing", "updated_at")
    with transaction.atomic():
        _insert(CourseCatalogInfo._meta.db_table, catalog_columns, catalog)
    log(f"  {len(catalog):,} courses with catalog facts")

    rows = []
    for user, course, archived in status_rows(sizes, rng, now):
        created = now - datetime.timedelta(seconds=rng.randrange(year))
        updated = created + datetime.timedelta(seconds=rng.randrange(int((now - created).total_seconds()) + 1))
        rows.append(
            (user, course_key(course), archived, _dt(updated) if archived else None, _dt(created), _dt(updated))
        )
    status_columns = ("user_id", "course_id", "is_archived", "archive_date", "created_at", "updated_at")
    with transaction.atomic():
        _insert(CourseArchiveStatus._meta.db_table, status_columns, rows)
    log(f"  {len(rows):,} statuses")

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE {META_TABLE} (signature VARCHAR(1000))")
        cursor.execute(f"INSERT INTO {META_TABLE} (signature) VALUES (%s)", [signature(sizes)])
    if connection.vendor == "postgresql":
        # Sequences do not move on explicit ids; and fresh statistics, as autovacuum would have them.
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{user_table}', 'id'), (SELECT MAX(id) FROM {user_table}))"
            )
            cursor.execute("ANALYZE")
    elif connection.vendor == "mysql":
        with connection.cursor() as cursor:
            for table in (user_table, CourseCatalogInfo._meta.db_table, CourseArchiveStatus._meta.db_table):
                cursor.execute(f"ANALYZE TABLE {table}")
                cursor.fetchall()
    elif connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    log(f"  seeded in {time.monotonic() - started:.1f} s")
