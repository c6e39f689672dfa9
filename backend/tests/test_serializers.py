"""
The status serializer (rest_api/v1/serializers.py) and the rows it reads (api.status_rows) give DRF's own
answer for model instances, value for value, in any time zone; datetimes as DRF writes them.
"""

import datetime
import json
import zoneinfo

import pytest
from bench.scenarios import scenarios
from django.utils import timezone
from opaque_keys.edx.keys import CourseKey
from rest_framework import serializers

from course_archive import api
from course_archive.models import SHOWN_CATALOG_FIELDS, CourseArchiveStatus, CourseCatalogInfo
from course_archive.rest_api.v1.serializers import CourseArchiveStatusSerializer, DatetimeText
from tests.conftest import BENCH_BIG_COURSE, BENCH_BULK_COURSES, BENCH_COURSES

pytestmark = pytest.mark.django_db


BIG_COURSE, COURSES, BULK_COURSES = BENCH_BIG_COURSE, BENCH_COURSES, BENCH_BULK_COURSES
SCENARIOS = {scenario.key: scenario for scenario in scenarios(BIG_COURSE, BULK_COURSES)}


@pytest.fixture
def data(bench_data):
    return bench_data


# DRF's own answer for the serializer's declared fields, which the tests compare with.
DRFS_REPRESENTATION = serializers.ModelSerializer.to_representation


def test_representation_is_drfs(data, monkeypatch):
    """The serializer's explicit answer is DRF's own for its fields, value for value, in any time zone."""
    # The first course synced (its statuses show its last_synced), the others not yet (null).
    CourseCatalogInfo.objects.filter(course_id=CourseKey.from_string(COURSES[0])).update(
        start=datetime.datetime(2026, 3, 1, 12, 30, 15, 123456, tzinfo=datetime.UTC),
        last_synced=datetime.datetime(2026, 3, 2, 8, 0, tzinfo=datetime.UTC),
    )
    rows = list(api.statuses_visible_to(data).order_by("id")[:30])
    rows[1].catalog_info = None
    outputs = {}
    for zone in ("UTC", "Europe/Paris"):
        with timezone.override(zone):
            fast = CourseArchiveStatusSerializer(rows, many=True).data
            with monkeypatch.context() as patch:
                patch.setattr(CourseArchiveStatusSerializer, "to_representation", DRFS_REPRESENTATION)
                drf = CourseArchiveStatusSerializer(rows, many=True).data
            assert [_plain(row) for row in fast] == [_plain(row) for row in drf]
            outputs[zone] = fast
    assert outputs["Europe/Paris"][0]["catalog"]["start"] == "2026-03-01T13:30:15.123456+01:00"
    assert outputs["UTC"][0]["catalog"]["start"] == "2026-03-01T12:30:15.123456Z"
    assert outputs["UTC"][1]["catalog"] is None
    assert outputs["UTC"][0]["course_id"] == COURSES[0]
    assert [row["last_synced"] for row in outputs["UTC"][:3]] == ["2026-03-02T08:00:00Z", None, None]


@pytest.mark.parametrize("zone", ["UTC", "Etc/UTC", "Europe/Paris", "America/New_York"])
def test_a_list_reads_rows_and_answers_as_drf_does_with_model_instances(data, client_for, staff, monkeypatch, zone):
    """
    ``api.status_rows`` (no model instances) and the fast serializer give DRF's answer for the model
    instances, key for key and in the same order: with and without catalog facts, null dates included.
    """
    CourseCatalogInfo.objects.filter(course_id=CourseKey.from_string(COURSES[0])).update(
        start=datetime.datetime(2026, 3, 1, 12, 30, 15, 123456, tzinfo=datetime.UTC),
        end=datetime.datetime(2027, 1, 1, tzinfo=datetime.UTC),
        hidden=True,
        pacing="self",
        last_synced=datetime.datetime(2026, 3, 2, 8, 0, tzinfo=datetime.UTC),
    )
    api.archive(data, "course-v1:NoCatalog+X+2026")  # a course the platform never announced: catalog null
    with monkeypatch.context() as patch:
        patch.setattr(CourseArchiveStatusSerializer, "to_representation", DRFS_REPRESENTATION)
        with timezone.override(zone):
            instances = list(api.statuses_visible_to(staff).order_by("-updated_at", "-id")[:100])
            expected = [_plain(row) for row in CourseArchiveStatusSerializer(instances, many=True).data]
    with timezone.override(zone):
        rows = list(api.status_rows(api.statuses_visible_to(staff)).order_by("-updated_at", "-id")[:100])
        fast = [_plain(row) for row in CourseArchiveStatusSerializer(rows, many=True).data]
        answer = client_for(staff).get(f"{SCENARIOS['staff_all'].path}?page_size=100").json()["results"]
    assert fast == expected
    assert [list(row) for row in fast] == [list(row) for row in expected]  # the keys' order too
    assert [list(row["catalog"] or {}) for row in fast] == [list(row["catalog"] or {}) for row in expected]
    assert answer == [_json(row) for row in expected]
    shown = {row["course_id"]: row for row in fast}
    assert shown["course-v1:NoCatalog+X+2026"]["catalog"] is None
    assert shown["course-v1:NoCatalog+X+2026"]["last_synced"] is None
    assert shown[COURSES[0]]["catalog"]["hidden"] is True
    assert len(fast) == 100


def test_rows_hold_the_values_of_model_instances(data, staff):
    """Each row of ``api.status_rows`` holds the values Django's converters give a model instance."""
    CourseCatalogInfo.objects.filter(course_id=CourseKey.from_string(COURSES[0])).update(
        start=datetime.datetime(2026, 3, 1, 12, 30, 15, 123456, tzinfo=datetime.UTC), hidden=True
    )
    api.archive(data, "course-v1:NoCatalog+X+2026")
    statuses = api.statuses_visible_to(staff).order_by("-updated_at", "-id")
    rows = list(api.status_rows(statuses))
    assert len(rows) == statuses.count() > 100
    for row, instance in zip(rows, statuses, strict=True):
        assert row == instance.shown_values()
        assert all(row[name].tzinfo is datetime.UTC for name in ("created_at", "updated_at"))
    assert any(row["catalog_info__id"] is None for row in rows)
    assert {field.attname for field in CourseArchiveStatus._meta.concrete_fields} == {
        name for name in rows[0] if not name.startswith("catalog_info__")
    }
    assert {f"catalog_info__{name}" for name in SHOWN_CATALOG_FIELDS} < set(rows[0])


@pytest.mark.parametrize(
    "value",
    [
        None,
        datetime.datetime(2026, 3, 1, 12, 30, 15, 123456, tzinfo=datetime.UTC),
        datetime.datetime(2026, 3, 1, 12, 30, tzinfo=zoneinfo.ZoneInfo("UTC")),
        datetime.datetime(2026, 3, 1, 13, 30, tzinfo=datetime.timezone(datetime.timedelta(hours=1))),
        datetime.datetime(2026, 7, 1, 23, 59, 59, tzinfo=zoneinfo.ZoneInfo("America/New_York")),
        datetime.datetime(2026, 3, 1, 12, 30),  # naive
        datetime.datetime(1, 1, 1, 0, 30, tzinfo=datetime.UTC),  # DRF's own answer where a zone would overflow
        "2026-03-01T12:30:15Z",
    ],
)
@pytest.mark.parametrize("zone", ["UTC", "Etc/UTC", "Europe/Paris", "Asia/Kolkata"])
def test_datetimes_are_written_as_drf_writes_them(value, zone):
    with timezone.override(zone):
        try:
            expected = None if value is None else serializers.DateTimeField().to_representation(value)
        except OverflowError:
            expected = OverflowError
        try:
            written = DatetimeText()(value)
        except OverflowError:
            written = OverflowError
    assert written == expected


@pytest.mark.parametrize("fmt", ["%Y-%m-%d %H:%M", None])
def test_datetimes_follow_drfs_format_setting(settings, fmt):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DATETIME_FORMAT": fmt}
    value = datetime.datetime(2026, 3, 1, 12, 30, tzinfo=datetime.UTC)
    assert DatetimeText()(value) == serializers.DateTimeField().to_representation(value)


def _plain(value):
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


def _json(value):
    return json.loads(json.dumps(value))
