"""
Authentication and permissions of REST API v1, as the LMS's learner-facing views have them.

Learner Home (``lms/djangoapps/learner_home/views.py``) authenticates with edx-drf-extensions' JWT, the
LMS's OAuth2 bearer tokens and the session, each letting in learners who have not activated their
account yet (the LMS's authentication backend lets them sign in), and refuses JWTs of restricted
applications. The plugin's API serves the same learners, for the same dashboard, in the same way.
"""

from edx_rest_framework_extensions.auth.jwt.authentication import JwtAuthentication
from edx_rest_framework_extensions.auth.session.authentication import SessionAuthenticationAllowInactiveUser
from edx_rest_framework_extensions.permissions import NotJwtRestrictedApplication

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


__all__ = ["LearnerAuthenticationMixin", "NotJwtRestrictedApplication", "authentication_classes"]
