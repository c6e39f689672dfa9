"""
Per-site values: settings that the platform's site configuration sets for the site showing a course's
org (``configuration_helpers.get_value_for_org`` in the LMS), read through ``course_archive.platform``.
Each read is a query in the LMS, so values are kept per worker for
``COURSE_ARCHIVE_URL_RULES_REFRESH_SECONDS``, the refresh of the admin's URL rules.
"""

import logging
import time

from django.db import DatabaseError

from course_archive import conf, platform

log = logging.getLogger(__name__)

# [time to read again, {(org, setting name): value}]
_memo = [0.0, {}]


def forget():
    """Read every value afresh on the next call (a setting changed, or the URL rules were re-read)."""
    _memo[0] = 0.0


def site_value(org, name):
    """Setting ``name`` in the site configuration of ``org``'s site, or None."""
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
