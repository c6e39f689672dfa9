"""The REST API's 503 answers: a service it needs is down for a while, and the client may try again."""

from django.utils.translation import gettext_lazy as _
from rest_framework import status as http_status
from rest_framework.exceptions import APIException

__all__ = ["CacheUnavailable", "DatabaseUnavailable", "ServiceUnavailable"]


class ServiceUnavailable(APIException):
    """503 JSON with ``Retry-After`` (DRF's exception handler turns ``wait`` into the header)."""

    status_code = http_status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = _("The service is briefly unavailable; try again later.")
    default_code = "service_unavailable"
    wait = 10  # seconds


class DatabaseUnavailable(ServiceUnavailable):
    """The database could not be reached or failed; nothing was changed (the transaction rolls back)."""

    default_code = "database_unavailable"


class CacheUnavailable(ServiceUnavailable):
    """The shared cache that counts requests is down, and the operator chose to refuse meanwhile."""

    default_code = "cache_unavailable"
    wait = 30
