"""
Every way of authenticating to REST API v1 (rest_api/v1/authentication.py): JWT header and split cookie (CSRF
for writes), session (CSRF), forged or expired tokens, inactive learners, and the restricted-application check
(edx-drf-extensions' own answer).
"""

import base64
import hashlib
import hmac
import json

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.conf import settings
from edx_rest_framework_extensions import permissions as edx_permissions
from jwt.api_jwk import PyJWK
from rest_framework.request import Request
from rest_framework.test import APIClient, APIRequestFactory

from course_archive import api
from course_archive.rest_api.v1 import authentication
from tests.conftest import API, COURSE, make_jwt

pytestmark = pytest.mark.django_db


def _jwt_cookie_client(user, csrf=False):
    header, payload, signature = make_jwt(user).split(".")
    client = APIClient(enforce_csrf_checks=True)
    client.cookies[settings.JWT_AUTH["JWT_AUTH_COOKIE_HEADER_PAYLOAD"]] = f"{header}.{payload}"
    client.cookies[settings.JWT_AUTH["JWT_AUTH_COOKIE_SIGNATURE"]] = signature
    extra = {"HTTP_USE_JWT_COOKIE": "true"}
    if csrf:
        client.cookies[settings.CSRF_COOKIE_NAME] = "a" * 32
        extra["HTTP_X_CSRFTOKEN"] = "a" * 32
    client.credentials(**extra)
    return client


def test_jwt_split_cookie_authenticates_reads(learner):
    assert _jwt_cookie_client(learner).get(API).status_code == 200


def test_jwt_cookie_needs_csrf_for_writes(learner):
    body = {"is_archived": True}
    refused = _jwt_cookie_client(learner).put(f"{API}by-course/{COURSE}/", body, format="json")
    assert refused.status_code in (401, 403)
    assert not api.statuses_visible_to(learner).exists()
    accepted = _jwt_cookie_client(learner, csrf=True).put(f"{API}by-course/{COURSE}/", body, format="json")
    assert accepted.status_code == 201


def test_session_enforces_csrf_on_unsafe_methods(learner):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(learner)
    assert client.get(API).status_code == 200
    refused = client.put(f"{API}by-course/{COURSE}/", {"is_archived": True}, format="json")
    assert refused.status_code == 403
    assert refused.data["detail"].code == "permission_denied"
    assert not api.statuses_visible_to(learner).exists()

    client.cookies[settings.CSRF_COOKIE_NAME] = "b" * 32
    accepted = client.put(f"{API}by-course/{COURSE}/", {"is_archived": True}, format="json", HTTP_X_CSRFTOKEN="b" * 32)
    assert accepted.status_code == 201


def _b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _hand_signed_hs256(claims, secret):
    """An HS256 token signed by hand: PyJWT itself refuses to use a public key as an HMAC secret."""
    signing_input = f"{_b64(json.dumps({'alg': 'HS256', 'typ': 'JWT'}).encode())}.{_b64(json.dumps(claims).encode())}"
    signature = hmac.new(secret, signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{_b64(signature)}"


def _forged_token(user, kind):
    valid_claims = jwt.decode(make_jwt(user), options={"verify_signature": False})
    if kind == "wrong-key":
        return make_jwt(user, key=rsa.generate_private_key(public_exponent=65537, key_size=2048), algorithm="RS512")
    if kind == "alg-none":
        return jwt.encode(valid_claims, key=None, algorithm="none")
    if kind == "hs256-guessed-secret":
        return _hand_signed_hs256(valid_claims, b"secret")
    if kind == "hs256-with-public-key":
        public = PyJWK.from_json(json.dumps(json.loads(settings.JWT_AUTH["JWT_PUBLIC_SIGNING_JWK_SET"])["keys"][0]))
        pem = public.key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        return _hand_signed_hs256(valid_claims, pem)
    if kind == "expired":
        return make_jwt(user, lifetime=-120)
    if kind == "wrong-audience":
        return make_jwt(user, aud="someone-else")
    return make_jwt(user, iss="https://evil.example.com")


@pytest.mark.parametrize(
    "kind",
    [
        "wrong-key",
        "alg-none",
        "hs256-guessed-secret",
        "hs256-with-public-key",
        "expired",
        "wrong-audience",
        "wrong-issuer",
    ],
)
def test_forged_or_expired_jwt_is_401(learner, kind):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"JWT {_forged_token(learner, kind)}")
    response = client.put(f"{API}by-course/{COURSE}/", {"is_archived": True}, format="json")
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    assert not api.statuses_visible_to(learner).exists()


def test_jwt_of_a_learner_who_has_not_activated_the_account_is_let_in(learner, client_for):
    # As in the LMS's Learner Home: is_active False means "email not confirmed yet", not "disabled".
    client = client_for(learner)
    learner.is_active = False
    learner.save()
    response = client.get(API)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")


@pytest.mark.parametrize("restricted", [False, True, None])
def test_restricted_application_check_is_edx_drf_extensions(learner, restricted):
    token = make_jwt(learner, is_restricted=restricted)
    request = Request(
        APIRequestFactory().get("/", HTTP_AUTHORIZATION=f"JWT {token}"),
        authenticators=[authentication.JwtAuthentication()],
    )
    assert request.user == learner
    ours = authentication.NotJwtRestrictedApplication().has_permission(request, None)
    theirs = edx_permissions.NotJwtRestrictedApplication().has_permission(request, None)
    assert ours == theirs == (not restricted)
