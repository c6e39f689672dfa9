"""
Operators' insight: what the admin's search, filters, index and overview page ask of the data.

Every figure is an aggregate computed by the database (grouped counts, no loop over rows), so the overview
costs the same number of queries whatever the tables' size: a fixed number, plus the site configuration
reads of the auto-archive policy (one or two per org the catalog knows, kept per worker by ``sites``). The
overview is kept in Django's cache for ``OVERVIEW_CACHE_SECONDS``.
"""

import datetime

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import models
from django.db.models import Case, Count, F, Q, Value, When
from django.db.models.functions import StrIndex, Substr, TruncDate
from django.db.models.lookups import GreaterThan
from django.utils import timezone

from course_archive import conf, platform, toggles
from course_archive.learner_home import auto_archive_days
from course_archive.models import CourseArchiveActivity, CourseArchiveStatus, CourseCatalogInfo

OVERVIEW_DAYS = 90
OVERVIEW_TOP = 10
OVERVIEW_ORGS = 30
OVERVIEW_CACHE_SECONDS = 60
_CACHE_KEY = "course_archive.overview.v1"

SEARCH_PREFIX = "prefix"
SEARCH_SUBSTRING = "substring"
_COURSE_V1 = "course-v1:"


def org_of(field="course_id"):
    """
    The org of the course key in ``field``, as a database expression: the text between ``course-v1:`` and
    the first ``+``, or before the first ``/`` of an old-style key (``edX/DemoX/2014``); else "".
    """
    colon = StrIndex(field, Value(":"))
    plus = StrIndex(field, Value("+"))
    slash = StrIndex(field, Value("/"))
    text = models.CharField()
    return Case(
        When(
            GreaterThan(colon, 0) & GreaterThan(plus, colon),
            then=Substr(field, colon + 1, plus - colon - 1, output_field=text),
        ),
        When(GreaterThan(slash, 0), then=Substr(field, 1, slash - 1, output_field=text)),
        default=Value(""),
        output_field=text,
    )


def _org_prefixes(org):
    return Q(course_id__startswith=f"{_COURSE_V1}{org}+") | Q(course_id__startswith=f"{org}/")


def statuses_of_org(statuses, org):
    """``statuses`` of courses of ``org``: prefixes of ``course_id``, which its index serves."""
    return statuses.filter(_org_prefixes(org))


def known_orgs():
    """The orgs of the courses the catalog knows (one row per course), sorted; one query."""
    rows = CourseCatalogInfo.objects.order_by().annotate(org=org_of()).values_list("org", flat=True).distinct()
    return sorted(org for org in rows if org)


def search_mode():
    """``COURSE_ARCHIVE_ADMIN_SEARCH``: "prefix" (index-friendly, the default) or "substring"."""
    return conf.get(conf.ADMIN_SEARCH)


# Learners, or courses, one word of a search may match: past that, the word is too short to mean much.
SEARCH_MATCH_LIMIT = 1000
_COURSE_ID_CHARACTERS = (":", "+", "/")


def _ids(queryset, field):
    return list(queryset.values_list(field, flat=True)[:SEARCH_MATCH_LIMIT])


def _word_matches(word, substring):
    """
    What one word of a search matches. By prefix, a word shaped like a course id (``:``, ``+`` or ``/``)
    matches the course ids starting with it (with or without ``course-v1:``); a word with ``@`` the learners
    whose email starts with it; any other word the learners whose username starts with it. Any word also
    matches the courses the catalog knows (one row per course) whose id or name contains it. Learners and
    catalog courses are read first (at most ``SEARCH_MATCH_LIMIT`` each), so that the status table is read
    through its ``user_id`` and ``course_id`` indexes.
    """
    catalog = CourseCatalogInfo.objects.order_by().filter(Q(name__icontains=word) | Q(course_id__icontains=word))
    condition = Q(course_id__in=_ids(catalog, "course_id"))
    users = get_user_model().objects.order_by()
    if substring:
        learners = users.filter(Q(username__icontains=word) | Q(email__icontains=word))
        return condition | Q(course_id__icontains=word) | Q(user_id__in=_ids(learners, "pk"))
    if any(character in word for character in _COURSE_ID_CHARACTERS):
        return condition | Q(course_id__startswith=word) | Q(course_id__startswith=f"{_COURSE_V1}{word}")
    learners = users.filter(email__istartswith=word) if "@" in word else users.filter(username__istartswith=word)
    return condition | Q(user_id__in=_ids(learners, "pk"))


def search_statuses(statuses, text):
    """
    ``statuses`` matching every word of ``text`` (``_word_matches``). With ``COURSE_ARCHIVE_ADMIN_SEARCH``
    "substring", course ids, usernames and emails match anywhere: a scan of the status and user tables.
    """
    substring = search_mode() == SEARCH_SUBSTRING
    for word in text.split():
        statuses = statuses.filter(_word_matches(word, substring))
    return statuses


def _auto_archive_cutoffs(orgs, now):
    """``{org: end date on or before which its runs are auto-archived now}`` for the orgs with a policy."""
    cutoffs = {}
    for org in orgs:
        days = auto_archive_days(org)
        if days is not None:
            cutoffs[org] = now - datetime.timedelta(days=days)
    return cutoffs


def _covered_runs(cutoffs):
    """Catalog rows of the runs the auto-archive policy covers, given each org's cutoff."""
    if not cutoffs:
        return CourseCatalogInfo.objects.none()
    cutoff = Case(
        *(When(org=org, then=Value(date)) for org, date in cutoffs.items()),
        default=Value(None),
        output_field=models.DateTimeField(),
    )
    return (
        CourseCatalogInfo.objects.order_by()
        .annotate(org=org_of(), cutoff=cutoff)
        .filter(end__isnull=False, cutoff__isnull=False, end__lte=F("cutoff"))
    )


def statuses_by_auto_archive(statuses, covered):
    """``statuses`` of courses the auto-archive policy covers today (``covered``) or does not."""
    runs = _covered_runs(_auto_archive_cutoffs(known_orgs(), timezone.now())).values("course_id")
    return statuses.filter(course_id__in=runs) if covered else statuses.exclude(course_id__in=runs)


def kill_switch_state():
    """The kill switch's waffle flag, summed up for the admin index (``toggles.kill_switch_state``)."""
    return toggles.kill_switch_state()


def auto_archive_policy():
    """The auto-archive settings as Django settings hold them; site configurations may override per org."""
    org_days = conf.get(conf.AUTO_ARCHIVE_ORG_DAYS)
    return {
        "days": conf.get(conf.AUTO_ARCHIVE_DAYS),
        "org_days": sorted(org_days.items()) if isinstance(org_days, dict) else [],
    }


def _per_day(since, today):
    """Archives and unarchives per UTC day from ``since`` to ``today``; one grouped query."""
    counts = (
        CourseArchiveActivity.objects.filter(created__gte=since)
        .order_by()
        .annotate(day=TruncDate("created", tzinfo=datetime.UTC))
        .values_list("day", "is_archived")
        .annotate(count=Count("id"))
    )
    by_day = {}
    for day, is_archived, count in counts:
        by_day.setdefault(day, [0, 0])[0 if is_archived else 1] += count
    days = []
    day = since.date()
    while day <= today:
        archived, unarchived = by_day.get(day, (0, 0))
        days.append({"day": day, "archived": archived, "unarchived": unarchived})
        day += datetime.timedelta(days=1)
    return days


def _most_archived_courses(top):
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


def _top_learners(top):
    """The ``top`` learners with the most archived courses."""
    rows = (
        CourseArchiveStatus.objects.filter(is_archived=True)
        .order_by()
        .values_list("user_id", "user__username")
        .annotate(count=Count("id"))
        .order_by("-count", "user__username")[:top]
    )
    return [{"user_id": user_id, "username": username, "archived": count} for user_id, username, count in rows]


def _per_org(limit):
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


def _auto_archive_coverage(now):
    """Per org the catalog knows: its runs, its policy (days) and the runs the policy covers today."""
    runs = dict(
        CourseCatalogInfo.objects.order_by().annotate(org=org_of()).values_list("org").annotate(count=Count("id"))
    )
    orgs = sorted(org for org in runs if org)
    cutoffs = _auto_archive_cutoffs(orgs, now)
    covered = dict(_covered_runs(cutoffs).values_list("org").annotate(count=Count("id"))) if cutoffs else {}
    return [
        {
            "org": org,
            "runs": runs[org],
            "days": (now - cutoffs[org]).days if org in cutoffs else None,
            "covered": covered.get(org, 0),
        }
        for org in orgs
    ]


def compute_overview(now=None):
    """The overview's figures, computed now (see the module's docstring for what it costs)."""
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


def overview(refresh=False):
    """The overview's figures from Django's cache, computed when absent, older than the cache time or asked."""
    figures = None if refresh else cache.get(_CACHE_KEY)
    if figures is None:
        figures = compute_overview()
        cache.set(_CACHE_KEY, figures, OVERVIEW_CACHE_SECONDS)
    return figures
