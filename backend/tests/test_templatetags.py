"""
The admin index's summary (templatetags/course_archive_admin.py): the kill switch's state with a link to its
flag, the auto-archive policy and the search mode, as the tag renders them and as the app's index shows them.
"""

import pytest
from django.template import Context, Template
from django.urls import reverse
from waffle.models import Flag

from course_archive.templatetags.course_archive_admin import course_archive_admin_summary

pytestmark = pytest.mark.django_db

APP_INDEX = reverse("admin:app_list", args=["course_archive"])
OVERVIEW = reverse("admin:course_archive_overview")


def _render():
    return Template("{% load course_archive_admin %}{% course_archive_admin_summary %}").render(Context())


def test_without_the_flag_the_summary_offers_to_add_it(settings):
    settings.COURSE_ARCHIVE_AUTO_ARCHIVE_DAYS_AFTER_END = None
    summary = course_archive_admin_summary()
    assert summary["kill_switch"]["exists"] is False
    assert summary["flag_url"] == reverse("admin:waffle_flag_add")
    assert summary["policy"] == {"days": None, "org_days": []} and summary["search_mode"] == "prefix"
    page = _render()
    assert "Off: the flag does not exist, archiving works for everyone." in page
    assert f'<a href="{reverse("admin:waffle_flag_add")}">Add the flag</a>' in page
    assert "Off by default (COURSE_ARCHIVE_AUTO_ARCHIVE_DAYS_AFTER_END is None)." in page
    assert "Prefix, served by the indexes" in page
    assert f'<a href="{OVERVIEW}">' in page


def test_with_the_flag_the_summary_links_to_it_and_says_who_it_is_on_for():
    flag = Flag.objects.create(name="course_archive.disabled", everyone=True)
    change = reverse("admin:waffle_flag_change", args=[flag.pk])
    assert course_archive_admin_summary()["flag_url"] == change
    assert "On for everyone: the plugin is switched off." in _render()
    assert f'<a href="{change}">Change the flag</a>' in _render()
    # waffle's flags are on for superusers unless told otherwise.
    for everyone, superusers, percent, shown in (
        (False, True, None, "Off for everyone."),
        (None, False, 10, "On for some requests"),
        (None, True, None, "On for some requests"),
        (None, False, None, "Off: the flag is set for nobody."),
    ):
        Flag.objects.filter(pk=flag.pk).update(everyone=everyone, superusers=superusers, percent=percent)
        assert shown in _render()


def test_the_policy_and_search_mode_follow_the_settings(settings):
    settings.COURSE_ARCHIVE_AUTO_ARCHIVE_DAYS_AFTER_END = 1
    settings.COURSE_ARCHIVE_AUTO_ARCHIVE_ORG_DAYS_AFTER_END = {"MITx": None, "HarvardX": 7, "edX": 1}
    settings.COURSE_ARCHIVE_ADMIN_SEARCH = "substring"
    page = _render()
    assert "Course runs count as archived 1 day after their end." in page
    assert "<code>HarvardX</code>: 7 days, <code>MITx</code>: off, <code>edX</code>: 1 day" in page
    assert "Substring (COURSE_ARCHIVE_ADMIN_SEARCH)" in page


def test_app_index_shows_the_kill_switch_and_the_policy(admin_client, seeded):
    page = admin_client.get(APP_INDEX).content.decode()
    assert "Off: the flag does not exist" in page
    assert "30 days after their end" in page and "<code>MITx</code>: off" in page
    assert OVERVIEW in page
    Flag.objects.create(name="course_archive.disabled", everyone=True)
    assert "On for everyone" in admin_client.get(APP_INDEX).content.decode()
    Flag.objects.filter(name="course_archive.disabled").update(everyone=None, percent=10)
    assert "On for some requests" in admin_client.get(APP_INDEX).content.decode()
