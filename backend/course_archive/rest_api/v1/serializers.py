"""Serializers of REST API v1: they parse and shape data; the rules are in ``course_archive.api``."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from course_archive import api, exceptions
from course_archive.models import CourseArchiveStatus, CourseCatalogInfo


@extend_schema_field(OpenApiTypes.STR)
class CourseKeyField(serializers.Field):
    """A course key given and shown as its string form, e.g. ``course-v1:edX+DemoX+2024``."""

    default_error_messages = {"invalid": "{value!r} is not a valid course key."}

    def to_internal_value(self, data):
        try:
            return api.parse_course_key(data, field=self.field_name)
        except exceptions.InvalidCourseKey:
            self.fail("invalid", value=data)

    def to_representation(self, value):
        return str(value)


class StrictFieldsMixin:
    """Refuse fields the serializer does not know, instead of silently dropping them."""

    def to_internal_value(self, data):
        if isinstance(data, dict):
            unknown = sorted(set(data) - set(self.fields))
            if unknown:
                raise serializers.ValidationError({name: ["Unknown field."] for name in unknown})
        return super().to_internal_value(data)


class CourseCatalogInfoSerializer(serializers.ModelSerializer):
    """The course's catalog facts, from the last COURSE_CATALOG_INFO_CHANGED event applied."""

    class Meta:
        model = CourseCatalogInfo
        fields = (
            "name",
            "hidden",
            "invitation_only",
            "start",
            "end",
            "enrollment_start",
            "enrollment_end",
            "pacing",
        )
        read_only_fields = fields


class CourseArchiveStatusSerializer(StrictFieldsMixin, serializers.ModelSerializer):
    """One learner's archive status for one course."""

    course_id = CourseKeyField()
    user = serializers.IntegerField(
        source="user_id", required=False, help_text="The learner's user id; defaults to the requesting user."
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
        validators = []

    @extend_schema_field(CourseCatalogInfoSerializer(allow_null=True))
    def get_catalog(self, status):
        # ``catalog_info`` is attached for a whole page at once by api.attach_catalog_info.
        info = getattr(status, "catalog_info", None)
        return CourseCatalogInfoSerializer(info).data if info is not None else None


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
