"""
Migrations: the app migrates from zero to its latest migration and back to zero on whichever database
the suite runs (SQLite, MariaDB, PostgreSQL), and rows made before 0002_catalog_info survive it.
"""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

APP = "course_archive"
pytestmark = pytest.mark.django_db(transaction=True)


def _tables():
    return {name for name in connection.introspection.table_names() if name.startswith(f"{APP}_")}


def _leaf():
    return MigrationExecutor(connection).loader.graph.leaf_nodes(APP)


def _migrate(target):
    """Migrate the app to ``target`` (a migration name or None for zero); the project state there."""
    executor = MigrationExecutor(connection)
    plan_target = [(APP, target)]
    executor.migrate(plan_target)
    return MigrationExecutor(connection).loader.project_state(plan_target).apps


@pytest.fixture
def back_to_latest():
    yield
    call_command("migrate", APP, verbosity=0)


def test_zero_and_back_again(back_to_latest):
    latest = _tables()
    assert {"course_archive_coursearchivestatus", "course_archive_coursecataloginfo"} <= latest

    call_command("migrate", APP, "zero", verbosity=0)
    assert _tables() == set()
    assert not [key for key in MigrationExecutor(connection).loader.applied_migrations if key[0] == APP]

    call_command("migrate", APP, verbosity=0)
    assert _tables() == latest
    applied = MigrationExecutor(connection).loader.applied_migrations
    assert all(node in applied for node in _leaf())


def test_rows_made_at_0001_survive_0002_with_last_synced_null(back_to_latest):
    apps = _migrate("0001_initial")
    user = apps.get_model("auth", "User").objects.create(username="before-0002", email="b@example.com")
    status = apps.get_model(APP, "CourseArchiveStatus")
    archived_at = datetime.datetime(2025, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)
    status.objects.create(user=user, course_id="course-v1:edX+Old+2025", is_archived=True, archive_date=archived_at)
    status.objects.create(user=user, course_id="course-v1:edX+Older+2024", is_archived=False)

    apps = _migrate("0002_catalog_info")
    rows = apps.get_model(APP, "CourseArchiveStatus").objects.filter(user_id=user.pk).order_by("course_id")
    assert [(str(r.course_id), r.is_archived, r.archive_date, r.last_synced) for r in rows] == [
        ("course-v1:edX+Old+2025", True, archived_at, None),
        ("course-v1:edX+Older+2024", False, None, None),
    ]
    assert not apps.get_model(APP, "CourseCatalogInfo").objects.exists()

    # And back: 0002 undone keeps the rows too.
    apps = _migrate("0001_initial")
    assert apps.get_model(APP, "CourseArchiveStatus").objects.filter(user_id=user.pk).count() == 2


def test_0005_keeps_the_newest_last_synced_of_each_course_on_its_catalog_row(back_to_latest):
    apps = _migrate("0004_catalog_info_relation")
    users = [
        apps.get_model("auth", "User").objects.create(username=f"before-0005-{i}", email=f"{i}@example.com")
        for i in range(3)
    ]
    status = apps.get_model(APP, "CourseArchiveStatus")
    catalog = apps.get_model(APP, "CourseCatalogInfo")
    older = datetime.datetime(2026, 1, 1, 9, 0, tzinfo=datetime.UTC)
    newer = datetime.datetime(2026, 2, 1, 9, 0, tzinfo=datetime.UTC)
    synced, never = "course-v1:edX+Synced+2026", "course-v1:edX+Never+2026"
    for user, last_synced in zip(users, (older, newer, None), strict=True):
        status.objects.create(user=user, course_id=synced, last_synced=last_synced)
    status.objects.create(user=users[0], course_id=never)
    # A status of a course without catalog facts: nothing to keep it on.
    status.objects.create(user=users[1], course_id="course-v1:edX+NoFacts+2026", last_synced=older)
    catalog.objects.create(course_id=synced, name="Synced")
    catalog.objects.create(course_id=never, name="Never synced")

    apps = _migrate("0005_last_synced_on_catalog_info")
    rows = apps.get_model(APP, "CourseCatalogInfo").objects.order_by("course_id")
    assert [(str(r.course_id), r.name, r.last_synced) for r in rows] == [
        (never, "Never synced", None),
        (synced, "Synced", newer),
    ]
    statuses = apps.get_model(APP, "CourseArchiveStatus").objects.filter(user_id__in=[u.pk for u in users])
    assert statuses.count() == 5
    assert "last_synced" not in {field.name for field in statuses.model._meta.get_fields()}

    # And back: every status of a course gets its course's value.
    apps = _migrate("0004_catalog_info_relation")
    back = apps.get_model(APP, "CourseArchiveStatus").objects.filter(user_id__in=[u.pk for u in users])
    assert sorted((str(r.course_id), r.last_synced is not None) for r in back) == [
        (never, False),
        ("course-v1:edX+NoFacts+2026", False),
        (synced, True),
        (synced, True),
        (synced, True),
    ]
    assert {r.last_synced for r in back.filter(course_id=synced)} == {newer}


def test_0006_orders_a_courses_rows_by_recency_in_its_index(back_to_latest):
    def indexes():
        with connection.cursor() as cursor:
            found = connection.introspection.get_constraints(cursor, "course_archive_coursearchivestatus")
        return {name: info["columns"] for name, info in found.items() if info["index"] and not info["unique"]}

    assert indexes()["course_archive_course_recent"] == ["course_id", "updated_at", "id"]
    assert "course_archive_course" not in indexes()
    _migrate("0005_last_synced_on_catalog_info")
    assert indexes()["course_archive_course"] == ["course_id"]
    assert "course_archive_course_recent" not in indexes()
