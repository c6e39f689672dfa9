"""Pages and endpoints of the demo host that stand in for the LMS's."""

import time

import jwt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from edx_rest_framework_extensions.auth.jwt.authentication import JwtAuthentication
from edx_rest_framework_extensions.auth.session.authentication import SessionAuthenticationAllowInactiveUser
from edx_rest_framework_extensions.permissions import NotJwtRestrictedApplication
from jwt.api_jwk import PyJWK
from openedx_filters.learning.filters import CourseRunAPIRenderStarted
from rest_framework.authentication import SessionAuthentication
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.throttling import UserRateThrottle
from rest_framework.views import APIView

from demo_host.models import DemoEnrollment


def favicon(request):
    """No icon: an empty answer, so browsers log no 404."""
    return HttpResponse(status=204)


def index(request):
    """The root page: where everything is."""
    return render(request, "demo_host/index.html")


@login_required
def dashboard(request):
    """The demo learner dashboard: the real widget, built from frontend/, against the real API."""
    config = {
        "LMS_BASE_URL": request.build_absolute_uri("/").rstrip("/"),
        "LEARNER_HOME_URL": "/api/learner_home/init/",
        "PAGE_SIZE": 5,
    }
    return render(request, "demo_host/dashboard.html", {"config": config})


def issue_jwt(user, lifetime=None):
    """A JWT for ``user`` shaped like the LMS's, signed with the host's private key."""
    now = int(time.time())
    payload = {
        "iss": settings.JWT_AUTH["JWT_ISSUER"],
        "aud": settings.JWT_AUTH["JWT_AUDIENCE"],
        "iat": now,
        "exp": now + (lifetime or settings.JWT_EXPIRATION_SECONDS),
        "preferred_username": user.username,
        "user_id": user.id,
        "email": user.email,
        "email_verified": True,
        "administrator": user.is_staff,
        "version": "1.2.0",
        "scopes": ["user_id", "email", "profile"],
        "filters": [],
        "is_restricted": False,
    }
    key = PyJWK.from_json(settings.JWT_AUTH["JWT_PRIVATE_SIGNING_JWK"])
    return jwt.encode(
        payload,
        key=key.key,
        algorithm=settings.JWT_AUTH["JWT_SIGNING_ALGORITHM"],
        headers={"kid": key.key_id},
    )


@csrf_exempt
@require_POST
def login_refresh(request):
    """
    Like the LMS's ``/login_refresh`` (CSRF-exempt there too: frontend-platform calls it before it has a
    token): for a logged-in session, set the split JWT cookies that frontend-platform reads and that
    ``JwtAuthCookieMiddleware`` joins back for the API. It only ever issues a token for the session's user.
    """
    if not request.user.is_authenticated:
        return JsonResponse({"detail": "Not logged in."}, status=401)
    token = issue_jwt(request.user)
    header, payload, signature = token.split(".")
    expires = int(time.time()) + settings.JWT_EXPIRATION_SECONDS
    response = JsonResponse({"expires_epoch_seconds": expires})
    response.set_cookie(
        settings.JWT_AUTH["JWT_AUTH_COOKIE_HEADER_PAYLOAD"],
        f"{header}.{payload}",
        max_age=3600,
        samesite="Lax",
    )
    response.set_cookie(
        settings.JWT_AUTH["JWT_AUTH_COOKIE_SIGNATURE"], signature, max_age=3600, httponly=True, samesite="Lax"
    )
    return response


def _course_run(enrollment):
    """One course run as the Learner Home API serializes it (the fields the dashboard uses)."""
    course = enrollment.course
    course_id = str(course.course_id)
    return {
        "courseId": course_id,
        "isStarted": True,
        "isArchived": False,  # Learner Home's meaning: the run has ended. Not the plugin's field.
        "startDate": course.start.isoformat() if course.start else None,
        "endDate": course.end.isoformat() if course.end else None,
        "homeUrl": f"/courses/{course_id}/course/",
        "marketingUrl": f"/courses/{course_id}/about",
        "resumeUrl": None,
        "pacing": course.pacing,
    }


def _masquerade_user(request):
    """
    Learner Home's ``get_masquerade_user``: ``?user=<username or email>`` is for staff only (403 otherwise),
    names a learner by username or email (404 when nobody), the username winning.
    """
    identifier = request.GET.get("user")
    if not identifier:
        return None
    if not request.user.is_staff:
        raise PermissionDenied()
    user_model = get_user_model()
    try:
        return user_model.objects.get(username=identifier)
    except user_model.DoesNotExist:
        pass
    try:
        return user_model.objects.get(email=identifier)
    except (user_model.DoesNotExist, user_model.MultipleObjectsReturned):
        raise NotFound() from None


class LearnerHomeInitView(APIView):
    """
    A stand-in for the Learner Home API's ``init``: the learner's enrollments (or, for staff with
    ``?user=``, the masqueraded learner's), each course run passed through the ``CourseRunAPIRenderStarted``
    filter as the LMS does. Authentication and permissions are Learner Home's.
    """

    authentication_classes = (JwtAuthentication, SessionAuthenticationAllowInactiveUser)
    permission_classes = (IsAuthenticated, NotJwtRestrictedApplication)

    def get(self, request):
        learner = _masquerade_user(request) or request.user
        enrollments = DemoEnrollment.objects.filter(user=learner).select_related("course")
        courses = []
        for enrollment in enrollments:
            course_run = CourseRunAPIRenderStarted.run_filter(serialized_courserun=_course_run(enrollment))
            course = enrollment.course
            courses.append(
                {
                    "cardId": f"card-{course.pk}",
                    "course": {
                        "courseName": course.name,
                        "courseNumber": course.course_id.course,
                        "bannerImgSrc": course.image_url,
                    },
                    "courseProvider": {"name": course.course_id.org},
                    "courseRun": course_run,
                    "enrollment": {"isEnrolled": True, "mode": "audit"},
                }
            )
        return Response({"courses": courses})


class PingView(APIView):
    """
    A bare DRF view with the API's authentication, permission and a throttle of the platform's ``user``
    scope; the benchmark's ceiling, and the "other throttled view" of the throttle tests.
    """

    authentication_classes = (JwtAuthentication, SessionAuthentication)
    permission_classes = (IsAuthenticated,)
    throttle_classes = (UserRateThrottle,)

    def get(self, request):
        return Response([{"id": 1}, {"id": 2}, {"id": 3}])
