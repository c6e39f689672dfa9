"""
The admin's search and list filters over statuses: by org (prefixes of ``course_id``, which its index
serves), by learner or course words, and by whether today's auto-archive policy covers the course. Each is a
queryset filter built from a few small reads (learners, catalog rows), so the status table is read through
its indexes. The overview's per-org figures use ``org_of`` and the policy's cutoffs too.
"""

import datetime
from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.db.models.functions import StrIndex, Substr
from django.db.models.lookups import GreaterThan
from django.utils import timezone

from course_archive import conf
from course_archive.learner_home import auto_archive_days
from course_archive.models import CourseCatalogInfo

__all__ = [
    "SEARCH_MATCH_LIMIT",
    "SEARCH_PREFIX",
    "SEARCH_SUBSTRING",
    "auto_archive_cutoffs",
    "covered_runs",
    "known_orgs",
    "org_of",
    "search_mode",
    "search_statuses",
    "statuses_by_auto_archive",
    "statuses_of_org",
]

SEARCH_PREFIX = "prefix"
SEARCH_SUBSTRING = "substring"
_COURSE_V1 = "course-v1:"


def org_of(field: str = "course_id") -> Case:
    """
    Return the org of the course key in ``field``, as a database expression.

    Arguments:
        field (str): the column of the course key.

    Returns:
        Case: the text between ``course-v1:`` and the first ``+``, or before the first ``/`` of an old-style
        key (``edX/DemoX/2014``); else "".
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


def _org_prefixes(org: str) -> Q:
    return Q(course_id__startswith=f"{_COURSE_V1}{org}+") | Q(course_id__startswith=f"{org}/")


def statuses_of_org(statuses: "models.QuerySet[Any]", org: str) -> "models.QuerySet[Any]":
    """
    Filter ``statuses`` to the courses of ``org``, by prefixes of ``course_id``, which its index serves.

    Arguments:
        statuses (QuerySet[CourseArchiveStatus]): the rows; org (str): the org.

    Returns:
        QuerySet[CourseArchiveStatus]: the rows of that org's courses.
    """
    return statuses.filter(_org_prefixes(org))


def known_orgs() -> list[str]:
    """
    Return the orgs of the courses the catalog knows (one row per course), in one query.

    Returns:
        list[str]: the orgs, sorted.
    """
    rows = CourseCatalogInfo.objects.order_by().annotate(org=org_of()).values_list("org", flat=True).distinct()
    return sorted(org for org in rows if org)


def search_mode() -> str:
    """
    Return how the admin's search matches, ``COURSE_ARCHIVE_ADMIN_SEARCH``.

    Returns:
        str: "prefix" (index-friendly, the default) or "substring".
    """
    return conf.get(conf.ADMIN_SEARCH)


# Learners, or courses, one word of a search may match: past that, the word is too short to mean much.
SEARCH_MATCH_LIMIT = 1000
_COURSE_ID_CHARACTERS = (":", "+", "/")


def _ids(queryset: "models.QuerySet[Any]", field: str) -> list[Any]:
    return list(queryset.values_list(field, flat=True)[:SEARCH_MATCH_LIMIT])


def _word_matches(word: str, substring: bool) -> Q:
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


def search_statuses(statuses: "models.QuerySet[Any]", text: str) -> "models.QuerySet[Any]":
    """
    Filter ``statuses`` to those matching every word of ``text`` (``_word_matches``).

    With ``COURSE_ARCHIVE_ADMIN_SEARCH`` "substring", course ids, usernames and emails match anywhere: a scan
    of the status and user tables.

    Arguments:
        statuses (QuerySet[CourseArchiveStatus]): the rows; text (str): the search, words split by spaces.

    Returns:
        QuerySet[CourseArchiveStatus]: the matching rows.
    """
    substring = search_mode() == SEARCH_SUBSTRING
    for word in text.split():
        statuses = statuses.filter(_word_matches(word, substring))
    return statuses


def auto_archive_cutoffs(orgs: Iterable[str], now: datetime.datetime) -> dict[str, datetime.datetime]:
    """
    Return, for each of ``orgs`` with an auto-archive policy, the end date its runs are auto-archived by.

    Arguments:
        orgs (Iterable[str]): the orgs; now (datetime): the time the policy applies at.

    Returns:
        dict[str, datetime]: ``{org: end date on or before which its runs are auto-archived now}``.
    """
    cutoffs = {}
    for org in orgs:
        days = auto_archive_days(org)
        if days is not None:
            cutoffs[org] = now - datetime.timedelta(days=days)
    return cutoffs


def covered_runs(cutoffs: dict[str, datetime.datetime]) -> "models.QuerySet[CourseCatalogInfo]":
    """
    Return the catalog rows of the runs the auto-archive policy covers.

    Arguments:
        cutoffs (dict[str, datetime]): each org's cutoff, as ``auto_archive_cutoffs``.

    Returns:
        QuerySet[CourseCatalogInfo]: the runs, each annotated with its ``org`` and ``cutoff``.
    """
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


def statuses_by_auto_archive(statuses: "models.QuerySet[Any]", covered: bool) -> "models.QuerySet[Any]":
    """
    Filter ``statuses`` to courses the auto-archive policy covers today, or does not.

    Arguments:
        statuses (QuerySet[CourseArchiveStatus]): the rows; covered (bool): the covered courses, or the others.

    Returns:
        QuerySet[CourseArchiveStatus]: the rows.
    """
    runs = covered_runs(auto_archive_cutoffs(known_orgs(), timezone.now())).values("course_id")
    return statuses.filter(course_id__in=runs) if covered else statuses.exclude(course_id__in=runs)
