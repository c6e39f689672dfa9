"""Permissions of REST API v1."""

from rest_framework.permissions import BasePermission

from course_archive import api


class IsOwnerOrOperator(BasePermission):
    """
    Active, authenticated users only; a learner acts on their own rows, staff and superusers on every row.

    edx-drf-extensions accepts a valid JWT of a deactivated account, so activity is checked here.

    List querysets are already narrowed by ``api.statuses_visible_to``, so another learner's row is a
    404; this check guards any object that reaches a view another way.
    """

    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated and request.user.is_active)

    def has_object_permission(self, request, view, obj):
        return api.is_operator(request.user) or obj.user_id == request.user.pk
