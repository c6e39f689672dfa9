"""
The admin's overview page (admin_overview.py): who may see it, the context its view builds from the
overview's figures (links to the changelist, the charts' geometry) and the page drawn from it.
"""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from course_archive import admin_overview, api
from tests.conftest import HIST, MATH

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:course_archive_coursearchivestatus_changelist")
OVERVIEW = reverse("admin:course_archive_overview")


def test_overview_page_draws_each_chart_with_its_table(admin_client, seeded):
    response = admin_client.get(OVERVIEW)
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count('<svg class="ca-chart"') == 5 and page.count('<caption class="ca-sr-only">') == 5
    assert page.count('aria-hidden="true" focusable="false"') == 4  # the bar charts; the day chart is an img
    assert 'role="img"' in page and "11 archives and 1 unarchives in the last 90 days" in page
    assert f"?course_id={HIST.replace(':', '%3A').replace('+', '%2B')}&amp;is_archived__exact=1" in page
    assert f"?user={seeded['learner1'].pk}&amp;is_archived__exact=1" in page
    assert ">50 %<" in page  # Hist100: 4 of 8 enrolled learners


def test_overview_needs_the_view_permission(client, make_user):
    assert client.get(OVERVIEW).status_code == 302  # to the admin's login
    staff = make_user("staff", is_staff=True)
    client.force_login(staff)
    assert client.get(OVERVIEW).status_code == 403
    staff.user_permissions.add(Permission.objects.get(codename="view_coursearchivestatus"))
    assert client.get(OVERVIEW).status_code == 200


def test_the_context_links_each_row_to_the_changelist_and_charts_the_figures(admin_client, seeded):
    context = admin_client.get(OVERVIEW).context
    figures = context["figures"]
    assert figures["totals"] == api.overview()["totals"]
    assert context["cache_seconds"] == api.OVERVIEW_CACHE_SECONDS
    hist = figures["courses"][0]
    assert hist["course_id"] == HIST
    assert hist["url"] == f"{CHANGELIST}?course_id=course-v1%3AedX%2BHist100%2B2026&is_archived__exact=1"
    learner1 = figures["learners"][0]
    assert learner1["url"] == f"{CHANGELIST}?user={seeded['learner1'].pk}&is_archived__exact=1"
    assert [org["url"] for org in figures["orgs"]] == [f"{CHANGELIST}?org={org['org']}" for org in figures["orgs"]]
    # One bar per row of each table, in the same order; coverage stacks covered and not covered runs.
    assert [bar["label"] for bar in context["course_chart"]["bars"]] == [c["course_id"] for c in figures["courses"]]
    assert [bar["value"] for bar in context["org_chart"]["bars"]] == [
        org["archived"] + org["active"] for org in figures["orgs"]
    ]
    assert [bar["value"] for bar in context["coverage_chart"]["bars"]] == [
        org["runs"] for org in figures["auto_archive"]
    ]
    assert len(context["day_chart"]["columns"]) == len(figures["per_day"]) == api.OVERVIEW_DAYS


def test_refresh_computes_the_figures_again(admin_client, seeded):
    archived = admin_client.get(OVERVIEW).context["figures"]["totals"]["archived"]
    api.archive(seeded["learner4"], MATH)
    assert admin_client.get(OVERVIEW).context["figures"]["totals"]["archived"] == archived  # cached
    assert admin_client.get(OVERVIEW, {"refresh": "1"}).context["figures"]["totals"]["archived"] == archived + 1


def test_bars_are_scaled_to_the_largest_row_and_stacked():
    rows = [{"org": "a", "x": 4, "y": 4}, {"org": "b", "x": 2, "y": None}]
    chart = admin_overview.bar_chart(rows, "org", ("x", "archived"), ("y", "active"))
    room = admin_overview.CHART_WIDTH - admin_overview.LABEL_WIDTH - 60
    first, second = chart["bars"]
    assert [segment["width"] for segment in first["segments"]] == [room / 2, room / 2]
    assert first["segments"][1]["x"] == admin_overview.LABEL_WIDTH + room / 2  # stacked after the first
    assert [segment["width"] for segment in second["segments"]] == [room / 4, 0]
    assert (first["value"], second["value"]) == (8, 2)
    assert second["y"] == admin_overview.BAR_HEIGHT
    assert chart["height"] == 2 * admin_overview.BAR_HEIGHT


def test_empty_charts_have_no_bars_and_divide_by_nothing():
    assert admin_overview.bar_chart([], "org", ("x", "archived"))["bars"] == []
    day = datetime.date(2026, 1, 1)
    chart = admin_overview.day_chart([{"day": day, "archived": 0, "unarchived": 0}])
    (column,) = chart["columns"]
    assert (column["up"], column["down"], chart["top"]) == (0, 0, 1)


def test_day_columns_go_up_for_archives_and_down_for_unarchives():
    days = [datetime.date(2026, 1, 1) + datetime.timedelta(days=index) for index in range(16)]
    per_day = [{"day": day, "archived": 0, "unarchived": 0} for day in days]
    per_day[0]["archived"], per_day[1]["unarchived"] = 10, 5
    chart = admin_overview.day_chart(per_day)
    half = admin_overview.DAY_CHART_HEIGHT / 2
    first, second = chart["columns"][:2]
    assert first["up"] == half - 4 and first["up_y"] == 4 and first["down"] == 0
    assert second["down"] == (half - 4) / 2 and second["up"] == 0
    assert [column["label"] for column in chart["columns"] if column["label"]] == ["01-01", "01-16"]
