"""``make bench``'s set-based seed writes the data set it describes, on each database."""

import datetime

import pytest
from bench import seed
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Count, F

from course_archive.models import CourseArchiveStatus

pytestmark = pytest.mark.django_db

SIZES = {"users": 40, "courses": 12, "statuses": 300, "heavy_rows": 10, "heavy_archived": 4, "course_rows": 20}


def test_seed_statuses_writes_every_row_unique_with_the_sizes_asked(django_assert_max_num_queries):
    user_table = get_user_model()._meta.db_table
    columns = ("id", "password", "is_superuser", "username", "first_name", "last_name", "email", "is_staff")
    joined = connection.ops.adapt_datetimefield_value(datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC))
    users = [
        (pk, "!", False, f"seed-{pk}", "", "", f"seed-{pk}@example.com", False, True, joined) for pk in range(1, 41)
    ]
    seed._insert(user_table, (*columns, "is_active", "date_joined"), users)  # noqa: SLF001 - the seed's own writer
    now = datetime.datetime(2026, 12, 1, tzinfo=datetime.UTC)

    # Set-based: a handful of INSERT ... SELECT statements, not one a row.
    with django_assert_max_num_queries(10):
        written = seed.seed_statuses(SIZES, now, log=lambda line: None)

    rows = CourseArchiveStatus.objects.all()
    assert written == rows.count() == SIZES["statuses"]
    assert not rows.values("user_id", "course_id").annotate(n=Count("id")).filter(n__gt=1).exists()
    heavy = rows.filter(user_id=seed.HEAVY_USER_ID)
    assert heavy.count() == SIZES["heavy_rows"] and heavy.filter(is_archived=True).count() == SIZES["heavy_archived"]
    assert rows.filter(course_id=seed.course_key(0)).count() == SIZES["course_rows"]
    # Archived rows carry their archive date (their last change), no other row does; times are in the past year.
    assert not rows.filter(is_archived=True, archive_date__isnull=True).exists()
    assert not rows.filter(is_archived=False, archive_date__isnull=False).exists()
    assert not rows.filter(is_archived=True).exclude(archive_date=F("updated_at")).exists()
    assert not rows.filter(updated_at__lt=F("created_at")).exists()
    assert not rows.filter(updated_at__gt=now).exists()
    assert not rows.filter(created_at__lt=now - datetime.timedelta(days=366)).exists()
    assert 0.1 < rows.filter(is_archived=True).count() / SIZES["statuses"] < 0.4
    # Every learner but the heavy one and the staff user has a share of the rest.
    per_learner = rows.exclude(course_id=seed.course_key(0)).exclude(user_id=seed.HEAVY_USER_ID)
    counts = set(per_learner.values("user_id").annotate(n=Count("id")).values_list("n", flat=True))
    assert max(counts) - min(counts) <= 1
