"""
The URL tree the OpenAPI schema describes: the API's routes at their real path.

The schema is built from this tree, so it documents exactly the v1 endpoints wherever the host mounts
the plugin (``/course-archive/api/v1/``, as the LMS and CMS do).
"""

from django.urls import include, path

from course_archive.rest_api.v1.urls import api_urlpatterns

urlpatterns = [
    path("course-archive/api/v1/", include((api_urlpatterns, "course_archive"))),
]
