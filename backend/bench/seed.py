"""
The benchmark's data set, written with bulk INSERTs into a database of its own.

Users 1..N: user 1 is the heavy learner, user 2 the staff user, the others learners. Course 0 is the big
course (``course_rows`` statuses); the heavy learner has ``heavy_rows`` statuses (courses 0..), of which
``heavy_archived`` are archived; the remaining statuses are spread over the other learners and courses.
Every course has its catalog facts. A seeded database records its sizes and is reused when they match.
"""

import datetime
import json
import time

from django.contrib.auth import get_user_model
from django.db import connection, transaction

from course_archive.models import CourseArchiveStatus, CourseCatalogInfo

SEED_VERSION = 3
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


# Statuses are written by INSERT ... SELECT over a numbers source, in chunks of about this many rows (each
# its own transaction): millions of rows in minutes, none of them built in Python.
STATUS_CHUNK = 500_000
YEAR_SECONDS = 365 * 24 * 3600


def _numbers(low, high, alias):
    """A FROM item named ``alias`` of the integers ``low..high`` as its column ``n``, in the database's own way."""
    if connection.vendor == "mysql":
        return f"(SELECT seq AS n FROM seq_{low}_to_{high}) {alias}"  # MariaDB's Sequence engine
    if connection.vendor == "postgresql":
        return f"generate_series({low}, {high}) AS {alias}(n)"
    return (
        f"(WITH RECURSIVE {alias}_(n) AS (SELECT {low} UNION ALL SELECT n + 1 FROM {alias}_ WHERE n < {high}) "
        f"SELECT n FROM {alias}_) {alias}"
    )


def _course_id_sql(index):
    """The SQL of ``course_key(index)`` for an integer expression."""
    if connection.vendor == "mysql":
        return f"CONCAT('course-v1:BenchX+C', LPAD({index}, 5, '0'), '+2026')"
    if connection.vendor == "postgresql":
        return f"'course-v1:BenchX+C' || lpad(({index})::text, 5, '0') || '+2026'"
    return f"'course-v1:BenchX+C' || substr('00000' || ({index}), -5, 5) || '+2026'"


def _seconds_before_sql(now, seconds):
    """The SQL of the datetime ``seconds`` (an integer expression) before ``now``, as Django stores it."""
    text = now.strftime("%Y-%m-%d %H:%M:%S")
    if connection.vendor == "mysql":
        return f"TIMESTAMPADD(SECOND, -({seconds}), CAST('{text}' AS DATETIME(6)))"
    if connection.vendor == "postgresql":
        return f"(TIMESTAMPTZ '{text}+00' - ({seconds}) * INTERVAL '1 second')"
    return f"datetime('{text}', '-' || ({seconds}) || ' seconds')"


def _insert_statuses(now, rows_sql):
    """
    INSERT the statuses of ``rows_sql``, a SELECT of (u: user id, c: course index, a: 1 when archived,
    age: seconds since created, fresh: seconds since updated, at most age).
    """
    table = connection.ops.quote_name(CourseArchiveStatus._meta.db_table)
    updated = _seconds_before_sql(now, "r.fresh")
    sql = (
        f"INSERT INTO {table} (user_id, course_id, is_archived, archive_date, created_at, updated_at) "
        f"SELECT r.u, {_course_id_sql('r.c')}, r.a = 1, CASE WHEN r.a = 1 THEN {updated} END, "
        f"{_seconds_before_sql(now, 'r.age')}, {updated} FROM ({rows_sql}) r"
    )
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.rowcount


def _spread(user, course):
    """(archived, age, fresh) SQL of a status: a quarter archived, created within the year, updated since."""
    age = f"MOD({user} * 7919 + ({course}) * 104723, {YEAR_SECONDS})"
    fresh = f"MOD({user} * 31 + ({course}) * 7, {age} + 1)"
    return f"CASE WHEN MOD({user} * 31 + ({course}) * 17, 4) = 0 THEN 1 ELSE 0 END", age, fresh


def seed_statuses(sizes, now, log=print):
    """
    Every status, set-based (``INSERT ... SELECT`` over a numbers source), unique per (user, course):

    - the heavy learner: courses ``0..heavy_rows-1``, ``heavy_archived`` of them archived (spread over the
      list, not the oldest or newest);
    - the big course (0): learners 3, 4, ... then the staff user, ``course_rows`` in all (the heavy
      learner's own row included);
    - the rest, spread evenly over the learners: learner ``u``'s ``j``-th status is course
      ``1 + (u * 7919 + j) mod (courses - 1)``, distinct for each ``j``.
    """
    users, courses = sizes["users"], sizes["courses"]
    heavy_rows, heavy_archived = sizes["heavy_rows"], sizes["heavy_archived"]
    written = 0
    step = next(m for m in (7, 11, 13, 17, 19, 23, 1) if heavy_rows % m)  # a permutation of 0..heavy_rows-1
    _, age, fresh = _spread(HEAVY_USER_ID, "h.n")
    written += _insert_statuses(
        now,
        f"SELECT {HEAVY_USER_ID} AS u, h.n AS c, CASE WHEN MOD(h.n * {step}, {heavy_rows}) < {heavy_archived} "
        f"THEN 1 ELSE 0 END AS a, {age} AS age, {fresh} AS fresh FROM {_numbers(0, heavy_rows - 1, 'h')}",
    )
    big = min(sizes["course_rows"], users) - 1  # rows of course 0 besides the heavy learner's
    learners = users - STAFF_USER_ID
    big_learners = min(big, learners)
    if big_learners:
        archived, age, fresh = _spread("b.n", 0)
        written += _insert_statuses(
            now,
            f"SELECT b.n AS u, 0 AS c, {archived} AS a, {age} AS age, {fresh} AS fresh "
            f"FROM {_numbers(STAFF_USER_ID + 1, STAFF_USER_ID + big_learners, 'b')}",
        )
    if big > learners:
        archived, age, fresh = _spread(STAFF_USER_ID, 0)
        written += _insert_statuses(
            now, f"SELECT {STAFF_USER_ID} AS u, 0 AS c, {archived} AS a, {age} AS age, {fresh} AS fresh"
        )
    log(f"  {written:,} statuses of the heavy learner and the big course")
    remaining = max(sizes["statuses"] - written, 0)
    if not remaining or not learners or courses < 2:
        return written
    per_user, extra = divmod(remaining, learners)
    most = min(per_user + (1 if extra else 0), courses - 1)
    if most == 0:
        return written
    first = STAFF_USER_ID + 1
    users_per_chunk = max(STATUS_CHUNK // most, 1)
    started = time.monotonic()
    course = f"1 + MOD(u.n * 7919 + j.n, {courses - 1})"
    archived, age, fresh = _spread("u.n", course)
    for low in range(first, users + 1, users_per_chunk):
        high = min(low + users_per_chunk - 1, users)
        # Learner u (position u - first) has per_user statuses, one more among the first ``extra``.
        count = f"CASE WHEN u.n - {first} < {extra} THEN {min(per_user + 1, most)} ELSE {min(per_user, most)} END"
        written += _insert_statuses(
            now,
            f"SELECT u.n AS u, {course} AS c, {archived} AS a, {age} AS age, {fresh} AS fresh "
            f"FROM {_numbers(low, high, 'u')} JOIN {_numbers(0, most - 1, 'j')} ON j.n < {count}",
        )
        rate = written / max(time.monotonic() - started, 1e-6)
        log(f"  {written:,} statuses ({rate:,.0f}/s)")
    return written


def seed(sizes, log=print):
    """Write the data set into the (freshly migrated, empty) database."""
    started = time.monotonic()
    now = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    user_table = get_user_model()._meta.db_table
    users = []
    for user_id in range(1, sizes["users"] + 1):
        username = {HEAVY_USER_ID: "bench-heavy", STAFF_USER_ID: "bench-staff"}.get(user_id, f"bench-{user_id}")
        users.append(
            (
                user_id,
                "!",  # no usable password: the benchmark authenticates with JWTs
                user_id == STAFF_USER_ID,  # the staff user is a superuser too: the admin's pages are timed
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

    seed_statuses(sizes, now, log)
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
