"""
The health view and the API's JSON 404 (rest_api/v1/health.py): ok for anyone with details for staff, 503
naming the failed check, and a JSON 404 for any path under the API that names no endpoint.
"""

import pytest
from django.core.management import call_command

from course_archive import health
from tests.conftest import API

pytestmark = pytest.mark.django_db

HEALTH = "/course-archive/api/v1/health/"


def test_unknown_path_under_the_api_is_json_404(learner_client):
    for path in ("/course-archive/api/v1/nothing/", f"{API}abc/", "/course-archive/api/v2/"):
        response = learner_client.get(path)
        assert response.status_code == 404
        assert response["Content-Type"].startswith("application/json")


def test_health_ok_for_anyone_details_for_staff(client, staff_client):
    anonymous = client.get(HEALTH)
    assert anonymous.status_code == 200
    assert anonymous.json() == {"status": "ok"}
    staff = staff_client.get(HEALTH)
    assert staff.json() == {"status": "ok", "checks": {"cache": "ok", "database": "ok", "migrations": "ok"}}


def test_learner_gets_only_the_status(learner_client):
    assert learner_client.get(HEALTH).json() == {"status": "ok"}


@pytest.mark.django_db(transaction=True)
def test_health_is_503_naming_the_check_when_tables_are_gone(client, staff_client):
    health._migrations_applied.clear()  # noqa: SLF001 - the memo of a passed check, forgotten
    call_command("migrate", "course_archive", "zero", verbosity=0)
    try:
        broken = staff_client.get(HEALTH)
        anonymous = client.get(HEALTH)
        staff_client.cookies["openedx-language-preference"] = "es"
        in_spanish = staff_client.get(HEALTH).json()["checks"]
    finally:
        call_command("migrate", "course_archive", verbosity=0)
        health._migrations_applied.clear()  # noqa: SLF001 - the memo of a passed check, forgotten
    assert broken.status_code == anonymous.status_code == 503
    assert anonymous.json() == {"status": "error"}
    checks = broken.json()["checks"]
    assert checks["database"] != "ok"
    assert checks["migrations"].startswith("not applied: 0001_initial")
    # Operators read the problems in their language.
    assert in_spanish["database"] == "no se pueden leer las tablas del archivo de cursos"
    assert in_spanish["migrations"].startswith("sin aplicar: 0001_initial")
    assert "PASSWORD" not in broken.content.decode() and "sqlite" not in broken.content.decode().lower()
