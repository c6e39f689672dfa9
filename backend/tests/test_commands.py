"""
The management commands: course_archive_sync_rules, course_archive_stats, course_archive_archive_ended and
course_archive_prune_activity.
"""

import datetime
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import timezone
from opaque_keys.edx.keys import CourseKey

from course_archive import api
from course_archive.models import AboutPageUrlRule, CourseArchiveActivity, CourseArchiveStatus, CourseCatalogInfo

pytestmark = pytest.mark.django_db


SETTINGS_ORG = "https://settings-org.example.com/{course}"
SETTINGS_SITE = "https://settings-site.example.com/{course}"
ADMIN_ORG = "https://admin-org.example.com/{course}"


def _rule(org, template, enabled=True, priority=0):
    return AboutPageUrlRule.objects.create(org=org, template=template, enabled=enabled, priority=priority)


def _sync(*args):
    out = io.StringIO()
    call_command("course_archive_sync_rules", *args, stdout=out)
    return out.getvalue()


@override_settings(
    COURSE_ARCHIVE_ABOUT_PAGE_ORG_TEMPLATES={"edX": SETTINGS_ORG, "MITx": SETTINGS_ORG},
    COURSE_ARCHIVE_ABOUT_PAGE_URL_TEMPLATE=SETTINGS_SITE,
)
def test_sync_rules_create_update_and_dry_run():
    assert "Dry run: 3 created, 0 updated, 0 unchanged." in _sync("--dry-run")
    assert not AboutPageUrlRule.objects.exists()

    assert "3 created, 0 updated, 0 unchanged." in _sync()
    assert {(r.org, r.template) for r in AboutPageUrlRule.objects.current_set()} == {
        ("edX", SETTINGS_ORG),
        ("MITx", SETTINGS_ORG),
        ("", SETTINGS_SITE),
    }
    assert "0 created, 0 updated, 3 unchanged." in _sync()  # idempotent

    _rule("edX", ADMIN_ORG)  # an operator's edit in the admin
    assert "0 created, 0 updated, 3 unchanged." in _sync("--mode", "create")
    assert AboutPageUrlRule.current("edX", 0).template == ADMIN_ORG
    assert "Dry run: 0 created, 1 updated, 2 unchanged." in _sync("--mode", "update", "--dry-run")
    assert AboutPageUrlRule.current("edX", 0).template == ADMIN_ORG
    assert "0 created, 1 updated, 2 unchanged." in _sync("--mode", "update")
    assert AboutPageUrlRule.current("edX", 0).template == SETTINGS_ORG
    assert "0 created, 0 updated, 3 unchanged." in _sync("--mode", "update")


def _catalog(course, end):
    CourseCatalogInfo.objects.create(course_id=CourseKey.from_string(course), name=course, end=end)


def _run(command, *args):
    out = io.StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


def test_stats(make_user):
    users = [make_user(f"s{i}") for i in range(3)]
    for user in users:
        api.archive(user, "course-v1:edX+Popular+2026")
    api.archive(users[0], "course-v1:MITx+Other+2026")
    api.create_status(users[1], "course-v1:MITx+Other+2026")
    text = _run("course_archive_stats")
    assert "Statuses: 5 (4 archived, 1 active)" in text
    data = json.loads(_run("course_archive_stats", "--json", "--top", "1"))
    assert data["by_org"] == {"MITx": {"archived": 1, "active": 1}, "edX": {"archived": 3, "active": 0}}
    assert data["most_archived"] == [{"course_id": "course-v1:edX+Popular+2026", "archived": 3}]


def test_archive_ended_archives_only_existing_rows_of_ended_courses_in_batches(make_user):
    past = datetime.datetime(2025, 6, 1, tzinfo=datetime.UTC)
    future = datetime.datetime(2027, 6, 1, tzinfo=datetime.UTC)
    _catalog("course-v1:edX+Ended+2025", past)
    _catalog("course-v1:MITx+Ended+2025", past)
    _catalog("course-v1:edX+Running+2027", future)
    users = [make_user(f"a{i}") for i in range(5)]
    for user in users:
        api.create_status(user, "course-v1:edX+Ended+2025")
        api.create_status(user, "course-v1:edX+Running+2027")
    api.create_status(users[0], "course-v1:MITx+Ended+2025")

    dry = _run("course_archive_archive_ended", "--ended-before", "2026-01-01", "--org", "edX", "--dry-run")
    assert "Dry run: would archive 5 status(es) in 1 ended course(s)." in dry
    assert not CourseArchiveStatus.objects.filter(is_archived=True).exists()

    out = _run("course_archive_archive_ended", "--ended-before", "2026-01-01", "--org", "edX", "--batch-size", "2")
    assert "[1/1] course-v1:edX+Ended+2025: 5 archived" in out
    ended = CourseArchiveStatus.objects.filter(course_id=CourseKey.from_string("course-v1:edX+Ended+2025"))
    assert all(row.is_archived and row.archive_date for row in ended)
    assert not CourseArchiveStatus.objects.filter(is_archived=True).exclude(pk__in=ended).exists()
    assert not CourseArchiveStatus.objects.filter(user__username="nobody").exists()  # no rows created

    assert "Archived 0 status(es) in 1 ended course(s)." in _run(
        "course_archive_archive_ended", "--ended-before", "2026-01-01", "--org", "edX"
    )
    everything = _run("course_archive_archive_ended", "--ended-before", "2026-01-01")
    assert "Archived 1 status(es) in 2 ended course(s)." in everything


def test_archive_ended_rejects_a_bad_date():
    with pytest.raises(CommandError, match="--ended-before"):
        call_command("course_archive_archive_ended", "--ended-before", "last tuesday")


def test_prune_activity_keeps_the_days_asked_for(make_user):
    now = timezone.now()
    for days in (10, 89, 364, 366, 400, 800):
        CourseArchiveActivity.objects.create(
            course_id=CourseKey.from_string("course-v1:edX+Bio+2025"),
            is_archived=True,
            created=now - datetime.timedelta(days=days),
        )
    out = io.StringIO()
    call_command("course_archive_prune_activity", "--dry-run", stdout=out)
    assert "would delete 3 activity row(s)" in out.getvalue() and CourseArchiveActivity.objects.count() == 6
    call_command("course_archive_prune_activity", "--batch-size", "2", stdout=out)
    assert sorted((now - row.created).days for row in CourseArchiveActivity.objects.all()) == [10, 89, 364]
    call_command("course_archive_prune_activity", "--keep-days", "90", stdout=out)
    assert CourseArchiveActivity.objects.count() == 2
    with pytest.raises(CommandError, match="at least 90"):
        call_command("course_archive_prune_activity", "--keep-days", "30")
