"""Operator controls: URL rules in the admin, the health endpoint and the maintenance commands."""

import datetime
import io
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from opaque_keys.edx.keys import CourseKey
from openedx_filters.learning.filters import CourseAboutPageURLRequested

from course_archive import api, operations
from course_archive.models import AboutPageUrlRule, CourseArchiveStatus, CourseCatalogInfo

pytestmark = pytest.mark.django_db

LMS_URL = "https://lms.example.com/courses/course-v1:edX+DemoX+2026/about"
HEALTH = "/course-archive/api/v1/health/"


def _rule(org, template, enabled=True, priority=0):
    return AboutPageUrlRule.objects.create(org=org, template=template, enabled=enabled, priority=priority)


def _about(org="edX", url=LMS_URL):
    return CourseAboutPageURLRequested.run_filter(url=url, org=org)[0]


# --- resolution order ----------------------------------------------------------------------


SETTINGS_ORG = "https://settings-org.example.com/{course}"
SETTINGS_SITE = "https://settings-site.example.com/{course}"
ADMIN_ORG = "https://admin-org.example.com/{course}"
ADMIN_SITE = "https://admin-site.example.com/{course}"


@override_settings(
    COURSE_ARCHIVE_ABOUT_PAGE_ORG_TEMPLATES={"edX": SETTINGS_ORG}, COURSE_ARCHIVE_ABOUT_PAGE_URL_TEMPLATE=SETTINGS_SITE
)
def test_resolution_order_admin_org_then_settings_org_then_admin_site_then_settings_site():
    _rule("", ADMIN_SITE)
    org_rule = _rule("edX", ADMIN_ORG)
    assert _about() == "https://admin-org.example.com/DemoX"
    _rule("edX", org_rule.template, enabled=False)  # a new, disabled version of the org rule
    assert _about() == "https://settings-org.example.com/DemoX"
    with override_settings(COURSE_ARCHIVE_ABOUT_PAGE_ORG_TEMPLATES={}):
        assert _about() == "https://admin-site.example.com/DemoX"
        _rule("", ADMIN_SITE, enabled=False)
        assert _about() == "https://settings-site.example.com/DemoX"
        with override_settings(COURSE_ARCHIVE_ABOUT_PAGE_URL_TEMPLATE=None):
            assert _about() == LMS_URL


def test_highest_enabled_priority_wins_for_an_org():
    _rule("edX", "https://low.example.com/{course}", priority=1)
    _rule("edX", "https://high.example.com/{course}", priority=5)
    _rule("edX", "https://disabled.example.com/{course}", priority=9, enabled=False)
    assert _about() == "https://high.example.com/DemoX"
    assert (
        _about(org="MITx", url="https://lms/courses/course-v1:MITx+A+1/about")
        == "https://lms/courses/course-v1:MITx+A+1/about"
    )


def test_every_change_is_kept_as_history():
    _rule("edX", "https://one.example.com/{course}")
    _rule("edX", "https://two.example.com/{course}")
    assert AboutPageUrlRule.objects.filter(org="edX").count() == 2
    assert _about() == "https://two.example.com/DemoX"


def test_rules_are_read_through_the_worker_memo_between_refreshes(django_assert_num_queries):
    _rule("edX", ADMIN_ORG)
    _about()  # reads the rules
    with override_settings(COURSE_ARCHIVE_URL_RULES_REFRESH_SECONDS=60), django_assert_num_queries(0):
        for _ in range(100):
            assert _about() == "https://admin-org.example.com/DemoX"


def test_a_database_without_the_rules_table_falls_back_to_settings(monkeypatch, caplog):
    from django.db import ProgrammingError

    def missing(*args, **kwargs):
        raise ProgrammingError("no such table: course_archive_aboutpageurlrule")

    monkeypatch.setattr(AboutPageUrlRule, "key_values", classmethod(missing))
    with override_settings(COURSE_ARCHIVE_ABOUT_PAGE_URL_TEMPLATE=SETTINGS_SITE):
        assert _about() == "https://settings-site.example.com/DemoX"
    assert "could not read the about-page URL rules" in caplog.text


def test_admin_refuses_an_invalid_template(client, make_user):
    client.force_login(make_user("admin", is_staff=True, is_superuser=True))
    response = client.post(
        reverse("admin:course_archive_aboutpageurlrule_add"),
        {"org": "edX", "priority": 0, "template": "ftp://nope/{slug}", "enabled": "on"},
    )
    assert response.status_code == 200
    assert "The template is invalid" in response.content.decode()
    assert not AboutPageUrlRule.objects.exists()
    ok = client.post(
        reverse("admin:course_archive_aboutpageurlrule_add"),
        {"org": "edX", "priority": 0, "template": ADMIN_ORG, "enabled": "on"},
    )
    assert ok.status_code == 302
    assert AboutPageUrlRule.current("edX", 0).changed_by.username == "admin"
    assert _about() == "https://admin-org.example.com/DemoX"


CHANGE_IN_OTHER_PROCESS = textwrap.dedent(
    """
    import os
    from course_archive.models import AboutPageUrlRule
    AboutPageUrlRule.objects.create(org="edX", template=os.environ["NEW_TEMPLATE"], enabled=True)
    """
)

WATCH_IN_OTHER_PROCESS = textwrap.dedent(
    """
    import sys, time
    from django.conf import settings
    from edx_django_utils.cache import RequestCache
    from openedx_filters.learning.filters import CourseAboutPageURLRequested
    settings.COURSE_ARCHIVE_URL_RULES_REFRESH_SECONDS = 0.2
    url = "https://lms.example.com/courses/course-v1:edX+DemoX+2026/about"
    print("before", CourseAboutPageURLRequested.run_filter(url=url, org="edX")[0], flush=True)
    sys.stdin.readline()  # the other process has saved its rule
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        RequestCache.clear_all_namespaces()  # a new request
        seen = CourseAboutPageURLRequested.run_filter(url=url, org="edX")[0]
        if seen != url:
            break
        time.sleep(0.05)
    print("after", seen, flush=True)
    """
)


@pytest.mark.django_db(transaction=True)
def test_a_rule_saved_in_one_process_is_seen_by_another(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "demo_host.settings.test",
        "COURSE_ARCHIVE_TEST_DB": "sqlite-file",
        "COURSE_ARCHIVE_TEST_DB_NAME": str(tmp_path / "shared.sqlite3"),
        "COURSE_ARCHIVE_TEST_CACHE_DIR": str(tmp_path / "cache"),
    }
    backend = Path(__file__).resolve().parents[1]
    manage = [sys.executable, "manage.py"]
    shell = [*manage, "shell", "-v", "0", "-c"]
    subprocess.run([*manage, "migrate", "-v0"], cwd=backend, env=env, check=True, timeout=120)
    watcher = subprocess.Popen(
        [*shell, WATCH_IN_OTHER_PROCESS],
        cwd=backend,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert watcher.stdout.readline().split() == ["before", LMS_URL]
        subprocess.run(
            [*shell, CHANGE_IN_OTHER_PROCESS],
            cwd=backend,
            env={**env, "NEW_TEMPLATE": ADMIN_ORG},
            check=True,
            timeout=60,
        )
        out, _ = watcher.communicate("saved\n", timeout=30)
    finally:
        watcher.kill()
    assert out.split() == ["after", "https://admin-org.example.com/DemoX"]


# --- sync command --------------------------------------------------------------------------


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


# --- health --------------------------------------------------------------------------------


def test_health_ok_for_anyone_details_for_staff(client, staff_client):
    anonymous = client.get(HEALTH)
    assert anonymous.status_code == 200
    assert anonymous.json() == {"status": "ok"}
    staff = staff_client.get(HEALTH)
    assert staff.json() == {"status": "ok", "checks": {"cache": "ok", "database": "ok", "migrations": "ok"}}


def test_learner_gets_only_the_status(learner_client):
    assert learner_client.get(HEALTH).json() == {"status": "ok"}


@pytest.mark.django_db(transaction=True)
def test_health_is_503_naming_the_check_when_tables_are_gone(client, staff_client):
    operations._migrations_applied.clear()  # noqa: SLF001 - the memo of a passed check, forgotten
    call_command("migrate", "course_archive", "zero", verbosity=0)
    try:
        broken = staff_client.get(HEALTH)
        anonymous = client.get(HEALTH)
    finally:
        call_command("migrate", "course_archive", verbosity=0)
        operations._migrations_applied.clear()  # noqa: SLF001 - the memo of a passed check, forgotten
    assert broken.status_code == anonymous.status_code == 503
    assert anonymous.json() == {"status": "error"}
    checks = broken.json()["checks"]
    assert checks["database"] != "ok"
    assert checks["migrations"].startswith("not applied: 0001_initial")
    assert "PASSWORD" not in broken.content.decode() and "sqlite" not in broken.content.decode().lower()


# --- maintenance commands -------------------------------------------------------------------


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
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--ended-before"):
        call_command("course_archive_archive_ended", "--ended-before", "last tuesday")


# --- admin ---------------------------------------------------------------------------------


def test_changelist_shows_counts_and_catalog_facts(client, make_user):
    client.force_login(make_user("admin", is_staff=True, is_superuser=True))
    learner = make_user("learner")
    api.archive(learner, "course-v1:edX+Shown+2026")
    api.create_status(learner, "course-v1:edX+Plain+2026")
    _catalog("course-v1:edX+Shown+2026", datetime.datetime(2026, 5, 1, tzinfo=datetime.UTC))
    response = client.get(reverse("admin:course_archive_coursearchivestatus_changelist"))
    page = response.content.decode()
    assert "Archived: <strong>1</strong>" in page and "Active: <strong>1</strong>" in page
    assert "course-v1:edX+Shown+2026" in page
    names = {
        str(row.course_id): row.catalog_info and row.catalog_info.name for row in response.context["cl"].result_list
    }
    assert names == {"course-v1:edX+Shown+2026": "course-v1:edX+Shown+2026", "course-v1:edX+Plain+2026": None}
