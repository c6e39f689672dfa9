"""Versioned REST APIs of the plugin."""

from django.urls import include, path

urlpatterns = [
    path("v1/", include("course_archive.rest_api.v1.urls")),
]
