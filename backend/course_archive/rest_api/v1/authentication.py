"""
Authentication and permissions of REST API v1, as the LMS's learner-facing views have them.

Learner Home (``lms/djangoapps/learner_home/views.py``) authenticates with edx-drf-extensions' JWT, the
LMS's OAuth2 bearer tokens and the session, each letting in learners who have not activated their
account yet (the LMS's authentication backend lets them sign in), and refuses JWTs of restricted
applications. The plugin's API serves the same learners, for the same dashboard, in the same way.
"""

import jwt
from edx_rest_framework_extensions.auth.jwt.authentication import JwtAuthentication, is_jwt_authenticated
from edx_rest_framework_extensions.auth.jwt.decoder import unsafe_jwt_decode_handler
from edx_rest_framework_extensions.auth.session.authentication import SessionAuthenticationAllowInactiveUser
from rest_framework.permissions import BasePermission

from course_archive import api


def authentication_classes():
    """JWT, the platform's bearer tokens where the platform offers them, then the session."""
    bearer = api.bearer_authentication_class()
    return (JwtAuthentication, *((bearer,) if bearer is not None else ()), SessionAuthenticationAllowInactiveUser)


class LearnerAuthenticationMixin:
    """Authenticators chosen per request (the platform's bearer class is found at call time, not import)."""

    # What the schema and DRF's introspection see; ``get_authenticators`` is what requests use.
    authentication_classes = (JwtAuthentication, SessionAuthenticationAllowInactiveUser)

    def get_authenticators(self):
        return [authenticator() for authenticator in authentication_classes()]


class NotJwtRestrictedApplication(BasePermission):
    """
    edx-drf-extensions' ``NotJwtRestrictedApplication``: a JWT of a restricted application is refused.

    Theirs decodes and verifies the token again (signature and all) to read its ``is_restricted`` claim,
    a signature check on every request. The token in ``request.auth`` is the one
    ``JwtAuthentication`` verified for this very request, so its claims are read with edx-drf-extensions'
    own decoder for verified tokens (``unsafe_jwt_decode_handler``), which also defaults the claim to False.
    """

    def has_permission(self, request, view):
        if not is_jwt_authenticated(request):
            return True
        try:
            claims = unsafe_jwt_decode_handler(request.auth)
        except jwt.InvalidTokenError:
            return False
        return not claims.get("is_restricted", False)


__all__ = ["LearnerAuthenticationMixin", "NotJwtRestrictedApplication", "authentication_classes"]
