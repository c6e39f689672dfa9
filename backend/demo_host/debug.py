"""What Django's debug page (``make dev`` runs with ``DEBUG``) may show of the demo host's settings."""

import re

from django.views.debug import SafeExceptionReporterFilter


class SecretsHiddenExceptionReporterFilter(SafeExceptionReporterFilter):
    """
    Django's filter, also hiding JSON Web Keys: ``JWT_PRIVATE_SIGNING_JWK`` matches none of Django's words
    (API, TOKEN, KEY, SECRET, PASS, SIGNATURE), and whoever reads that key can sign a staff token.
    """

    hidden_settings = re.compile("API|TOKEN|KEY|SECRET|PASS|SIGNATURE|HTTP_COOKIE|JWK|PRIVATE", flags=re.IGNORECASE)
