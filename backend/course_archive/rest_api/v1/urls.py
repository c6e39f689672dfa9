"""Routes of REST API v1."""

from django.urls import re_path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

from course_archive.rest_api.v1 import health, schema, views

router = SimpleRouter()
router.register("course-archive-status", views.CourseArchiveStatusViewSet, basename="course-archive-status")

# What the OpenAPI schema describes (``schema_urls``): every route but the schema's own.
api_urlpatterns = [
    *router.urls,
    re_path(r"^health/$", health.HealthView.as_view(), name="health"),
]

urlpatterns = [
    *api_urlpatterns,
    re_path(
        r"^schema/$",
        SpectacularAPIView.as_view(
            urlconf="course_archive.rest_api.v1.schema_urls", generator_class=schema.CourseArchiveSchemaGenerator
        ),
        name="schema",
    ),
]
