"""Throttling of REST API v1."""

from rest_framework.throttling import UserRateThrottle

from course_archive import conf


class CourseArchiveRateThrottle(UserRateThrottle):
    """
    Per-user rate limit with a scope of its own, so the plugin neither spends nor shares the platform's
    ``user`` bucket. The rate is read from ``COURSE_ARCHIVE_API_RATE_LIMIT`` on every request, and
    counted in Django's default cache, which every worker shares.
    """

    scope = "course_archive"

    def get_rate(self):
        return conf.get(conf.API_RATE_LIMIT)
