"""
Learners' statuses (statuses.py), called directly: who is an operator, which rows each user sees and how they
are read for showing, whose row a write names, and one row's create, update and delete with its change logged.
"""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from opaque_keys.edx.keys import CourseKey

from course_archive import exceptions, statuses
from course_archive.models import STATUS_COLUMNS, CourseArchiveActivity, CourseArchiveStatus, CourseCatalogInfo
from tests.conftest import COURSE, OTHER_COURSE

pytestmark = pytest.mark.django_db

KEY = CourseKey.from_string(COURSE)


def _logged():
    return [(str(row.course_id), row.is_archived) for row in CourseArchiveActivity.objects.order_by("id")]


def test_operators_are_authenticated_staff_or_superusers(learner, staff, superuser):
    assert [statuses.is_operator(user) for user in (learner, staff, superuser)] == [False, True, True]
    assert statuses.is_operator(None) is False
    assert statuses.is_operator(AnonymousUser()) is False


def test_a_learner_sees_their_own_rows_and_staff_every_row(learner, other_learner, staff):
    mine = statuses.archive(learner, COURSE)
    theirs = statuses.archive(other_learner, COURSE)
    assert list(statuses.statuses_visible_to(learner)) == [mine]
    assert sorted(row.pk for row in statuses.statuses_visible_to(staff)) == sorted([mine.pk, theirs.pk])


def test_rows_for_showing_carry_their_fields_and_catalog_facts(learner, django_assert_num_queries):
    archived = statuses.archive(learner, COURSE)
    statuses.create_status(learner, OTHER_COURSE)
    CourseCatalogInfo.objects.create(course_id=KEY, name="Demo course")
    with django_assert_num_queries(1):
        rows = {str(row["course_id"]): row for row in statuses.status_rows(statuses.statuses_visible_to(learner))}
    assert {name: rows[COURSE][name] for name in STATUS_COLUMNS} == {
        name: getattr(archived, name) for name in STATUS_COLUMNS
    }
    assert rows[COURSE]["catalog_info__name"] == "Demo course"
    assert rows[OTHER_COURSE]["catalog_info__id"] is None  # no catalog facts announced yet


def test_a_learner_may_only_name_themselves(learner, other_learner):
    assert statuses.resolve_owner(learner, None) == learner
    assert statuses.resolve_owner(learner, learner.pk) == learner
    for user_id in (other_learner.pk, 987654):  # another learner, or nobody: the same answer
        with pytest.raises(exceptions.NotPermitted) as error:
            statuses.resolve_owner(learner, user_id)
        assert error.value.field == "user"


def test_an_operator_may_name_any_existing_user(staff, learner):
    assert statuses.resolve_owner(staff, learner.pk) == learner
    with pytest.raises(exceptions.UnknownUser, match="No user has id 987654"):
        statuses.resolve_owner(staff, 987654)


def test_archive_and_unarchive_keep_one_row_and_log_each_change(learner):
    first = statuses.archive(learner, COURSE)
    assert first.is_archived and first.archive_date is not None
    again = statuses.archive(learner, KEY)
    assert again.pk == first.pk and again.archive_date == first.archive_date  # no change, same date
    back = statuses.unarchive(learner, COURSE)
    assert back.pk == first.pk and not back.is_archived and back.archive_date is None
    assert CourseArchiveStatus.objects.count() == 1
    assert _logged() == [(COURSE, True), (COURSE, False)]


def test_create_sets_the_date_of_an_archived_row_only(learner):
    archived = statuses.create_status(learner, COURSE, is_archived=True)
    active = statuses.create_status(learner, OTHER_COURSE)
    assert archived.archive_date is not None and active.archive_date is None
    assert _logged() == [(COURSE, True)]  # a new active row changes no state


def test_create_refuses_a_second_row_and_a_bad_key(learner):
    statuses.create_status(learner, COURSE)
    with pytest.raises(exceptions.StatusAlreadyExists, match=re.escape(COURSE)):
        statuses.create_status(learner, COURSE, is_archived=True)
    with pytest.raises(exceptions.InvalidCourseKey):
        statuses.create_status(learner, "library-v1:edX+Lib")
    assert CourseArchiveStatus.objects.count() == 1 and _logged() == []


def test_create_refuses_a_row_beyond_the_cap(learner, settings):
    settings.COURSE_ARCHIVE_MAX_STATUSES_PER_LEARNER = 1
    statuses.create_status(learner, COURSE)
    with pytest.raises(exceptions.TooManyStatuses):
        statuses.create_status(learner, OTHER_COURSE)


def test_update_changes_the_date_only_when_the_state_changes(learner):
    status = statuses.create_status(learner, COURSE)
    statuses.update_status(status, is_archived=True)
    archived_on = status.archive_date
    assert archived_on is not None
    statuses.update_status(status, is_archived=True)
    assert status.archive_date == archived_on
    statuses.update_status(status, is_archived=False, course_key=COURSE)
    status.refresh_from_db()
    assert not status.is_archived and status.archive_date is None
    assert _logged() == [(COURSE, True), (COURSE, False)]


def test_update_refuses_a_new_course(learner):
    status = statuses.create_status(learner, COURSE)
    with pytest.raises(exceptions.CourseIdChanged):
        statuses.update_status(status, is_archived=True, course_key=OTHER_COURSE)
    status.refresh_from_db()
    assert not status.is_archived


def test_update_moves_a_row_to_another_owner_unless_they_have_one(learner, other_learner):
    status = statuses.create_status(learner, COURSE)
    statuses.update_status(status, owner=other_learner)
    assert CourseArchiveStatus.objects.get(pk=status.pk).user == other_learner
    mine = statuses.create_status(learner, COURSE)
    # Inside the caller's transaction the collision is refused and the transaction goes on.
    with transaction.atomic():
        with pytest.raises(exceptions.StatusAlreadyExists):
            statuses.update_status(mine, owner=other_learner)
        assert CourseArchiveStatus.objects.filter(user=learner).count() == 1


def test_deleting_an_archived_row_is_logged_as_an_unarchive(learner):
    archived = statuses.archive(learner, COURSE)
    active = statuses.create_status(learner, OTHER_COURSE)
    statuses.delete_status(archived)
    statuses.delete_status(active)
    assert not CourseArchiveStatus.objects.exists()
    assert _logged() == [(COURSE, True), (COURSE, False)]
