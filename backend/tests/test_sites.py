"""
Per-site settings and scoping: two sites of one LMS with different orgs and about-page templates (the
demo host's stand-in for the platform's site configurations, reached through ``course_archive.platform``).
"""

from urllib.parse import quote

import pytest
from openedx_filters.learning.filters import CourseAboutPageURLRequested

from course_archive import about_page, api
from demo_host.models import DemoSiteConfiguration
from tests.conftest import API, in_request

pytestmark = pytest.mark.django_db

EDX_COURSE = "course-v1:edX+DemoX+2026"
MIT_COURSE = "course-v1:MITx+6.002+2026"
OLD_STYLE_MIT = "MITx/6.001/2025"
OTHER_COURSE = "course-v1:HarvardX+CS50+2026"


def _catalog(course_id):
    """What the Django settings' template makes of a course (placeholders are URL-quoted)."""
    return f"https://catalog.example.com/{quote(course_id, safe='')}"


@pytest.fixture
def sites(settings):
    settings.ALLOWED_HOSTS = ["*"]
    settings.COURSE_ARCHIVE_ABOUT_PAGE_URL_TEMPLATE = "https://catalog.example.com/{course_id}"
    DemoSiteConfiguration.objects.create(
        domain="edx.example.com",
        orgs=["edX"],
        values={"COURSE_ARCHIVE_ABOUT_PAGE_URL_TEMPLATE": "https://edx.example.com/about/{course}"},
    )
    DemoSiteConfiguration.objects.create(
        domain="mit.example.com",
        orgs=["MITx"],
        values={"COURSE_ARCHIVE_ABOUT_PAGE_ORG_TEMPLATES": {"MITx": "https://mit.example.com/{course}/{run}"}},
    )
    api.forget_about_page_rules()


def _about_url(host, course_id, org):
    """The about-page URL the platform would show for a course, in a request for ``host``."""
    url = f"https://{host}/courses/{course_id}/about"
    return in_request(lambda: CourseAboutPageURLRequested.run_filter(url=url, org=org)[0], host=host)


def test_each_orgs_site_configuration_comes_before_django_settings(sites):
    assert _about_url("edx.example.com", EDX_COURSE, "edX") == "https://edx.example.com/about/DemoX"
    assert _about_url("mit.example.com", MIT_COURSE, "MITx") == "https://mit.example.com/6.002/2026"
    # An org no site configures: Django settings.
    assert _about_url("edx.example.com", OTHER_COURSE, "HarvardX") == _catalog(OTHER_COURSE)


def test_the_memo_never_serves_one_sites_url_to_another(sites):
    # The same platform URL and org asked on two sites whose settings differ (as eox-tenant makes them).
    url, org = f"https://lms.example.com/courses/{OTHER_COURSE}/about", "HarvardX"

    def ask(host):
        return in_request(lambda: api.about_page_url(url, org), host=host)

    first = ask("edx.example.com")
    assert first == _catalog(OTHER_COURSE)
    # The other site's answer is worked out for that site, not taken from the first site's memo entry.
    about_page._about_page_urls[("edx.example.com", url, org)] = "https://stale.example.com/"  # noqa: SLF001 - a stale memo entry
    assert ask("mit.example.com") == _catalog(OTHER_COURSE)
    assert ask("edx.example.com") == "https://stale.example.com/"


def test_site_values_are_read_once_per_refresh(sites, django_assert_num_queries):
    _about_url("edx.example.com", EDX_COURSE, "edX")
    with django_assert_num_queries(0):
        for _ in range(20):
            _about_url("edx.example.com", "course-v1:edX+Other+2026", "edX")


def test_an_invalid_template_in_a_site_configuration_is_skipped(sites):
    DemoSiteConfiguration.objects.filter(domain="edx.example.com").update(
        values={"COURSE_ARCHIVE_ABOUT_PAGE_URL_TEMPLATE": "/relative/{nothing}"}
    )
    api.forget_about_page_rules()
    assert _about_url("edx.example.com", EDX_COURSE, "edX") == _catalog(EDX_COURSE)


# --- the learner listing, scoped to a site's orgs ---------------------------------------------------


@pytest.fixture
def archived_everywhere(learner):
    for course in (EDX_COURSE, MIT_COURSE, OLD_STYLE_MIT, OTHER_COURSE, "course-v1:MITxPro+X+2026"):
        api.archive(learner, course)


@pytest.mark.parametrize(
    "orgs, expected",
    [
        ("edX", {EDX_COURSE}),
        ("MITx", {MIT_COURSE, OLD_STYLE_MIT}),
        ("edX,MITx", {EDX_COURSE, MIT_COURSE, OLD_STYLE_MIT}),
        ("Nobody", set()),
    ],
)
def test_the_listing_takes_an_org_scope(learner_client, archived_everywhere, orgs, expected):
    body = learner_client.get(API, {"is_archived": "true", "org": orgs}).json()
    assert {row["course_id"] for row in body["results"]} == expected
    assert body["count"] == len(expected)


def test_without_an_org_scope_every_row_is_listed(learner_client, archived_everywhere):
    assert learner_client.get(API).json()["count"] == 5


@pytest.mark.parametrize("orgs", ["", "edX,", "ed X", "edX+Demo", "a/b", "x:y", ",".join(["o"] * 51)])
def test_a_bad_org_scope_is_a_400_naming_org(learner_client, archived_everywhere, orgs):
    response = learner_client.get(API, {"org": orgs})
    if orgs == "":
        assert response.status_code == 200  # an empty parameter is no scope
        return
    assert response.status_code == 400
    assert set(response.json()) == {"org"}


def test_the_current_sites_orgs_come_from_its_configuration(sites):
    from course_archive import platform

    def orgs_for(host):
        return in_request(platform.current_site_orgs, host=host)

    assert orgs_for("edx.example.com") == ["edX"]
    assert orgs_for("mit.example.com") == ["MITx"]
    assert orgs_for("unknown.example.com") == []
