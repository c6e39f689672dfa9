"""
System checks of the API's limits: the request rate, the largest request body, the throttle's answer while
its cache is down, statuses per learner, the admin's search mode and the threshold of estimated counts.
"""

import re

from django.core.checks import CheckMessage, register
from django.utils.translation import gettext as _

from course_archive import conf
from course_archive.checks.errors import setting_error

__all__ = [
    "THROTTLE_CACHE_FAILURE_CHOICES",
    "check_admin_search",
    "check_estimated_count_threshold",
    "check_max_request_body",
    "check_max_statuses_per_learner",
    "check_rate_limit",
    "check_throttle_when_cache_fails",
]

_RATE = re.compile(r"^\d+/(s|sec|second|m|min|minute|h|hour|d|day)$")


@register()
def check_rate_limit(app_configs: object = None, **kwargs: object) -> list[CheckMessage]:
    value = conf.get(conf.API_RATE_LIMIT)
    if isinstance(value, str) and _RATE.match(value.strip()) and int(value.split("/")[0]) > 0:
        return []
    return [
        setting_error(
            "E001",
            conf.API_RATE_LIMIT,
            _("{setting} is {value}, which is not a request rate."),
            _('Set it to "<requests>/<second|minute|hour|day>", for example "60/minute".'),
            value=repr(value),
        )
    ]


# Below this a bulk request of 100 course ids no longer fits; above it a body is no longer "small".
_BODY_BYTES_RANGE = (32 * 1024, 16 * 1024 * 1024)


@register()
def check_max_request_body(app_configs: object = None, **kwargs: object) -> list[CheckMessage]:
    value = conf.get(conf.MAX_REQUEST_BODY_BYTES)
    low, high = _BODY_BYTES_RANGE
    if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
        return []
    return [
        setting_error(
            "E006",
            conf.MAX_REQUEST_BODY_BYTES,
            _("{setting} is {value}, not a number of bytes from {low} to {high}."),
            _("Set it to the largest request body the course archive API may read, for example 65536."),
            value=repr(value),
            low=low,
            high=high,
        )
    ]


THROTTLE_CACHE_FAILURE_CHOICES = ("allow", "refuse")


@register()
def check_throttle_when_cache_fails(app_configs: object = None, **kwargs: object) -> list[CheckMessage]:
    value = conf.get(conf.THROTTLE_WHEN_CACHE_FAILS)
    if value in THROTTLE_CACHE_FAILURE_CHOICES:
        return []
    return [
        setting_error(
            "E022",
            conf.THROTTLE_WHEN_CACHE_FAILS,
            _("{setting} is {value}, not one of {choices}."),
            _(
                'Set it to "allow" (serve requests uncounted while the cache is down) '
                'or "refuse" (503 until it is back).'
            ),
            value=repr(value),
            choices=", ".join(map(repr, THROTTLE_CACHE_FAILURE_CHOICES)),
        )
    ]


# A learner of the largest sites has a few hundred enrolments; one row a course is all the API needs.
_STATUSES_PER_LEARNER_RANGE = (100, 1_000_000)


@register()
def check_max_statuses_per_learner(app_configs: object = None, **kwargs: object) -> list[CheckMessage]:
    value = conf.get(conf.MAX_STATUSES_PER_LEARNER)
    low, high = _STATUSES_PER_LEARNER_RANGE
    if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
        return []
    return [
        setting_error(
            "E023",
            conf.MAX_STATUSES_PER_LEARNER,
            _("{setting} is {value}, not a number of rows from {low} to {high}."),
            _("Set it to the most course archive statuses one learner may have, for example 2000."),
            value=repr(value),
            low=low,
            high=high,
        )
    ]


@register()
def check_admin_search(app_configs: object = None, **kwargs: object) -> list[CheckMessage]:
    value = conf.get(conf.ADMIN_SEARCH)
    if value in ("prefix", "substring"):
        return []
    return [
        setting_error(
            "E028",
            conf.ADMIN_SEARCH,
            _("{setting} is {value}, not a search mode."),
            _(
                'Set it to "prefix" (course ids, usernames and emails starting with the words; uses the indexes) '
                'or "substring" (anywhere in them; scans the tables).'
            ),
            value=repr(value),
        )
    ]


# A count above this many rows is no longer cheap on any database: an estimate is better than a scan.
_MAX_COUNT_THRESHOLD = 100_000_000


@register()
def check_estimated_count_threshold(app_configs: object = None, **kwargs: object) -> list[CheckMessage]:
    value = conf.get(conf.ESTIMATED_COUNT_THRESHOLD)
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= _MAX_COUNT_THRESHOLD:
        return []
    return [
        setting_error(
            "E029",
            conf.ESTIMATED_COUNT_THRESHOLD,
            _("{setting} is {value}, not a number of rows from {low} to {high}."),
            _(
                "Set it to the row count above which lists of every status show the database's estimate, "
                "for example 100000."
            ),
            value=repr(value),
            low=0,
            high=_MAX_COUNT_THRESHOLD,
        )
    ]
