"""Feature toggles of the plugin (OEP-17), read at call time."""

import time
from typing import Any

import crum
from edx_django_utils.cache import RequestCache
from edx_toggles.toggles import WaffleFlag
from waffle import get_waffle_flag_model

from course_archive import shared_cache

__all__ = ["DISABLED", "FLAG_RECORD_SECONDS", "archiving_disabled", "forget_flag_records", "kill_switch_state"]

# How long a worker keeps waffle's record of a flag before reading it from the shared cache again. A
# change saved in this process applies at once (``forget_flag_records``); other workers see it within this.
FLAG_RECORD_SECONDS = 5

_records: dict[str, tuple[float, object]] = {}  # {flag name: (time to read again, flag)}


def _flag_record(name: str) -> Any:
    """waffle's ``Flag.get(name)`` (the flag, or an unsaved one when it does not exist), kept per process."""
    now = time.monotonic()
    entry = _records.get(name)
    if entry is None or now >= entry[0]:
        entry = _records[name] = (now + FLAG_RECORD_SECONDS, _read_flag(name))
    return entry[1]


def _read_flag(name: str) -> Any:
    """waffle's record of the flag, from the shared cache, or from the database while the cache is down."""
    flag_model = get_waffle_flag_model()
    try:
        return flag_model.get(name)
    except shared_cache.CACHE_ERRORS as error:
        shared_cache.report_outage("the kill switch is read from the database", error)
        return flag_model.objects.filter(name=name).first() or flag_model(name=name)


def forget_flag_records() -> None:
    """Read every flag from the shared cache on its next use (a flag was saved or deleted)."""
    _records.clear()


# .. toggle_name: course_archive.disabled
# .. toggle_implementation: WaffleFlag
# .. toggle_default: False
# .. toggle_description: Kill switch of the course archive plugin. Where the flag is active (for everyone,
#   or for chosen users, groups or a percentage of them), the learner dashboard is as without the plugin:
#   the Learner Home step adds no ``courseArchive``, the widget renders nothing of its own, and the REST API
#   refuses writes, and learners' reads, with a 403 whose code is ``archiving_disabled``. Stored statuses
#   stay as they are and come back when the flag is switched off. A worker reads the flag again at most
#   5 seconds after it changed (``FLAG_RECORD_SECONDS``).
# .. toggle_use_cases: circuit_breaker
# .. toggle_creation_date: 2026-12-01
DISABLED = WaffleFlag("course_archive.disabled", __name__)

# The request cache (edx-django-utils) that keeps the flag's answer for the rest of a request.
_REQUEST_CACHE_NAMESPACE = "course_archive.toggles"


def archiving_disabled() -> bool:
    """
    Whether the kill switch is on for the current request's user, or for everyone without a request.

    Without a request (a Celery task) the answer is edx-toggles' for everyone.

    Within a request the answer is waffle's ``Flag.is_active`` on the flag's record that this worker keeps
    for ``FLAG_RECORD_SECONDS`` (``WaffleFlag.is_enabled`` would read the shared cache on every request, a
    round trip to Redis or memcached on every API call, for a flag that changes in an incident), and it is
    kept in the request cache for the rest of the request.

    Returns:
        bool: True where the plugin must act as if it were not installed.
    """
    request = crum.get_current_request()
    if request is None:
        return DISABLED.is_enabled()
    cache = RequestCache(_REQUEST_CACHE_NAMESPACE)
    cached = cache.get_cached_response(DISABLED.name)
    if cached.is_found:
        return cached.value
    record = _flag_record(DISABLED.name)
    try:
        value = record.is_active(request)
    except shared_cache.CACHE_ERRORS as error:
        # Its users and groups are kept in the cache: while it is down, only "everyone" decides.
        shared_cache.report_outage("the kill switch applies only when it is on for everyone", error)
        value = bool(record.pk and record.everyone)
    cache.set(DISABLED.name, value)
    return value


def kill_switch_state() -> dict[str, Any]:
    """
    Return the kill switch's waffle flag as the admin index shows it.

    Read fresh, not from the worker's record, so the admin shows the stored state.

    Returns:
        dict[str, Any]: ``{"exists", "everyone", "partial", "flag"}``: ``everyone`` is the flag's Everyone
        setting (True on, False off, None: decided per request); ``partial`` says whether it is on for some
        requests (staff, superusers, authenticated users, a percentage, users or groups); ``flag`` is the
        flag, or None where it does not exist.
    """
    flag = get_waffle_flag_model().objects.filter(name=DISABLED.name).first()
    if flag is None:
        return {"exists": False, "everyone": False, "partial": False, "flag": None}
    partial = bool(
        flag.everyone is None
        and (
            flag.superusers
            or flag.staff
            or flag.authenticated
            or flag.percent
            or flag.users.exists()
            or flag.groups.exists()
        )
    )
    return {"exists": True, "everyone": flag.everyone, "partial": partial, "flag": flag}
