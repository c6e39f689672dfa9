"""
Per-site values: settings that the platform's site configuration sets for the site showing a course's
org (``configuration_helpers.get_value_for_org`` in the LMS), read through ``course_archive.platform``.
Each read is a query in the LMS, so values are kept per worker for
``COURSE_ARCHIVE_URL_RULES_REFRESH_SECONDS``, the refresh of the admin's URL rules.
"""

import logging
import time
from typing import Any

from django.db import DatabaseError

from course_archive import conf, platform

__all__ = ["forget", "site_value"]

log = logging.getLogger(__name__)

# [time to read again, {(org, setting name): value}]
_memo: list[Any] = [0.0, {}]


def forget() -> None:
    """
    Read every value afresh on the next call (a setting changed, or the URL rules were re-read).

    Returns:
        None
    """
    _memo[0] = 0.0


def site_value(org: str, name: str) -> Any:
    """
    Setting ``name`` in the site configuration of ``org``'s site, or None.

    A database error (the site configuration's table unreadable) is logged and answers None, uncached.

    Arguments:
        org (str): the course's organization, as in its course key.
        name (str): the setting's name, e.g. ``COURSE_ARCHIVE_ABOUT_PAGE_URL_TEMPLATE``.

    Returns:
        Any: the value as the site configuration holds it (JSON data), or None when it sets none.
    """
    now = time.monotonic()
    if now >= _memo[0]:
        _memo[:] = [now + conf.get(conf.URL_RULES_REFRESH_SECONDS), {}]
    values, key = _memo[1], (org, name)
    if key not in values:
        try:
            values[key] = platform.site_value_for_org(org, name)
        except DatabaseError as error:
            log.warning("Course archive: could not read the site configuration of org %s: %s", org, error)
            return None
    return values[key]
