"""
The status viewset of REST API v1 (list, read, create, update, delete, by-course and bulk) and how its
errors become HTTP answers. Views parse input, call ``course_archive.api`` and shape the answer; nothing
more. The health view and the API's JSON 404 are ``health``.
"""

from django.core.exceptions import RequestDataTooBig
from django.db import DatabaseError, IntegrityError
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import status as http_status
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import APIException, PermissionDenied, ValidationError
from rest_framework.filters import OrderingFilter
from rest_framework.metadata import SimpleMetadata
from rest_framework.response import Response

from course_archive import api, exceptions
from course_archive.rest_api.v1 import schema as openapi_schema  # (importing it registers the JWT scheme)
from course_archive.rest_api.v1.authentication import LearnerAuthenticationMixin, NotJwtRestrictedApplication
from course_archive.rest_api.v1.filters import CourseArchiveFilterBackend, CourseArchiveStatusFilter
from course_archive.rest_api.v1.pagination import ESTIMATED_COUNT_HEADER, CourseArchivePagination
from course_archive.rest_api.v1.parsers import BoundedJSONParser, PayloadTooLarge
from course_archive.rest_api.v1.permissions import ArchivingEnabled, IsOwnerOrOperator
from course_archive.rest_api.v1.serializers import (
    BulkResultSerializer,
    BulkSerializer,
    ByCourseSerializer,
    CourseArchiveStatusSerializer,
)
from course_archive.rest_api.v1.throttles import CourseArchiveRateThrottle
from course_archive.rest_api.v1.unavailable import DatabaseUnavailable

__all__ = ["CourseArchiveMetadata", "CourseArchiveStatusViewSet"]


class CourseArchiveMetadata(SimpleMetadata):
    """
    ``OPTIONS``: the name, description and media types. DRF's ``actions`` would call ``get_object`` on
    routes that have no id (a 500 on ``by-course/``); the OpenAPI schema describes every body instead.
    """

    def determine_actions(self, request, view):
        return {}


class Conflict(APIException):
    status_code = http_status.HTTP_409_CONFLICT
    default_code = "conflict"


def _as_api_exception(exc):
    """Translate the app's own errors (and Django's oversized body) into DRF's 4xx exceptions."""
    if isinstance(exc, exceptions.NotPermitted):
        return PermissionDenied(exc.message)
    if isinstance(exc, exceptions.InvalidCourseKeys):
        return ValidationError({exc.field: [exc.message], "invalid_course_ids": exc.invalid})
    if isinstance(exc, exceptions.ConcurrentUpdate):
        return Conflict(exc.message)
    if isinstance(exc, exceptions.CourseArchiveError):
        return ValidationError({exc.field or "non_field_errors": [exc.message]})
    if isinstance(exc, RequestDataTooBig):
        return PayloadTooLarge()
    if isinstance(exc, DatabaseError) and not isinstance(exc, IntegrityError):
        # The database went away or failed mid-request: a JSON 503 the client can retry, not a 500 page.
        return DatabaseUnavailable()
    return exc


COURSE_ID_PATH_PARAMETER = OpenApiParameter(
    "course_id", str, OpenApiParameter.PATH, description="A course key, e.g. course-v1:edX+DemoX+2024."
)

ESTIMATED_COUNT_RESPONSE_HEADER = OpenApiParameter(
    ESTIMATED_COUNT_HEADER,
    str,
    OpenApiParameter.HEADER,
    enum=["true"],
    response=[200],
    description=(
        "Present when the body's count is not exact: in a staff list of every row with no filter, on a table "
        "above COURSE_ARCHIVE_ESTIMATED_COUNT_THRESHOLD rows, the database's estimate; in a staff list filtered "
        "by neither user nor course_id that matches more rows than that threshold, the threshold (its pages end "
        "there)."
    ),
)


class CourseArchiveStatusViewSet(LearnerAuthenticationMixin, viewsets.ModelViewSet):
    """
    Learners' archive statuses of courses.

    A learner sees and changes only their own rows (another learner's row is a 404); staff and
    superusers see and change all rows.
    """

    permission_classes = (IsOwnerOrOperator, NotJwtRestrictedApplication, ArchivingEnabled)
    schema = openapi_schema.CourseArchiveAutoSchema()
    openapi = {
        "list": {
            "summary": "List archive statuses (a learner's own; staff: everyone's)",
            "parameters": [ESTIMATED_COUNT_RESPONSE_HEADER],
        },
        "create": {"summary": "Create an archive status"},
        "retrieve": {"summary": "Retrieve an archive status"},
        "update": {"summary": "Replace an archive status"},
        "partial_update": {"summary": "Change an archive status"},
        "destroy": {"summary": "Delete an archive status"},
        "by_course": {
            "summary": "Archive or unarchive one of your courses (create or update, idempotent)",
            "parameters": [COURSE_ID_PATH_PARAMETER],
            "request": ByCourseSerializer,
            "responses": {
                200: OpenApiResponse(CourseArchiveStatusSerializer, description="Updated."),
                201: OpenApiResponse(CourseArchiveStatusSerializer, description="Created."),
            },
        },
        "bulk": {
            "summary": "Archive or unarchive up to 100 of your courses at once (all or nothing)",
            "request": BulkSerializer,
            "responses": {200: BulkResultSerializer},
        },
    }
    throttle_classes = (CourseArchiveRateThrottle,)
    # JSON only, bounded in size and nesting: DRF's parsers would read a body of any size.
    parser_classes = (BoundedJSONParser,)
    metadata_class = CourseArchiveMetadata
    serializer_class = CourseArchiveStatusSerializer
    pagination_class = CourseArchivePagination
    filter_backends = (CourseArchiveFilterBackend, OrderingFilter)
    filterset_class = CourseArchiveStatusFilter
    ordering_fields = ("course_id", "user", "is_archived", "archive_date", "created_at", "updated_at")
    ordering = ("-updated_at", "-id")
    # ASCII digits that fit a 64-bit id; anything else is the JSON 404 of ``not_found``.
    lookup_value_regex = r"[0-9]{1,18}"

    def get_queryset(self):
        return api.statuses_visible_to(self.request.user)

    def handle_exception(self, exc):
        response = super().handle_exception(_as_api_exception(exc))
        detail = response.data.get("detail") if isinstance(response.data, dict) else None
        if getattr(detail, "code", None) == ArchivingEnabled.code:
            # Clients (the widget) tell the kill switch from other refusals by a code, not by the message.
            response.data["code"] = ArchivingEnabled.code
        return response

    def _respond(self, status_obj, code=http_status.HTTP_200_OK):
        return Response(self.get_serializer(status_obj).data, status=code)

    def list(self, request, *args, **kwargs):
        # Rows read for showing, not model instances (``api.status_rows``): the same fields, in half the time.
        page = self.paginate_queryset(api.status_rows(self.filter_queryset(self.get_queryset())))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        return self._respond(self.get_object())

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        owner = api.resolve_owner(request.user, data.get("user_id"))
        created = api.create_status(owner, data["course_id"], data.get("is_archived", False))
        return self._respond(created, http_status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        instance = self.get_object()
        serializer = self.get_serializer(instance, data=request.data, partial=kwargs.get("partial", False))
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        owner = api.resolve_owner(request.user, data["user_id"]) if "user_id" in data else None
        updated = api.update_status(
            instance, is_archived=data.get("is_archived"), owner=owner, course_key=data.get("course_id")
        )
        return self._respond(updated)

    def perform_destroy(self, instance):
        api.delete_status(instance)

    @action(detail=False, methods=["put"], url_path=r"by-course/(?P<course_id>.+)", url_name="by-course")
    def by_course(self, request, course_id=None):
        course_key = api.parse_course_key(course_id)
        serializer = ByCourseSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        status_obj, created = api.set_archive_state(request.user, course_key, serializer.validated_data["is_archived"])
        return self._respond(status_obj, http_status.HTTP_201_CREATED if created else http_status.HTTP_200_OK)

    @action(detail=False, methods=["post"], url_path="bulk", url_name="bulk")
    def bulk(self, request):
        serializer = BulkSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        statuses = api.bulk_set_archive_state(request.user, data["course_ids"], data["is_archived"])
        results = CourseArchiveStatusSerializer(statuses, many=True, context=self.get_serializer_context()).data
        return Response({"count": len(results), "results": results})
