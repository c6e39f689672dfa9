"""URLs of the plugin, mounted by the LMS and CMS under ``^course-archive/`` (namespace ``course_archive``)."""

from django.urls import include, path, re_path

from course_archive.rest_api.v1.health import not_found

urlpatterns = [
    path("api/", include("course_archive.rest_api.urls")),
    # Anything else under /course-archive/, newlines included (``.`` stops at one), answers a JSON 404,
    # not the host's HTML page.
    re_path(r"^[\s\S]*$", not_found, name="not-found"),
]
