"""
The admin's search and list filters (admin_search.py), checked against seeded data on whichever database the
suite runs on: by course number, name, id and learner, by prefix or substring, by org, state and auto-archive
coverage.
"""

import pytest
from django.urls import reverse

from course_archive import api
from tests.conftest import BIO, HIST, MATH, OLD, ORPHAN

pytestmark = pytest.mark.django_db


CHANGELIST = reverse("admin:course_archive_coursearchivestatus_changelist")


@pytest.fixture
def staff_client(client, make_user):
    client.force_login(make_user("admin", is_staff=True, is_superuser=True))
    return client


def _found(client, **query):
    response = client.get(CHANGELIST, query)
    assert response.status_code == 200
    return sorted((row.user.username, str(row.course_id)) for row in response.context["cl"].result_list)


def test_search_by_course_number_name_id_and_learner(staff_client, seeded):
    hist = {("learner1", HIST), ("learner2", HIST), ("learner3", HIST), ("learner4", HIST), ("learner5", HIST)}
    assert set(_found(staff_client, q="Hist100")) == hist  # part of the id of a course the catalog knows
    assert set(_found(staff_client, q="world history")) == hist  # the name, every word
    assert set(_found(staff_client, q="edX+Hist")) == hist  # a prefix, without course-v1:
    assert set(_found(staff_client, q=HIST)) == hist  # the whole id
    assert set(_found(staff_client, q="course-v1:MITx")) == {("learner1", MATH)}
    assert _found(staff_client, q="learner2") == sorted([("learner2", HIST), ("learner2", OLD), ("learner2", BIO)])
    assert len(_found(staff_client, q="learner5@example")) == 2  # an email prefix
    assert _found(staff_client, q="learner2 Bio") == [("learner2", BIO)]  # every word must match
    assert _found(staff_client, q="nothing-like-this") == []


def test_prefix_search_uses_prefixes_and_substring_search_finds_any_part(staff_client, seeded, settings):
    api.archive(seeded["learner3"], ORPHAN)
    assert _found(staff_client, q="Z9") == []  # no catalog row, not a prefix
    assert _found(staff_client, q="arner3") == []
    response = staff_client.get(CHANGELIST)
    assert "usernames starting with it" in response.content.decode()
    settings.COURSE_ARCHIVE_ADMIN_SEARCH = "substring"
    assert _found(staff_client, q="Z9") == [("learner3", ORPHAN)]
    assert _found(staff_client, q="arner3") == sorted([("learner3", HIST), ("learner3", BIO), ("learner3", ORPHAN)])
    assert "containing each word" in staff_client.get(CHANGELIST).content.decode()


def test_filters_by_org_state_and_auto_archive(staff_client, seeded):
    page = staff_client.get(CHANGELIST).content.decode()
    assert "?org=HarvardX" in page and "?org=MITx" in page and "?auto_archive=covered" in page
    assert len(_found(staff_client, org="edX")) == 8
    assert _found(staff_client, org="HarvardX") == [("learner1", OLD), ("learner2", OLD), ("learner5", OLD)]
    assert len(_found(staff_client, org="edX", is_archived__exact="0")) == 2
    covered = _found(staff_client, auto_archive="covered")
    assert {course for _, course in covered} == {HIST, OLD} and len(covered) == 8
    not_covered = _found(staff_client, auto_archive="not_covered")
    assert {course for _, course in not_covered} == {BIO, MATH} and len(not_covered) == 4
