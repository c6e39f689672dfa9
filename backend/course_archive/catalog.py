"""
Catalog facts of courses: COURSE_CATALOG_INFO_CHANGED events applied at a constant cost (one conditional
UPDATE of the course's own row), ordered and idempotent by the event's id and time, and a course's name as
the xAPI statements give it. The backfill from the platform's overviews is ``course_archive.backfill``.
"""

import datetime
import logging
import uuid
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, overload

from django.db import IntegrityError, InterfaceError, OperationalError, models, transaction
from django.utils import timezone
from opaque_keys import InvalidKeyError
from opaque_keys.edx.keys import CourseKey

from course_archive import platform
from course_archive.models import CourseCatalogInfo

if TYPE_CHECKING:
    from openedx_events.content_authoring.data import CourseCatalogData
    from openedx_events.data import EventsMetadata

__all__ = [
    "FACT_DATES",
    "TRANSIENT_DATABASE_ERRORS",
    "apply_catalog_event",
    "apply_catalog_payload",
    "aware",
    "catalog_event_payload",
    "course_display_name",
    "update_if_newer",
]

log = logging.getLogger(__name__)

# Database errors worth another attempt later (the task retries them with backoff); anything else is not.
TRANSIENT_DATABASE_ERRORS = (OperationalError, InterfaceError)


FACT_DATES = ("start", "end", "enrollment_start", "enrollment_end")


@overload
def aware(value: None) -> None: ...
@overload
def aware(value: datetime.datetime) -> datetime.datetime: ...
@overload
def aware(value: object) -> datetime.datetime | None: ...
def aware(value: object) -> datetime.datetime | None:
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
        "start": aware(getattr(schedule, "start", None)),
        "end": aware(getattr(schedule, "end", None)),
        "enrollment_start": aware(getattr(schedule, "enrollment_start", None)),
        "enrollment_end": aware(getattr(schedule, "enrollment_end", None)),
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
        event_time = aware(metadata.time)
        if not isinstance(event_id, uuid.UUID) or event_time is None:
            raise TypeError("metadata has no event id or time")
    except (AttributeError, TypeError, ValueError) as error:
        log.error("Course archive: ignored malformed COURSE_CATALOG_INFO_CHANGED event %s: %s", event_id, error)
        return None
    for name in FACT_DATES:
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
    if set(facts) != {"name", "hidden", "invitation_only", "pacing", *FACT_DATES}:
        raise ValueError("unexpected catalog facts")
    for name in FACT_DATES:
        facts[name] = aware(datetime.datetime.fromisoformat(facts[name])) if facts[name] else None
    return (
        CourseKey.from_string(payload["course_key"]),
        facts,
        uuid.UUID(payload["event_id"]),
        aware(datetime.datetime.fromisoformat(payload["event_time"])),
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


def update_if_newer(
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
    if not update_if_newer(course_key, facts, event_id, event_time, now):
        existing = CourseCatalogInfo.objects.filter(course_id=course_key).values_list("event_id").first()
        if existing is None:
            try:
                with transaction.atomic():
                    CourseCatalogInfo.objects.create(
                        course_id=course_key, event_id=event_id, event_time=event_time, last_synced=now, **facts
                    )
            except IntegrityError:
                # A concurrent first event (or the backfill) created the row: decide against it instead.
                if not update_if_newer(course_key, facts, event_id, event_time, now):
                    existing = CourseCatalogInfo.objects.filter(course_id=course_key).values_list("event_id").first()
        if existing is not None:
            reason = "already applied" if existing[0] == event_id else "older than the one applied"
            log.info(
                "Course archive: ignored COURSE_CATALOG_INFO_CHANGED event %s for %s: %s.", event_id, course_key, reason
            )
            return False
    log.info("Course archive: applied COURSE_CATALOG_INFO_CHANGED event %s for %s.", event_id, course_key)
    return True


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
