"""
``course_archive.platform``: the one door to the platform's internals. The backend is the module the setting
names, read at each call; where edx-platform is absent the real backend answers "nothing known".
"""

import datetime
import sys
import types

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings
from opaque_keys.edx.keys import CourseKey

from course_archive import platform
from course_archive.platform import CourseOverviewData
from course_archive.platform.backends import openedx
from demo_host.models import DemoCourse, DemoCourseOverview, DemoEnrollment
from tests.conftest import BIO, HIST

KEY = CourseKey.from_string("course-v1:edX+Door+2026")


@pytest.fixture
def stub_backend(monkeypatch):
    """A backend module of the test's own, with only ``is_available``."""
    module = types.ModuleType("tests_stub_platform_backend")
    module.is_available = lambda: True
    monkeypatch.setitem(sys.modules, module.__name__, module)
    return module


@pytest.mark.django_db
def test_the_demo_host_backend_reads_its_course_overviews(django_assert_num_queries):
    start = datetime.datetime(2026, 1, 5, tzinfo=datetime.UTC)
    DemoCourseOverview.objects.create(id=KEY, display_name="Door", start=start, self_paced=True)
    with django_assert_num_queries(1):
        overviews = platform.course_overviews([KEY, CourseKey.from_string("course-v1:edX+Absent+2026")])
    (overview,) = overviews.values()
    assert isinstance(overview, CourseOverviewData) and list(overviews) == [KEY]
    assert (overview.course_key, overview.display_name, overview.start, overview.self_paced) == (
        KEY,
        "Door",
        start,
        True,
    )
    assert overview.modified is not None and platform.is_available()


def test_the_backend_is_read_at_call_time_and_a_missing_function_has_a_default(stub_backend):
    with override_settings(COURSE_ARCHIVE_PLATFORM_BACKEND=stub_backend.__name__):
        assert platform.backend() is stub_backend
        assert platform.is_available() is True
        assert platform.course_overviews([KEY]) == {}
        stub_backend.course_overviews = lambda keys: {key: CourseOverviewData(course_key=key) for key in keys}
        assert list(platform.course_overviews(iter([KEY]))) == [KEY]


def test_outside_edx_platform_the_real_backend_knows_nothing_and_does_not_fail():
    assert "openedx.core" not in sys.modules
    assert openedx.is_available() is False
    assert openedx.course_overviews([KEY]) == {}
    with override_settings(COURSE_ARCHIVE_PLATFORM_BACKEND="course_archive.platform.backends.openedx"):
        assert platform.is_available() is False
        assert platform.course_overviews([KEY]) == {}


@pytest.mark.parametrize(
    ("overrides", "setting", "code"),
    [
        ({"COURSE_ARCHIVE_PLATFORM_BACKEND": "no.such.module"}, "COURSE_ARCHIVE_PLATFORM_BACKEND", "E020"),
        ({"COURSE_ARCHIVE_PLATFORM_BACKEND": ""}, "COURSE_ARCHIVE_PLATFORM_BACKEND", "E020"),
        ({"COURSE_ARCHIVE_PLATFORM_BACKEND": 3}, "COURSE_ARCHIVE_PLATFORM_BACKEND", "E020"),
        ({"COURSE_ARCHIVE_CATALOG_TASK_QUEUE": ""}, "COURSE_ARCHIVE_CATALOG_TASK_QUEUE", "E021"),
        ({"COURSE_ARCHIVE_CATALOG_TASK_QUEUE": " edx.lms.core.default"}, "COURSE_ARCHIVE_CATALOG_TASK_QUEUE", "E021"),
        ({"COURSE_ARCHIVE_CATALOG_TASK_QUEUE": ["a"]}, "COURSE_ARCHIVE_CATALOG_TASK_QUEUE", "E021"),
    ],
)
def test_bad_platform_settings_fail_check_naming_the_setting(overrides, setting, code):
    with override_settings(**overrides), pytest.raises(SystemCheckError) as raised:
        call_command("check")
    assert setting in str(raised.value) and f"course_archive.{code}" in str(raised.value)


@pytest.mark.parametrize(
    "overrides",
    [
        {"COURSE_ARCHIVE_PLATFORM_BACKEND": "course_archive.platform.backends.openedx"},
        {"COURSE_ARCHIVE_CATALOG_TASK_QUEUE": "edx.cms.core.default"},
        {"COURSE_ARCHIVE_CATALOG_TASK_QUEUE": None},
    ],
)
def test_good_platform_settings_pass(overrides):
    with override_settings(**overrides):
        call_command("check")


@pytest.mark.django_db
def test_enrolment_counts_through_the_platform_door(django_assert_num_queries, make_user):
    course = DemoCourse.objects.create(course_id=CourseKey.from_string(HIST), name="World History")
    for index in range(3):
        DemoEnrollment.objects.create(user=make_user(f"e{index}"), course=course)
    keys = [CourseKey.from_string(HIST), CourseKey.from_string(BIO)]
    with django_assert_num_queries(1):
        assert platform.enrollment_counts(keys) == {keys[0]: 3}
    assert openedx.enrollment_counts(keys) == {}  # outside the LMS: nothing known
