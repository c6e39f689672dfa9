"""
One account cannot grow the status table without bound: a learner has at most
``COURSE_ARCHIVE_MAX_STATUSES_PER_LEARNER`` rows, and content libraries (never on a dashboard) are refused.
Beyond either, a 400 naming the field, and nothing written.
"""

import pytest

from course_archive import api
from course_archive.models import CourseArchiveStatus
from tests.conftest import API

pytestmark = pytest.mark.django_db

CAP = 3
COURSES = [f"course-v1:edX+Grow{i}+2026" for i in range(6)]


@pytest.fixture
def cap(settings):
    settings.COURSE_ARCHIVE_MAX_STATUSES_PER_LEARNER = CAP
    return CAP


def _rows(user):
    return sorted(str(key) for key in CourseArchiveStatus.objects.filter(user=user).values_list("course_id", flat=True))


def test_by_course_creates_up_to_the_cap_then_refuses_a_new_course(learner_client, learner, cap):
    for course in COURSES[:cap]:
        assert learner_client.put(f"{API}by-course/{course}/", {"is_archived": True}, format="json").status_code == 201
    refused = learner_client.put(f"{API}by-course/{COURSES[cap]}/", {"is_archived": True}, format="json")
    assert refused.status_code == 400
    assert f"at most {cap}" in refused.json()["course_id"][0]
    assert _rows(learner) == sorted(COURSES[:cap])
    # The rows the learner has still change, both ways.
    for state in (False, True):
        response = learner_client.put(f"{API}by-course/{COURSES[0]}/", {"is_archived": state}, format="json")
        assert response.status_code == 200 and response.json()["is_archived"] is state


def test_bulk_refuses_what_would_pass_the_cap_and_writes_nothing(learner_client, learner, cap):
    api.set_archive_state(learner, COURSES[0], True)
    api.set_archive_state(learner, COURSES[1], False)
    over = learner_client.post(f"{API}bulk/", {"course_ids": COURSES[:4], "is_archived": True}, format="json")
    assert over.status_code == 400 and "course_ids" in over.json()
    assert _rows(learner) == sorted(COURSES[:2])
    assert not CourseArchiveStatus.objects.get(user=learner, course_id=COURSES[1]).is_archived
    # Up to the cap, counting the rows that exist already, it passes.
    fits = learner_client.post(f"{API}bulk/", {"course_ids": COURSES[:3], "is_archived": True}, format="json")
    assert fits.status_code == 200 and fits.json()["count"] == 3


def test_create_is_bound_by_the_cap_for_learners_and_for_staff(learner_client, staff_client, learner, cap):
    for course in COURSES[:cap]:
        api.set_archive_state(learner, course, False)
    mine = learner_client.post(API, {"course_id": COURSES[cap]}, format="json")
    assert mine.status_code == 400 and "course_id" in mine.json()
    for_learner = staff_client.post(API, {"course_id": COURSES[cap], "user": learner.pk}, format="json")
    assert for_learner.status_code == 400 and "course_id" in for_learner.json()
    assert _rows(learner) == sorted(COURSES[:cap])


def test_the_cap_is_per_learner(learner_client, other_learner, cap):
    for course in COURSES[:cap]:
        api.set_archive_state(other_learner, course, True)
    assert learner_client.put(f"{API}by-course/{COURSES[0]}/", {"is_archived": True}, format="json").status_code == 201


LIBRARIES = ["library-v1:edX+Lib101", "library-v1:MITx+Physics"]


@pytest.mark.parametrize("library", LIBRARIES)
def test_content_libraries_are_refused_naming_the_field(learner_client, learner, library):
    for response, field in [
        (learner_client.put(f"{API}by-course/{library}/", {"is_archived": True}, format="json"), "course_id"),
        (learner_client.post(API, {"course_id": library}, format="json"), "course_id"),
        (
            learner_client.post(f"{API}bulk/", {"course_ids": [library], "is_archived": True}, format="json"),
            "course_ids",
        ),
        (learner_client.get(API, {"course_id": library}), "course_id"),
    ]:
        assert response.status_code == 400, response.content
        assert field in response.json()
        assert "library" in response.content.decode()
    assert not CourseArchiveStatus.objects.exists()


def test_ccx_courses_are_courses(learner_client):
    ccx = "ccx-v1:edX+DemoX+2026+ccx@3"
    response = learner_client.put(f"{API}by-course/{ccx}/", {"is_archived": True}, format="json")
    assert response.status_code == 201 and response.json()["course_id"] == ccx
