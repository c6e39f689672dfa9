"""Feature toggles of the plugin (OEP-17), read at call time."""

from edx_toggles.toggles import WaffleFlag

# .. toggle_name: course_archive.disabled
# .. toggle_implementation: WaffleFlag
# .. toggle_default: False
# .. toggle_description: Kill switch of the course archive plugin. Where the flag is active (for everyone,
#   or for chosen users, groups or a percentage of them), the learner dashboard is as without the plugin:
#   the Learner Home step adds no ``courseArchive``, the widget renders nothing of its own, and the REST API
#   refuses writes, and learners' reads, with a 403 whose code is ``archiving_disabled``. Stored statuses
#   stay as they are and come back when the flag is switched off.
# .. toggle_use_cases: circuit_breaker
# .. toggle_creation_date: 2026-12-01
DISABLED = WaffleFlag("course_archive.disabled", __name__)


def archiving_disabled():
    """Whether the kill switch is on for the current request (its user) or, without a request, for everyone."""
    return DISABLED.is_enabled()
