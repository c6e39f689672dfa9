"""
The demo host's debug page (``make dev`` runs with ``DEBUG``) never shows its JWT signing key: whoever reads
it can sign a token for any user, staff included.
"""

import json

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.urls import include, path
from django.views.debug import SafeExceptionReporterFilter

from demo_host.debug import SecretsHiddenExceptionReporterFilter

pytestmark = pytest.mark.django_db


def boom(request):
    raise RuntimeError("a failing request")


urlpatterns = [path("boom/", boom), path("", include("demo_host.urls"))]


def _private_parts():
    """The private values of the signing key (its exponent and primes), as they would appear in a page."""
    jwk = json.loads(settings.JWT_PRIVATE_SIGNING_JWK)
    return [jwk[name] for name in ("d", "p", "q", "dp", "dq", "qi")]


@pytest.mark.parametrize("accept", ["text/html", "text/plain", "application/json"])
def test_the_debug_page_of_a_failing_request_hides_the_signing_key(accept):
    parts = _private_parts()
    with override_settings(DEBUG=True, ROOT_URLCONF=__name__):
        response = Client(raise_request_exception=False).get("/boom/", HTTP_ACCEPT=accept)
    page = response.content.decode()
    assert response.status_code == 500
    assert "a failing request" in page  # it is the debug page, with the settings on it
    assert "JWT_PRIVATE_SIGNING_JWK" in page
    for part in parts:
        assert part not in page
        assert part[:32] not in page


def test_djangos_own_filter_would_show_it():
    """What the demo host's filter adds: Django's default would put the key on the page."""
    parts = _private_parts()
    shown = str(SafeExceptionReporterFilter().get_safe_settings())
    assert parts[0] in shown
    assert parts[0] not in str(SecretsHiddenExceptionReporterFilter().get_safe_settings())
