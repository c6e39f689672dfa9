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


def _found(client, **query):
    response = client.get(CHANGELIST, query)
    assert response.status_code == 200
    return sorted((row.user.username, str(row.course_id)) for row in response.context["cl"].result_list)


def test_search_by_course_number_name_id_and_learner(admin_client, seeded):
    hist = {("learner1", HIST), ("learner2", HIST), ("learner3", HIST), ("learner4", HIST), ("learner5", HIST)}
    assert set(_found(admin_client, q="Hist100")) == hist  # part of the id of a course the catalog knows
    assert set(_found(admin_client, q="world history")) == hist  # the name, every word
    assert set(_found(admin_client, q="edX+Hist")) == hist  # a prefix, without course-v1:
    assert set(_found(admin_client, q=HIST)) == hist  # the whole id
    assert set(_found(admin_client, q="course-v1:MITx")) == {("learner1", MATH)}
    assert _found(admin_client, q="learner2") == sorted([("learner2", HIST), ("learner2", OLD), ("learner2", BIO)])
    assert len(_found(admin_client, q="learner5@example")) == 2  # an email prefix
    assert _found(admin_client, q="learner2 Bio") == [("learner2", BIO)]  # every word must match
    assert _found(admin_client, q="nothing-like-this") == []


def test_prefix_search_uses_prefixes_and_substring_search_finds_any_part(admin_client, seeded, settings):
    api.archive(seeded["learner3"], ORPHAN)
    assert _found(admin_client, q="Z9") == []  # no catalog row, not a prefix
    assert _found(admin_client, q="arner3") == []
    response = admin_client.get(CHANGELIST)
    assert "usernames starting with it" in response.content.decode()
    settings.COURSE_ARCHIVE_ADMIN_SEARCH = "substring"
    assert _found(admin_client, q="Z9") == [("learner3", ORPHAN)]
    assert _found(admin_client, q="arner3") == sorted([("learner3", HIST), ("learner3", BIO), ("learner3", ORPHAN)])
    assert "containing each word" in admin_client.get(CHANGELIST).content.decode()


def test_filters_by_org_state_and_auto_archive(admin_client, seeded):
    page = admin_client.get(CHANGELIST).content.decode()
    assert "?org=HarvardX" in page and "?org=MITx" in page and "?auto_archive=covered" in page
    assert len(_found(admin_client, org="edX")) == 8
    assert _found(admin_client, org="HarvardX") == [("learner1", OLD), ("learner2", OLD), ("learner5", OLD)]
    assert len(_found(admin_client, org="edX", is_archived__exact="0")) == 2
    covered = _found(admin_client, auto_archive="covered")
    assert {course for _, course in covered} == {HIST, OLD} and len(covered) == 8
    not_covered = _found(admin_client, auto_archive="not_covered")
    assert {course for _, course in not_covered} == {BIO, MATH} and len(not_covered) == 4


def test_per_learner_and_per_course_links(admin_client, seeded):
    page = admin_client.get(CHANGELIST).content.decode()
    learner1 = seeded["learner1"].pk
    assert f'href="{CHANGELIST}?user={learner1}"' in page
    assert _found(admin_client, user=learner1) == sorted([("learner1", c) for c in (HIST, OLD, BIO, MATH)])
    assert len(_found(admin_client, course_id=HIST)) == 5
    assert "World History" in page  # the course's name under its id
