"""Serializers of REST API v1: they parse and shape data; the rules are in ``course_archive.api``."""

import datetime

from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import ISO_8601, serializers
from rest_framework.settings import api_settings

from course_archive import api, exceptions
from course_archive.fields import course_key_text
from course_archive.models import CATALOG_FACTS, CourseArchiveStatus, CourseCatalogInfo


@extend_schema_field(OpenApiTypes.STR)
class CourseKeyField(serializers.Field):
    """A course key given and shown as its string form, e.g. ``course-v1:edX+DemoX+2024``."""

    default_error_messages = {"invalid": _("{value!r} is not a valid course key.")}

    def to_internal_value(self, data):
        try:
            return api.parse_course_key(data, field=self.field_name)
        except exceptions.InvalidCourseKey:
            self.fail("invalid", value=data)

    def to_representation(self, value):
        return course_key_text(value)


class StrictFieldsMixin:
    """Refuse fields the serializer does not know, instead of silently dropping them."""

    def to_internal_value(self, data):
        if isinstance(data, dict):
            unknown = sorted(set(data) - set(self.fields))
            if unknown:
                raise serializers.ValidationError({name: [_("Unknown field.")] for name in unknown})
        return super().to_internal_value(data)


class DatetimeText:
    """
    DRF's ``DateTimeField`` output (ISO 8601 in the current time zone, ``+00:00`` written ``Z``), for the many
    datetimes of one answer: the time zone and the format are looked up once, not per value. What it does
    not write itself (a naive datetime, a string, another ``DATETIME_FORMAT``) goes to DRF's own field.
    """

    def __init__(self):
        self.zone = timezone.get_current_timezone()
        self.in_utc = self.zone is datetime.UTC or getattr(self.zone, "key", None) in ("UTC", "Etc/UTC")
        self.iso = str(api_settings.DATETIME_FORMAT).lower() == ISO_8601

    @cached_property
    def drf(self):
        """DRF's own field, made only when a value needs it."""
        return serializers.DateTimeField()

    def __call__(self, value):
        if value is None:
            return None
        if not self.iso or not isinstance(value, datetime.datetime) or value.tzinfo is None:
            return self.drf.to_representation(value)
        if not (self.in_utc and value.tzinfo is datetime.UTC):  # the database's values are in UTC
            value = value.astimezone(self.zone)
        text = value.isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text


class CourseCatalogInfoSerializer(serializers.ModelSerializer):
    """The course's catalog facts, from the last COURSE_CATALOG_INFO_CHANGED event applied."""

    class Meta:
        model = CourseCatalogInfo
        fields = CATALOG_FACTS
        read_only_fields = fields


class CourseArchiveStatusSerializer(StrictFieldsMixin, serializers.ModelSerializer):
    """
    One learner's archive status for one course.

    The declared fields parse input and describe the answer (OpenAPI); the answer itself is written by
    ``to_representation`` from the status's values, the same key for key and value for value as DRF's
    (pinned by the tests), without building a ModelSerializer's fields from the model for every answer
    (about a millisecond) or calling a field per value (most of a 100-row list's time).
    """

    course_id = CourseKeyField()
    user = serializers.IntegerField(
        source="user_id",
        required=False,
        # Past a 64-bit id some databases raise instead of finding no user.
        min_value=-(2**63 - 1),
        max_value=2**63 - 1,
        help_text="The learner's user id; defaults to the requesting user.",
    )
    # Kept once per course on its catalog row (joined with the status), shown with each status.
    last_synced = serializers.DateTimeField(
        read_only=True,
        allow_null=True,
        help_text="When the course's catalog facts were last synced from the platform; null until then.",
    )
    catalog = serializers.SerializerMethodField(
        help_text="The course's catalog facts; null until the platform announced them."
    )

    class Meta:
        model = CourseArchiveStatus
        fields = (
            "id",
            "course_id",
            "user",
            "is_archived",
            "archive_date",
            "created_at",
            "updated_at",
            "last_synced",
            "catalog",
        )
        read_only_fields = ("id", "archive_date", "created_at", "updated_at", "last_synced", "catalog")
        # The (user, course) unique constraint is enforced by api.py, which knows the default user.
        validators: list[object] = []

    @extend_schema_field(CourseCatalogInfoSerializer(allow_null=True))
    def get_catalog(self, status):
        info = status.catalog_facts()
        return None if info is None else CourseCatalogInfoSerializer(info).data

    @cached_property
    def datetime_text(self):
        """How this answer writes datetimes (one per serializer: a list's rows share their child's)."""
        return DatetimeText()

    def to_representation(self, instance):
        """
        ``instance`` (a ``CourseArchiveStatus``, or a row of ``api.status_rows``) as the API shows it.
        """
        row = instance if isinstance(instance, dict) else instance.shown_values()
        text = self.datetime_text
        catalog = None
        if row["catalog_info__id"] is not None:
            catalog = {
                "name": row["catalog_info__name"],
                "hidden": row["catalog_info__hidden"],
                "invitation_only": row["catalog_info__invitation_only"],
                "start": text(row["catalog_info__start"]),
                "end": text(row["catalog_info__end"]),
                "enrollment_start": text(row["catalog_info__enrollment_start"]),
                "enrollment_end": text(row["catalog_info__enrollment_end"]),
                "pacing": row["catalog_info__pacing"],
            }
        course_key = row["course_id"]
        return {
            "id": row["id"],
            "course_id": None if course_key is None else course_key_text(course_key),
            "user": row["user_id"],
            "is_archived": row["is_archived"],
            "archive_date": text(row["archive_date"]),
            "created_at": text(row["created_at"]),
            "updated_at": text(row["updated_at"]),
            "last_synced": text(row["catalog_info__last_synced"]),
            "catalog": catalog,
        }


class ByCourseSerializer(StrictFieldsMixin, serializers.Serializer):
    """Body of ``PUT by-course/{course_id}/``."""

    is_archived = serializers.BooleanField()


class BulkSerializer(StrictFieldsMixin, serializers.Serializer):
    """Body of ``POST bulk/``."""

    course_ids = serializers.ListField(
        # Any JSON value: api.parse_course_keys reports every one that is not a course key at once.
        child=serializers.JSONField(allow_null=True),
        max_length=api.MAX_BULK_COURSES,
        allow_empty=False,
    )
    is_archived = serializers.BooleanField()


class BulkResultSerializer(serializers.Serializer):
    """Answer of ``POST bulk/``: every status the request set, in the order given."""

    count = serializers.IntegerField()
    results = CourseArchiveStatusSerializer(many=True)


class HealthSerializer(serializers.Serializer):
    """Answer of ``GET health/``."""

    status = serializers.ChoiceField(choices=["ok", "error"])
    checks = serializers.DictField(
        child=serializers.CharField(), required=False, help_text="Staff only: each check, 'ok' or what is wrong."
    )
