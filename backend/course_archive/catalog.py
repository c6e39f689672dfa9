"""
Catalog facts of courses: COURSE_CATALOG_INFO_CHANGED events applied at a constant cost (one conditional
UPDATE of the course's own row), ordered and idempotent by the event's id and time, and the backfill
from the platform's course overviews (through ``course_archive.platform``).
"""

import datetime
import logging
import uuid
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, overload

from django.db import IntegrityError, InterfaceError, OperationalError, models, transaction
from django.utils import timezone
from opaque_keys import InvalidKeyError
from opaque_keys.edx.keys import CourseKey

from course_archive import platform
from course_archive.models import CourseArchiveStatus, CourseCatalogInfo

if TYPE_CHECKING:
    from openedx_events.content_authoring.data import CourseCatalogData
    from openedx_events.data import EventsMetadata

__all__ = [
    "TRANSIENT_DATABASE_ERRORS",
    "apply_catalog_event",
    "apply_catalog_payload",
    "backfill_catalog",
    "catalog_event_payload",
    "count_courses_with_statuses",
    "course_display_name",
    "courses_with_statuses",
]

log = logging.getLogger(__name__)

# Database errors worth another attempt later (the task retries them with backoff); anything else is not.
TRANSIENT_DATABASE_ERRORS = (OperationalError, InterfaceError)


# CourseOverview.catalog_visibility values that keep a course out of the catalog (as the CMS decides
# ``hidden`` when it sends COURSE_CATALOG_INFO_CHANGED).
_HIDDEN_VISIBILITIES = ("about", "none")


_FACT_DATES = ("start", "end", "enrollment_start", "enrollment_end")


@overload
def _aware(value: None) -> None: ...
@overload
def _aware(value: datetime.datetime) -> datetime.datetime: ...
@overload
def _aware(value: object) -> datetime.datetime | None: ...
def _aware(value: object) -> datetime.datetime | None:
    """``value``, a datetime, made aware in UTC when it is naive; None stays None, anything else is a TypeError."""
    if value is None:
        return None
    if not isinstance(value, datetime.datetime):
        raise TypeError(f"expected a datetime, got {type(value).__name__}")
    return value if timezone.is_aware(value) else timezone.make_aware(value, datetime.UTC)


def _catalog_facts(catalog_info: "CourseCatalogData") -> dict[str, Any]:
    """The fields of ``CourseCatalogInfo`` from a ``CourseCatalogData``; TypeError when malformed."""
    schedule = catalog_info.schedule_data
    if not isinstance(catalog_info.course_key, CourseKey):
        raise TypeError("course_key is not a CourseKey")
    return {
        "name": str(catalog_info.name or "")[:255],
        "hidden": bool(catalog_info.hidden),
        "invitation_only": bool(catalog_info.invitation_only),
        "start": _aware(getattr(schedule, "start", None)),
        "end": _aware(getattr(schedule, "end", None)),
        "enrollment_start": _aware(getattr(schedule, "enrollment_start", None)),
        "enrollment_end": _aware(getattr(schedule, "enrollment_end", None)),
        "pacing": str(getattr(schedule, "pacing", "") or "")[:32],
    }


def catalog_event_payload(catalog_info: "CourseCatalogData", metadata: "EventsMetadata") -> dict[str, Any] | None:
    """
    Return a COURSE_CATALOG_INFO_CHANGED event as plain JSON data, for a Celery task to carry.

    A malformed event gives None (logged at ERROR), so a bad event is never queued.

    Arguments:
        catalog_info (CourseCatalogData): the event's ``catalog_info``.
        metadata (EventsMetadata): the event's metadata, whose ``id`` and ``time`` order the event.

    Returns:
        dict[str, Any] | None: ``{"course_key", "event_id", "event_time", "facts"}`` as strings and JSON
        values, or None when the event is malformed.
    """
    event_id = getattr(metadata, "id", None)
    try:
        course_key = catalog_info.course_key
        facts = _catalog_facts(catalog_info)
        event_time = _aware(metadata.time)
        if not isinstance(event_id, uuid.UUID) or event_time is None:
            raise TypeError("metadata has no event id or time")
    except (AttributeError, TypeError, ValueError) as error:
        log.error("Course archive: ignored malformed COURSE_CATALOG_INFO_CHANGED event %s: %s", event_id, error)
        return None
    for name in _FACT_DATES:
        facts[name] = facts[name].isoformat() if facts[name] else None
    return {
        "course_key": str(course_key),
        "event_id": str(event_id),
        "event_time": event_time.isoformat(),
        "facts": facts,
    }


def _from_payload(
    payload: Mapping[str, Any],
) -> tuple[CourseKey, dict[str, Any], uuid.UUID, datetime.datetime]:
    """``(course_key, facts, event_id, event_time)`` of a payload; TypeError/ValueError when malformed."""
    facts = dict(payload["facts"])
    if set(facts) != {"name", "hidden", "invitation_only", "pacing", *_FACT_DATES}:
        raise ValueError("unexpected catalog facts")
    for name in _FACT_DATES:
        facts[name] = _aware(datetime.datetime.fromisoformat(facts[name])) if facts[name] else None
    return (
        CourseKey.from_string(payload["course_key"]),
        facts,
        uuid.UUID(payload["event_id"]),
        _aware(datetime.datetime.fromisoformat(payload["event_time"])),
    )


def apply_catalog_payload(payload: Mapping[str, Any]) -> bool:
    """
    Apply an event made by ``catalog_event_payload``; True when it changed something.

    Idempotent and ordered by the event: the same event id again, or an event older than the one applied
    last, changes nothing. A malformed payload is logged at ERROR and changes nothing. Nothing here sleeps.

    Arguments:
        payload (Mapping[str, Any]): what ``catalog_event_payload`` returned, as the Celery task carried it.

    Returns:
        bool: True when the course's catalog facts were written, False when nothing changed.

    Raises:
        OperationalError, InterfaceError: a transient database error (``TRANSIENT_DATABASE_ERRORS``), for
            the caller to retry (the Celery task does, with backoff).
    """
    try:
        course_key, facts, event_id, event_time = _from_payload(payload)
    except (KeyError, TypeError, ValueError, InvalidKeyError) as error:
        log.error("Course archive: ignored a malformed catalog event payload: %s", error)
        return False
    return _apply_catalog_facts(course_key, facts, event_id, event_time)


def apply_catalog_event(catalog_info: "CourseCatalogData", metadata: "EventsMetadata") -> bool:
    """
    Apply a COURSE_CATALOG_INFO_CHANGED event in this process, now; see ``apply_catalog_payload``.

    Arguments:
        catalog_info (CourseCatalogData): the event's ``catalog_info``.
        metadata (EventsMetadata): the event's metadata.

    Returns:
        bool: True when the course's catalog facts were written, False when nothing changed (a replay, an
        older event, or a malformed one).

    Raises:
        OperationalError, InterfaceError: a transient database error (``TRANSIENT_DATABASE_ERRORS``).
    """
    payload = catalog_event_payload(catalog_info, metadata)
    return False if payload is None else apply_catalog_payload(payload)


def _update_if_newer(
    course_key: CourseKey,
    facts: dict[str, Any],
    event_id: uuid.UUID | None,
    event_time: datetime.datetime,
    now: datetime.datetime,
    strictly_newer: bool = False,
) -> int:
    """
    Write ``facts`` onto the course's row unless what the row holds is as new or newer: one conditional
    UPDATE that decides and writes under the row's lock, so concurrent writers apply events in order.
    An event applies over one of the same time with another id; the backfill (``event_id`` None) only
    over older facts (``strictly_newer``), so running it again writes nothing.
    """
    newer = models.Q(event_time__lt=event_time) if strictly_newer else models.Q(event_time__lte=event_time)
    rows = CourseCatalogInfo.objects.filter(course_id=course_key).filter(models.Q(event_time__isnull=True) | newer)
    if event_id is not None:
        rows = rows.exclude(event_id=event_id)
    return rows.update(event_id=event_id, event_time=event_time, last_synced=now, updated_at=now, **facts)


def _apply_catalog_facts(
    course_key: CourseKey, facts: dict[str, Any], event_id: uuid.UUID, event_time: datetime.datetime
) -> bool:
    """
    Store the facts unless this event was applied already or is older: one UPDATE of the course's own
    catalog row, whatever the number of learners with a status for the course. Only when it changes
    nothing is the row looked at: absent (the course's first event), it is created; present, the event is
    a replay or older and is ignored.
    """
    now = timezone.now()
    if not _update_if_newer(course_key, facts, event_id, event_time, now):
        existing = CourseCatalogInfo.objects.filter(course_id=course_key).values_list("event_id").first()
        if existing is None:
            try:
                with transaction.atomic():
                    CourseCatalogInfo.objects.create(
                        course_id=course_key, event_id=event_id, event_time=event_time, last_synced=now, **facts
                    )
            except IntegrityError:
                # A concurrent first event (or the backfill) created the row: decide against it instead.
                if not _update_if_newer(course_key, facts, event_id, event_time, now):
                    existing = CourseCatalogInfo.objects.filter(course_id=course_key).values_list("event_id").first()
        if existing is not None:
            reason = "already applied" if existing[0] == event_id else "older than the one applied"
            log.info(
                "Course archive: ignored COURSE_CATALOG_INFO_CHANGED event %s for %s: %s.", event_id, course_key, reason
            )
            return False
    log.info("Course archive: applied COURSE_CATALOG_INFO_CHANGED event %s for %s.", event_id, course_key)
    return True


def _overview_facts(overview: platform.CourseOverviewData) -> dict[str, Any]:
    """The fields of ``CourseCatalogInfo`` from a ``CourseOverviewData``, decided as the CMS decides them."""
    return {
        "name": str(overview.display_name or "")[:255],
        "hidden": overview.catalog_visibility in _HIDDEN_VISIBILITIES or bool(overview.course_key.deprecated),
        "invitation_only": bool(overview.invitation_only),
        **{name: _aware(getattr(overview, name)) for name in _FACT_DATES},
        "pacing": "self" if overview.self_paced else "instructor",
    }


def courses_with_statuses(after: CourseKey | None = None, limit: int = 500) -> list[CourseKey]:
    """
    Return up to ``limit`` distinct course keys that have statuses, in order, after ``after`` (one query).

    Arguments:
        after (CourseKey | None): the last key of the previous batch; None starts from the first.
        limit (int): the most keys to return.

    Returns:
        list[CourseKey]: the keys, in the order of their database form.
    """
    keys = CourseArchiveStatus.objects.order_by("course_id").values_list("course_id", flat=True).distinct()
    if after is not None:
        keys = keys.filter(course_id__gt=after)
    return list(keys[:limit])


def count_courses_with_statuses() -> int:
    """
    Return how many distinct courses have statuses.

    Returns:
        int: the number of courses with at least one status row.
    """
    return CourseArchiveStatus.objects.order_by().values("course_id").distinct().count()


def backfill_catalog(course_keys: Iterable[CourseKey], dry_run: bool = False) -> dict[str, int]:
    """
    Fill the catalog facts of ``course_keys`` from the platform's course overviews.

    For courses announced before the plugin was installed; the overviews are read through
    ``course_archive.platform``.

    The overview's ``modified`` time orders it against events: facts stored from an event (or an earlier
    backfill) at that time or later stay as they are, so it never overwrites what a newer event brought and
    a second run writes nothing. A few queries per call, plus one short UPDATE per course that has a row.

    Arguments:
        course_keys (Iterable[CourseKey]): the courses to fill (``courses_with_statuses`` gives them in batches).
        dry_run (bool): True counts what would change and writes nothing.

    Returns:
        dict[str, int]: how many courses were ``"created"``, ``"updated"``, ``"unchanged"``, and had
        ``"no_overview"``.
    """
    course_keys = list(course_keys)
    overviews = platform.course_overviews(course_keys)
    counts = {"created": 0, "updated": 0, "unchanged": 0, "no_overview": len(course_keys) - len(overviews)}
    if not overviews:
        return counts
    now = timezone.now()
    existing = dict(
        CourseCatalogInfo.objects.filter(course_id__in=list(overviews)).values_list("course_id", "event_time")
    )
    to_create: list[CourseCatalogInfo] = []
    for key, overview in overviews.items():
        facts = _overview_facts(overview)
        modified = _aware(overview.modified)
        if key not in existing:
            to_create.append(
                CourseCatalogInfo(course_id=key, event_time=modified, last_synced=now, updated_at=now, **facts)
            )
        elif modified is None:
            # An overview of unknown age cannot be ordered against events: it only fills courses with no facts.
            counts["unchanged"] += 1
        elif dry_run:
            counts["updated" if existing[key] is None or existing[key] < modified else "unchanged"] += 1
        elif _update_if_newer(key, facts, None, modified, now, strictly_newer=True):
            counts["updated"] += 1
        else:
            counts["unchanged"] += 1
    if to_create and dry_run:
        counts["created"] = len(to_create)
    elif to_create:
        # A row a concurrent event creates meanwhile wins: it is newer than the overview.
        CourseCatalogInfo.objects.bulk_create(to_create, ignore_conflicts=True)
        counts["created"] = CourseCatalogInfo.objects.filter(
            course_id__in=[row.course_id for row in to_create], event_id__isnull=True, last_synced=now
        ).count()
        counts["unchanged"] += len(to_create) - counts["created"]
    return counts


def course_display_name(course_key: CourseKey) -> str | None:
    """
    Return the course's name as the catalog facts hold it, else as the platform's overview has it.

    One or two queries (the xAPI statements name the course they are about).

    Arguments:
        course_key: the course run.

    Returns:
        Its display name, or None where neither the catalog nor the platform knows it.
    """
    name = CourseCatalogInfo.objects.filter(course_id=course_key).values_list("name", flat=True).first()
    if name:
        return name
    overview = platform.course_overviews([course_key]).get(course_key)
    return overview.display_name if overview is not None else None
