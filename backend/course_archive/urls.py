"""URLs of the plugin, mounted by the LMS and CMS under ``^course-archive/`` (namespace ``course_archive``)."""

from django.urls import include, path

urlpatterns = [
    path("api/", include("course_archive.rest_api.urls")),
]
