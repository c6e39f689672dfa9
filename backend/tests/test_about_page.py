"""
About-page URLs (about_page.py): the order in which the admin's rules, site configurations and settings are
resolved, the rules' history and worker memo, the admin refusing an invalid template, and a rule saved in one
process seen by another.
"""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.test import override_settings
from django.urls import reverse
from openedx_filters.learning.filters import CourseAboutPageURLRequested

from course_archive.models import AboutPageUrlRule

pytestmark = pytest.mark.django_db

LMS_URL = "https://lms.example.com/courses/course-v1:edX+DemoX+2026/about"


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
