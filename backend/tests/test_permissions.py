"""Who may call what: the authorization matrix, and every way of authenticating."""

import base64
import hashlib
import hmac
import json

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.conf import settings
from django.contrib.auth import get_user_model
from jwt.api_jwk import PyJWK
from rest_framework.test import APIClient

from course_archive import api
from tests.conftest import API, COURSE, OTHER_COURSE, make_jwt

pytestmark = pytest.mark.django_db


@pytest.fixture
def rows(learner, other_learner):
    """One row of the learner's and one of another learner's."""
    own = api.create_status(learner, COURSE)
    others = api.create_status(other_learner, COURSE)
    return own, others


def _call(client, method, path, body=None):
    return getattr(client, method)(path, body, format="json") if body is not None else getattr(client, method)(path)


def _requests(own, others, other_user):
    """(name, method, path, body, row it touches) for every endpoint and method."""
    return [
        ("list", "get", API, None, None),
        ("create", "post", API, {"course_id": OTHER_COURSE}, None),
        ("create-for-other", "post", API, {"course_id": OTHER_COURSE, "user": other_user.pk}, None),
        ("retrieve-own", "get", f"{API}{own.pk}/", None, own),
        ("retrieve-other", "get", f"{API}{others.pk}/", None, others),
        ("update-own", "put", f"{API}{own.pk}/", {"course_id": COURSE, "is_archived": True}, own),
        ("update-other", "put", f"{API}{others.pk}/", {"course_id": COURSE, "is_archived": True}, others),
        ("patch-own", "patch", f"{API}{own.pk}/", {"is_archived": True}, own),
        ("patch-other", "patch", f"{API}{others.pk}/", {"is_archived": True}, others),
        ("delete-own", "delete", f"{API}{own.pk}/", None, own),
        ("delete-other", "delete", f"{API}{others.pk}/", None, others),
        ("by-course", "put", f"{API}by-course/{OTHER_COURSE}/", {"is_archived": True}, None),
        ("bulk", "post", f"{API}bulk/", {"course_ids": [OTHER_COURSE], "is_archived": True}, None),
        ("schema", "get", "/course-archive/api/v1/schema/", None, None),
    ]


EXPECTED = {
    # request name: (anonymous, learner, staff, superuser)
    "list": (401, 200, 200, 200),
    "create": (401, 201, 201, 201),
    "create-for-other": (401, 403, 201, 201),
    "retrieve-own": (401, 200, 200, 200),
    "retrieve-other": (401, 404, 200, 200),
    "update-own": (401, 200, 200, 200),
    "update-other": (401, 404, 200, 200),
    "patch-own": (401, 200, 200, 200),
    "patch-other": (401, 404, 200, 200),
    "delete-own": (401, 204, 204, 204),
    "delete-other": (401, 404, 204, 204),
    "by-course": (401, 201, 201, 201),
    "bulk": (401, 200, 200, 200),
    "schema": (200, 200, 200, 200),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
@pytest.mark.parametrize("role", ["anonymous", "learner", "staff", "superuser"])
def test_authorization_matrix(name, role, rows, learner, other_learner, staff, superuser, client_for):
    own, others = rows
    actor = {"anonymous": None, "learner": learner, "staff": staff, "superuser": superuser}[role]
    (_, method, path, body, row) = next(r for r in _requests(own, others, other_learner) if r[0] == name)
    before = api.statuses_visible_to(staff).filter(pk=row.pk).values("is_archived").first() if row else None

    response = _call(client_for(actor), method, path, body)

    expected = EXPECTED[name][["anonymous", "learner", "staff", "superuser"].index(role)]
    assert response.status_code == expected, response.content
    if expected >= 400:
        assert response["Content-Type"].startswith("application/json")
        if row is not None:  # a refused write changed nothing
            assert api.statuses_visible_to(staff).filter(pk=row.pk).values("is_archived").first() == before


def test_learner_list_shows_only_own_rows(learner_client, rows):
    own, _ = rows
    response = learner_client.get(API)
    assert [r["id"] for r in response.json()["results"]] == [own.pk]


def test_staff_list_shows_every_row(staff_client, rows):
    assert {r["id"] for r in staff_client.get(API).json()["results"]} == {row.pk for row in rows}


@pytest.mark.parametrize("value", ["self-int", "self-str"])
def test_learner_may_name_themselves_as_int_or_string(learner_client, learner, value):
    user = learner.pk if value == "self-int" else str(learner.pk)
    response = learner_client.post(API, {"course_id": COURSE, "user": user}, format="json")
    assert response.status_code == 201
    assert response.json()["user"] == learner.pk


def test_naming_another_user_is_403_whether_or_not_they_exist(learner_client, other_learner):
    missing = get_user_model().objects.order_by("-pk").first().pk + 100
    existing = learner_client.post(API, {"course_id": COURSE, "user": other_learner.pk}, format="json")
    absent = learner_client.post(API, {"course_id": COURSE, "user": missing}, format="json")
    assert existing.status_code == absent.status_code == 403
    assert existing.json() == absent.json()
    assert not api.statuses_visible_to(other_learner).exists()


def test_learner_cannot_move_own_row_to_another_user(learner_client, rows, other_learner):
    own, _ = rows
    response = learner_client.patch(f"{API}{own.pk}/", {"user": other_learner.pk}, format="json")
    assert response.status_code == 403
    own.refresh_from_db()
    assert own.user_id != other_learner.pk


def test_staff_naming_an_unknown_user_is_400(staff_client):
    response = staff_client.post(API, {"course_id": COURSE, "user": 987654}, format="json")
    assert response.status_code == 400
    assert "user" in response.json()


# --- Ways of authenticating ---------------------------------------------------------------


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
