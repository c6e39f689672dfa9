"""
The health view of REST API v1, for monitoring (anyone) and operators (which check failed), and the JSON
404 of any path under the API that names no endpoint.
"""

from django.db import DatabaseError, transaction
from django.http import JsonResponse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.utils import OpenApiResponse
from rest_framework import status as http_status
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from course_archive import api
from course_archive.rest_api.v1 import schema as openapi_schema  # (importing it registers the JWT scheme)
from course_archive.rest_api.v1.authentication import LearnerAuthenticationMixin
from course_archive.rest_api.v1.serializers import HealthSerializer

__all__ = ["HealthView", "not_found"]


@method_decorator(transaction.non_atomic_requests, name="dispatch")
class HealthView(LearnerAuthenticationMixin, APIView):
    """
    Whether the plugin can serve: its tables answer, its migrations are applied, the shared cache answers.

    200 ``{"status": "ok"}`` or 503 ``{"status": "error"}`` for anyone (monitoring needs no account);
    staff also get ``checks``, which names each check and what is wrong with it.

    Outside ``ATOMIC_REQUESTS``' transaction (which would fail to open with the database down, before the
    view could answer), and the user is looked up only to decide whether to show ``checks``.
    """

    permission_classes = (AllowAny,)
    schema = openapi_schema.CourseArchiveAutoSchema()
    openapi = {
        "get": {
            "summary": "Health of the plugin",
            "responses": {
                200: OpenApiResponse(HealthSerializer, description="Healthy."),
                503: OpenApiResponse(HealthSerializer, description="A check failed; staff see which."),
            },
        }
    }

    def perform_authentication(self, request):
        """Lazily, in ``get``: looking the user up needs the database, whose outage this view reports."""

    def get(self, request):
        checks = api.health_checks()
        healthy = all(value == "ok" for value in checks.values())
        body = {"status": "ok" if healthy else "error"}
        try:
            operator = api.is_operator(request.user)
        except (DatabaseError, AuthenticationFailed):
            if healthy:
                raise
            operator = False  # the user cannot be looked up with the database down: answer as to anyone
        if operator:
            body["checks"] = checks
        return Response(body, status=http_status.HTTP_200_OK if healthy else http_status.HTTP_503_SERVICE_UNAVAILABLE)


@csrf_exempt  # it changes nothing, and a 403 HTML page from CSRF would hide the JSON 404
def not_found(request, *args, **kwargs):
    """A JSON 404 for any path under the API that names no endpoint."""
    return JsonResponse({"detail": _("Not found.")}, status=404)
