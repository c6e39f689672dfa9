"""
Authentication and permissions of REST API v1, as the LMS's learner-facing views have them.

Learner Home (``lms/djangoapps/learner_home/views.py``) authenticates with edx-drf-extensions' JWT, the
LMS's OAuth2 bearer tokens and the session, each letting in learners who have not activated their
account yet (the LMS's authentication backend lets them sign in), and refuses JWTs of restricted
applications. The plugin's API serves the same learners, for the same dashboard, in the same way.
"""

import base64
import json

from edx_rest_framework_extensions.auth.jwt.authentication import JwtAuthentication, is_jwt_authenticated
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
    about 0.7 ms a request (``make bench`` profile). The token in ``request.auth`` is the one
    ``JwtAuthentication`` verified for this very request, so here its payload is only decoded; a claim
    that is absent is False, as edx-drf-extensions' decoder defaults it.
    """

    def has_permission(self, request, view):
        if not is_jwt_authenticated(request):
            return True
        claims = _verified_claims(request.auth)
        return claims is not None and not claims.get("is_restricted", False)


def _verified_claims(token):
    """The claims of a JWT that was verified already, or None if they cannot be read."""
    try:
        if isinstance(token, bytes):
            token = token.decode()
        segment = token.split(".")[1]
        claims = json.loads(base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4)))
    except (AttributeError, IndexError, ValueError):
        return None
    return claims if isinstance(claims, dict) else None


__all__ = ["LearnerAuthenticationMixin", "NotJwtRestrictedApplication", "authentication_classes"]
