"""Who may call what (rest_api/v1/permissions.py): the authorization matrix, own rows and naming other users."""

import pytest
from django.contrib.auth import get_user_model

from course_archive import api
from tests.conftest import API, COURSE, OTHER_COURSE

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
