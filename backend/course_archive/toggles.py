"""Feature toggles of the plugin (OEP-17), read at call time."""

import time

from edx_toggles.toggles import WaffleFlag
from waffle import get_waffle_flag_model

# How long a worker keeps waffle's record of a flag before reading it from the shared cache again. A
# change saved in this process applies at once (``forget_flag_records``); other workers see it within this.
FLAG_RECORD_SECONDS = 5

_records = {}


def _flag_record(name):
    """waffle's ``Flag.get(name)`` (the flag, or an unsaved one when it does not exist), kept per process."""
    now = time.monotonic()
    entry = _records.get(name)
    if entry is None or now >= entry[0]:
        entry = _records[name] = (now + FLAG_RECORD_SECONDS, get_waffle_flag_model().get(name))
    return entry[1]


def forget_flag_records():
    """Read every flag from the shared cache on its next use (a flag was saved or deleted)."""
    _records.clear()


class KeptWaffleFlag(WaffleFlag):
    """
    edx-toggles' ``WaffleFlag`` (request cache, no-request default) whose record waffle reads from the
    shared cache at most every ``FLAG_RECORD_SECONDS`` in a worker, instead of on every request: a round
    trip to Redis (or memcached) on every API call, for a flag that changes in an incident. Whether it is
    active for a request is still waffle's ``Flag.is_active``: everyone, users, groups, percentages.
    """

    def _get_flag_active_request(self, request):
        if request:
            value = _flag_record(self.name).is_active(request)
            self.cached_flags()[self.name] = value
            return value
        return None


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
DISABLED = KeptWaffleFlag("course_archive.disabled", __name__)


def archiving_disabled():
    """Whether the kill switch is on for the current request (its user) or, without a request, for everyone."""
    return DISABLED.is_enabled()


def kill_switch_state():
    """
    The kill switch's waffle flag as the admin index shows it: ``{"exists", "everyone", "partial", "flag"}``.
    ``everyone`` is the flag's Everyone setting (True on, False off, None: decided per request); ``partial``
    says whether it is on for some requests (staff, superusers, authenticated users, a percentage, users or
    groups). Read fresh, not from the worker's record, so the admin shows the stored state.
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
