"""
Operators' insight: the admin index's summary and the overview page's figures. The admin's search and list
filters are ``course_archive.admin_search``.

Every figure is an aggregate computed by the database (grouped counts, no loop over rows), so the overview
costs the same number of queries whatever the tables' size: a fixed number, plus the site configuration
reads of the auto-archive policy (one or two per org the catalog knows, kept per worker by ``sites``). The
overview is kept in Django's cache for ``OVERVIEW_CACHE_SECONDS``.
"""

import datetime
from typing import Any

from django.core.cache import cache
from django.db.models import Count, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from course_archive import conf, platform, toggles
from course_archive.admin_search import auto_archive_cutoffs, covered_runs, org_of
from course_archive.models import CourseArchiveActivity, CourseArchiveStatus, CourseCatalogInfo

OVERVIEW_DAYS = 90
OVERVIEW_TOP = 10
OVERVIEW_ORGS = 30
OVERVIEW_CACHE_SECONDS = 60
_CACHE_KEY = "course_archive.overview.v1"

__all__ = [
    "OVERVIEW_CACHE_SECONDS",
    "OVERVIEW_DAYS",
    "auto_archive_policy",
    "compute_overview",
    "kill_switch_state",
    "overview",
]


def kill_switch_state() -> dict[str, Any]:
    """
    Return the kill switch's waffle flag, summed up for the admin index.

    Returns:
        dict[str, Any]: ``{"exists", "everyone", "partial", "flag"}``, as ``toggles.kill_switch_state``.
    """
    return toggles.kill_switch_state()


def auto_archive_policy() -> dict[str, Any]:
    """
    Return the auto-archive settings as Django settings hold them; site configurations may override per org.

    Returns:
        dict[str, Any]: ``{"days": int | None, "org_days": [(org, days)]}``, the orgs sorted.
    """
    org_days = conf.get(conf.AUTO_ARCHIVE_ORG_DAYS)
    return {
        "days": conf.get(conf.AUTO_ARCHIVE_DAYS),
        "org_days": sorted(org_days.items()) if isinstance(org_days, dict) else [],
    }


def _per_day(since: datetime.datetime, today: datetime.date) -> list[dict[str, Any]]:
    """Archives and unarchives per UTC day from ``since`` to ``today``; one grouped query."""
    counts = (
        CourseArchiveActivity.objects.filter(created__gte=since)
        .order_by()
        .annotate(day=TruncDate("created", tzinfo=datetime.UTC))
        .values_list("day", "is_archived")
        .annotate(count=Count("id"))
    )
    by_day: dict[datetime.date, list[int]] = {}
    for day, is_archived, count in counts:
        by_day.setdefault(day, [0, 0])[0 if is_archived else 1] += count
    days = []
    day = since.date()
    while day <= today:
        archived, unarchived = by_day.get(day, (0, 0))
        days.append({"day": day, "archived": archived, "unarchived": unarchived})
        day += datetime.timedelta(days=1)
    return days


def _most_archived_courses(top: int) -> list[dict[str, Any]]:
    """The ``top`` courses with the most archived statuses, their names and share of enrolled learners."""
    rows = list(
        CourseArchiveStatus.objects.filter(is_archived=True)
        .order_by()
        .values_list("course_id")
        .annotate(count=Count("id"))
        .order_by("-count", "course_id")[:top]
    )
    keys = [course_id for course_id, _ in rows]
    names = dict(CourseCatalogInfo.objects.filter(course_id__in=keys).values_list("course_id", "name")) if keys else {}
    enrolled = platform.enrollment_counts(keys) if keys else {}
    courses = []
    for course_id, count in rows:
        learners = enrolled.get(course_id)
        courses.append(
            {
                "course_id": str(course_id),
                "name": names.get(course_id, ""),
                "archived": count,
                "enrolled": learners,
                "share": count / learners if learners else None,
            }
        )
    return courses


def _top_learners(top: int) -> list[dict[str, Any]]:
    """The ``top`` learners with the most archived courses."""
    rows = (
        CourseArchiveStatus.objects.filter(is_archived=True)
        .order_by()
        .values_list("user_id", "user__username")
        .annotate(count=Count("id"))
        .order_by("-count", "user__username")[:top]
    )
    return [{"user_id": user_id, "username": username, "archived": count} for user_id, username, count in rows]


def _per_org(limit: int) -> list[dict[str, Any]]:
    """Archived and active statuses and learners with an archived course, per org (the ``limit`` largest)."""
    archived = Q(is_archived=True)
    rows = (
        CourseArchiveStatus.objects.order_by()
        .annotate(org=org_of())
        .values_list("org")
        .annotate(
            archived=Count("id", filter=archived),
            active=Count("id", filter=~archived),
            learners=Count("user_id", filter=archived, distinct=True),
        )
        .order_by("-archived", "org")[:limit]
    )
    return [
        {"org": org, "archived": archived_count, "active": active, "learners": learners}
        for org, archived_count, active, learners in rows
    ]


def _auto_archive_coverage(now: datetime.datetime) -> list[dict[str, Any]]:
    """Per org the catalog knows: its runs, its policy (days) and the runs the policy covers today."""
    runs = dict(
        CourseCatalogInfo.objects.order_by().annotate(org=org_of()).values_list("org").annotate(count=Count("id"))
    )
    orgs = sorted(org for org in runs if org)
    cutoffs = auto_archive_cutoffs(orgs, now)
    covered = dict(covered_runs(cutoffs).values_list("org").annotate(count=Count("id"))) if cutoffs else {}
    return [
        {
            "org": org,
            "runs": runs[org],
            "days": (now - cutoffs[org]).days if org in cutoffs else None,
            "covered": covered.get(org, 0),
        }
        for org in orgs
    ]


def compute_overview(now: datetime.datetime | None = None) -> dict[str, Any]:
    """
    Compute the overview's figures now (see the module's docstring for what it costs).

    Arguments:
        now (datetime | None): the time the figures are for; the current time by default.

    Returns:
        dict[str, Any]: ``computed_at``, ``days``, ``totals``, ``per_day``, ``courses``, ``learners``, ``orgs``
        and ``auto_archive``, as the overview page shows them.
    """
    now = now or timezone.now()
    today = now.astimezone(datetime.UTC).date()
    since = datetime.datetime.combine(today, datetime.time(), tzinfo=datetime.UTC) - datetime.timedelta(
        days=OVERVIEW_DAYS - 1
    )
    archived = Q(is_archived=True)
    totals = CourseArchiveStatus.objects.order_by().aggregate(
        archived=Count("id", filter=archived),
        active=Count("id", filter=~archived),
        learners=Count("user_id", filter=archived, distinct=True),
    )
    per_day = _per_day(since, today)
    coverage = _auto_archive_coverage(now)
    return {
        "computed_at": now,
        "days": OVERVIEW_DAYS,
        "totals": {
            **totals,
            "archives_in_period": sum(day["archived"] for day in per_day),
            "unarchives_in_period": sum(day["unarchived"] for day in per_day),
            "covered_runs": sum(org["covered"] for org in coverage),
        },
        "per_day": per_day,
        "courses": _most_archived_courses(OVERVIEW_TOP),
        "learners": _top_learners(OVERVIEW_TOP),
        "orgs": _per_org(OVERVIEW_ORGS),
        "auto_archive": coverage,
    }


def overview(refresh: bool = False) -> dict[str, Any]:
    """
    Return the overview's figures from Django's cache, computed when absent, older than the cache time or asked.

    Arguments:
        refresh (bool): compute them again whatever the cache holds.

    Returns:
        dict[str, Any]: as ``compute_overview``.
    """
    figures = None if refresh else cache.get(_CACHE_KEY)
    if figures is None:
        figures = compute_overview()
        cache.set(_CACHE_KEY, figures, OVERVIEW_CACHE_SECONDS)
    return figures
