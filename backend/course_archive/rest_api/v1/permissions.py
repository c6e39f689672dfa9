"""Permissions of REST API v1."""

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission

from course_archive import api


class IsOwnerOrOperator(BasePermission):
    """
    Authenticated users only; a learner acts on their own rows, staff and superusers on every row.

    Learners who have not activated their account yet (``is_active`` False) are let in, as the LMS lets
    them into Learner Home: they archive courses on the same dashboard.

    List querysets are already narrowed by ``api.statuses_visible_to``, so another learner's row is a
    404; this check guards any object that reaches a view another way.
    """

    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated)

    def has_object_permission(self, request, view, obj):
        return api.is_operator(request.user) or obj.user_id == request.user.pk


class ArchivingEnabled(BasePermission):
    """
    The kill switch (waffle flag ``course_archive.disabled``): while it is on for the requester, every call
    is refused, so the widget on their dashboard renders nothing of its own; operators inspect statuses in
    the Django admin meanwhile.
    """

    message = _("Course archiving is switched off on this site.")
    code = "archiving_disabled"

    def has_permission(self, request, view):
        return api.archiving_enabled()
