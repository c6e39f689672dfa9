"""
The Python API of the course archive plugin: every business rule lives here.

Views, signal handlers, pipeline steps, the admin and management commands call these functions;
none of them touches the models directly.
"""

import datetime
import logging
import random
import time
import uuid

import crum
from django.contrib.auth import get_user_model
from django.db import DatabaseError, IntegrityError, InterfaceError, OperationalError, connection, models, transaction
from django.utils import timezone
from opaque_keys import InvalidKeyError
from opaque_keys.edx.keys import CourseKey

from course_archive import about_page, conf, exceptions, platform, toggles, tracking
from course_archive.models import AboutPageUrlRule, CourseArchiveStatus, CourseCatalogInfo, parse_course_key_once

log = logging.getLogger(__name__)

MAX_BULK_COURSES = 100
# Bounded retries for writes that lose a race (unique-key collisions, InnoDB deadlocks, SQLite locks).
WRITE_ATTEMPTS = 5
_RETRY_BASE_DELAY = 0.01


def parse_course_key(value, field="course_id"):
    """Return ``value`` as a ``CourseKey``, or raise ``InvalidCourseKey`` naming ``field``."""
    if isinstance(value, CourseKey):
        return value
    if not isinstance(value, str) or not value or len(value) > 255:
        raise exceptions.InvalidCourseKey(f"{value!r} is not a valid course key.", field=field)
    try:
        return parse_course_key_once(value)
    except InvalidKeyError:
        raise exceptions.InvalidCourseKey(f"{value!r} is not a valid course key.", field=field) from None


def is_operator(user):
    """Staff and superusers see and change every learner's statuses."""
    return bool(user and user.is_authenticated and (user.is_staff or user.is_superuser))


def statuses_visible_to(user):
    """The statuses ``user`` may see (their own, or every row for staff), each with its catalog facts."""
    queryset = CourseArchiveStatus.objects.select_related("catalog_info")
    if not is_operator(user):
        queryset = queryset.filter(user_id=user.pk)
    return queryset


def resolve_owner(actor, user_id):
    """
    Return the user whose status ``actor`` asks to write.

    ``user_id`` None means the actor. A learner may only name themselves; naming anyone else is
    ``NotPermitted`` whether or not that user exists, so the answer reveals nothing.
    """
    if user_id is None or user_id == actor.pk:
        return actor
    if not is_operator(actor):
        raise exceptions.NotPermitted("You may only change your own course archive statuses.")
    try:
        return get_user_model().objects.get(pk=user_id)
    except get_user_model().DoesNotExist:
        raise exceptions.UnknownUser(f"No user has id {user_id}.") from None


def _state_fields(is_archived, now):
    """
    The one place that decides ``archive_date``: set when a row becomes archived, cleared when not.

    Every write of ``is_archived`` goes through here, row by row or set-based.
    """
    return {"is_archived": is_archived, "archive_date": now if is_archived else None}


def _with_write_retries(write):
    """
    Run ``write()`` in a transaction, retrying a bounded number of times when it loses a race.

    Two requests creating the same (user, course) collide on the unique constraint, and InnoDB may
    pick one of them as a deadlock victim; running again sees the winner's row. Inside an outer
    transaction a retry could not undo what the database already rolled back, so it is not tried, and
    no savepoint is made (two more statements, e.g. in every request under ``ATOMIC_REQUESTS``): a
    failure marks the outer transaction for rollback.
    """
    retry = not connection.in_atomic_block
    for attempt in range(1, WRITE_ATTEMPTS + 1):
        try:
            with transaction.atomic(savepoint=retry):
                return write()
        except (IntegrityError, OperationalError, InterfaceError) as error:
            if not retry or attempt == WRITE_ATTEMPTS:
                log.warning("Course archive write gave up after %d attempt(s): %s", attempt, error)
                raise exceptions.ConcurrentUpdate(
                    "The status is being changed by another request; try again."
                ) from error
            time.sleep(_RETRY_BASE_DELAY * (2 ** (attempt - 1)) * (1 + random.random()))
    raise AssertionError("unreachable")  # pragma: no cover


def set_archive_state(user, course_key, is_archived, source="api"):
    """
    Create or update ``user``'s status for one course; return ``(status, created)``.

    Idempotent: setting the state a row already has changes nothing, ``archive_date`` included, and sends
    no tracking event.
    """
    course_key = parse_course_key(course_key)

    def write():
        status = CourseArchiveStatus.objects.select_for_update().filter(user=user, course_id=course_key).first()
        if status is None:
            status = CourseArchiveStatus.objects.create(
                user=user, course_id=course_key, **_state_fields(is_archived, timezone.now())
            )
            if is_archived:
                tracking.state_changed([(user.pk, course_key, True)], source)
            return status, True
        if status.is_archived != is_archived:
            for name, value in _state_fields(is_archived, timezone.now()).items():
                setattr(status, name, value)
            status.save(update_fields=["is_archived", "archive_date", "updated_at"])
            tracking.state_changed([(user.pk, course_key, is_archived)], source)
        return status, False

    return _with_write_retries(write)


def archive(user, course_key):
    """Archive one course on ``user``'s dashboard."""
    return set_archive_state(user, course_key, True)[0]


def unarchive(user, course_key):
    """Bring one archived course back to ``user``'s active list."""
    return set_archive_state(user, course_key, False)[0]


def create_status(owner, course_key, is_archived=False, source="api"):
    """Create a new status row; ``StatusAlreadyExists`` if ``owner`` has one for that course."""
    course_key = parse_course_key(course_key)
    try:
        with transaction.atomic():
            status = CourseArchiveStatus.objects.create(
                user=owner, course_id=course_key, **_state_fields(is_archived, timezone.now())
            )
            if is_archived:
                tracking.state_changed([(owner.pk, course_key, True)], source)
            return status
    except IntegrityError:
        raise exceptions.StatusAlreadyExists(
            f"A status for course {course_key} already exists for this user; update it instead."
        ) from None


def update_status(status, is_archived=None, owner=None, course_key=None, source="api"):
    """
    Change an existing row's state or owner. Its course is fixed at creation.

    ``archive_date`` changes only when ``is_archived`` does.
    """
    if course_key is not None and parse_course_key(course_key) != status.course_id:
        raise exceptions.CourseIdChanged("The course of a status cannot change after it is created.")
    fields = []
    state_changed = is_archived is not None and is_archived != status.is_archived
    if state_changed:
        for name, value in _state_fields(is_archived, timezone.now()).items():
            setattr(status, name, value)
        fields += ["is_archived", "archive_date"]
    if owner is not None and owner.pk != status.user_id:
        status.user = owner
        fields.append("user")
    if not fields:
        return status
    try:
        # A savepoint only where the UPDATE can collide (a new owner with a row for the course), so that a
        # caller's transaction outlives that error; a change of state alone cannot fail that way.
        with transaction.atomic(savepoint="user" in fields):
            status.save(update_fields=[*fields, "updated_at"])
            if state_changed:
                tracking.state_changed([(status.user_id, status.course_id, is_archived)], source)
    except IntegrityError:
        raise exceptions.StatusAlreadyExists(f"That user already has a status for course {status.course_id}.") from None
    return status


def delete_status(status, source="api"):
    """Delete one status row. Deleting an archived row brings the course back: an unarchive."""
    was_archived, user_id, course_key = status.is_archived, status.user_id, status.course_id
    status.delete()
    if was_archived:
        tracking.state_changed([(user_id, course_key, False)], source)


def parse_course_keys(values):
    """Parse a list of course ids, keeping order and dropping repeats; report every bad one at once."""
    if not isinstance(values, list | tuple):
        raise exceptions.InvalidCourseKey("Expected a list of course ids.", field="course_ids")
    if len(values) > MAX_BULK_COURSES:
        raise exceptions.InvalidCourseKey(
            f"At most {MAX_BULK_COURSES} course ids per request; got {len(values)}.", field="course_ids"
        )
    keys, invalid = {}, []
    for value in values:
        try:
            key = parse_course_key(value)
        except exceptions.InvalidCourseKey:
            invalid.append(value)
        else:
            keys.setdefault(str(key), key)
    if invalid:
        raise exceptions.InvalidCourseKeys("Some course ids are not valid course keys.", invalid=invalid)
    return list(keys.values())


def bulk_set_archive_state(user, course_keys, is_archived, source="bulk"):
    """
    Set one state on many of ``user``'s courses, all or nothing, in a constant number of queries.

    Returns the resulting statuses in the order the courses were given.
    """
    course_keys = parse_course_keys(course_keys)
    if not course_keys:
        return []

    def write():
        now = timezone.now()
        state = _state_fields(is_archived, now)
        # Rows that do not exist yet; a concurrent writer's row is skipped here and updated below. Rows are
        # inserted in one order for every request, so two overlapping bulk requests wait for each other
        # instead of deadlocking.
        CourseArchiveStatus.objects.bulk_create(
            [
                CourseArchiveStatus(user=user, course_id=key, created_at=now, updated_at=now, **state)
                for key in sorted(course_keys, key=str)
            ],
            ignore_conflicts=True,
        )
        CourseArchiveStatus.objects.filter(user=user, course_id__in=course_keys).exclude(
            is_archived=is_archived
        ).update(updated_at=now, **state)
        written = CourseArchiveStatus.objects.filter(user=user, course_id__in=course_keys).select_related(
            "catalog_info"
        )
        rows = {str(row.course_id): row for row in written}
        # What this write changed carries its ``now``, so it is known without another query: archiving, the
        # rows (created or updated) whose archive_date is this ``now``; unarchiving, the rows that existed
        # before (created earlier) and were updated now. A new row that is not archived changes no state.
        if is_archived:
            changed = [row for row in rows.values() if row.archive_date == now]
        else:
            changed = [row for row in rows.values() if row.updated_at == now and row.created_at < now]
        tracking.state_changed(((user.pk, row.course_id, is_archived) for row in changed), source)
        return [rows[str(key)] for key in course_keys]

    return _with_write_retries(write)


def bulk_set_archive_state_for_rows(queryset, is_archived, source="admin"):
    """Set one state on every row of ``queryset`` (admin actions); return the number of rows changed."""
    now = timezone.now()
    with transaction.atomic():
        changing = list(
            queryset.exclude(is_archived=is_archived).select_for_update().values_list("pk", "user_id", "course_id")
        )
        changed = CourseArchiveStatus.objects.filter(
            pk__in=[pk for pk, _, _ in changing], is_archived=not is_archived
        ).update(updated_at=now, **_state_fields(is_archived, now))
        tracking.state_changed(((user_id, course_key, is_archived) for _, user_id, course_key in changing), source)
    return changed


def status_counts():
    """``{"archived": n, "active": n, "total": n}`` over every row, in one query."""
    counts = {True: 0, False: 0}
    for is_archived, count in (
        CourseArchiveStatus.objects.order_by().values_list("is_archived").annotate(count=models.Count("id"))
    ):
        counts[is_archived] = count
    return {"archived": counts[True], "active": counts[False], "total": counts[True] + counts[False]}


def sync_url_rules_from_settings(mode="create", dry_run=False):
    """
    Write the settings' about-page templates into admin rules (priority 0): the org templates for their
    orgs, the site-wide template for every org (blank org).

    ``mode="create"`` only adds rules that do not exist, keeping what operators edited in the admin;
    ``mode="update"`` also replaces rules that differ. Returns ``{"created": [...], "updated": [...],
    "unchanged": [...]}`` of orgs (``""`` for every org). Idempotent: a second run changes nothing.
    """
    if mode not in ("create", "update"):
        raise ValueError(f"mode must be 'create' or 'update', not {mode!r}")
    wanted = {}
    org_templates = conf.get(conf.ABOUT_PAGE_ORG_TEMPLATES)
    if isinstance(org_templates, dict):
        wanted.update({org: template for org, template in org_templates.items() if isinstance(org, str) and org})
    if conf.get(conf.ABOUT_PAGE_URL_TEMPLATE):
        wanted[""] = conf.get(conf.ABOUT_PAGE_URL_TEMPLATE)
    summary = {"created": [], "updated": [], "unchanged": []}
    for org, template in sorted(wanted.items()):
        current = AboutPageUrlRule.objects.filter(org=org, priority=0).order_by("-change_date", "-id").first()
        if current is None:
            outcome = "created"
        elif mode == "update" and (current.template != template or not current.enabled):
            outcome = "updated"
        else:
            outcome = "unchanged"
        summary[outcome].append(org)
        if outcome != "unchanged" and not dry_run:
            rule = AboutPageUrlRule(org=org, priority=0, template=template, enabled=True)
            rule.full_clean()
            rule.save()
    return summary


def archive_statistics(top=10):
    """Counts by state, by org, and the ``top`` most-archived courses, from one grouped query."""
    by_course = (
        CourseArchiveStatus.objects.order_by()
        .values_list("course_id", "is_archived")
        .annotate(count=models.Count("id"))
    )
    archived_per_course, by_org = {}, {}
    for course_id, is_archived, count in by_course:
        org_counts = by_org.setdefault(course_id.org, {"archived": 0, "active": 0})
        org_counts["archived" if is_archived else "active"] += count
        if is_archived:
            archived_per_course[str(course_id)] = count
    most_archived = sorted(archived_per_course.items(), key=lambda item: (-item[1], item[0]))[:top]
    archived = sum(counts["archived"] for counts in by_org.values())
    active = sum(counts["active"] for counts in by_org.values())
    return {
        "total": archived + active,
        "archived": archived,
        "active": active,
        "by_org": dict(sorted(by_org.items())),
        "most_archived": most_archived,
    }


def ended_courses(ended_before, org=None):
    """Course keys whose stored catalog end date is before ``ended_before`` (optionally of one org)."""
    keys = (
        CourseCatalogInfo.objects.filter(end__lt=ended_before).order_by("course_id").values_list("course_id", flat=True)
    )
    return [key for key in keys if org is None or key.org == org]


def archive_course_for_existing_learners(course_key, batch_size=500, dry_run=False):
    """
    Archive ``course_key`` for every learner who already has an active status row for it, in batches of
    ``batch_size`` rows (each batch one short transaction). Returns how many rows were (or would be)
    archived; a second run archives none.
    """
    pending = CourseArchiveStatus.objects.filter(course_id=course_key, is_archived=False)
    if dry_run:
        return pending.count()
    archived = 0
    while True:
        with transaction.atomic():
            batch = list(pending.order_by("pk").values_list("pk", flat=True)[:batch_size])
            if not batch:
                return archived
            archived += bulk_set_archive_state_for_rows(
                CourseArchiveStatus.objects.filter(pk__in=batch), True, source="command"
            )


# Once the app's migrations are seen applied they stay applied: the check is not paid again.
_migrations_applied = []


def _pending_migrations():
    """Names of this app's migrations that the database has not applied."""
    from django.db.migrations.executor import MigrationExecutor  # noqa: PLC0415 - only health checks need it

    executor = MigrationExecutor(connection)
    targets = [node for node in executor.loader.graph.leaf_nodes() if node[0] == "course_archive"]
    return [migration.name for migration, _backwards in executor.migration_plan(targets)]


def health_checks():
    """
    ``{check: "ok" | problem}`` for what the plugin needs from its host: its tables answer, and its
    migrations are applied. No connection details or other secrets are in the answer.
    """
    checks = {}
    try:
        CourseArchiveStatus.objects.order_by().values_list("pk")[:1].exists()
        AboutPageUrlRule.objects.order_by().values_list("pk")[:1].exists()
        checks["database"] = "ok"
    except DatabaseError:
        checks["database"] = "the course archive tables cannot be read"
    if _migrations_applied:
        checks["migrations"] = "ok"
    else:
        try:
            pending = _pending_migrations()
        except DatabaseError:
            pending = None
        if pending is None:
            checks["migrations"] = "the migration history cannot be read"
        elif pending:
            checks["migrations"] = f"not applied: {', '.join(pending)}"
        else:
            _migrations_applied.append(True)
            checks["migrations"] = "ok"
    return checks


def retire_user(user):
    """Delete every status of a learner the platform retires; return how many were deleted."""
    deleted, _ = CourseArchiveStatus.objects.filter(user_id=user.pk).delete()
    return deleted


# The admin's URL rules as this worker last read them: [time to read again, {org: template}].
_url_rules_memo = [0.0, {}]
# About-page URLs already worked out, {(site, url, org): url}, for the rules and settings of this moment.
# The site is part of the key: under per-site settings (site configuration, eox-tenant) one site's answer
# is never another's.
_about_page_urls = {}
_ABOUT_PAGE_URLS_MAX = 10_000
# Site-configuration values per (org, setting), read at most once per refresh (one query each in the LMS).
_site_values = {}


def forget_about_page_rules():
    """
    Work about-page URLs out afresh on the next call: a rule was saved in this worker, or one of the
    plugin's settings changed (``setting_changed``, as ``override_settings`` sends).
    """
    _url_rules_memo[0] = 0.0
    _about_page_urls.clear()
    _site_values.clear()


def _admin_url_rules():
    """
    ``{org: template}`` of the enabled admin rules (org ``""``: every org), highest priority first.

    Read through django-config-models' cache, which a change in the admin clears, at most once every
    ``COURSE_ARCHIVE_URL_RULES_REFRESH_SECONDS`` per worker: the filter runs on every about-page link the
    platform renders, and a cache round trip per call would cost more than the step itself.
    """
    now = time.monotonic()
    if now < _url_rules_memo[0]:
        return _url_rules_memo[1]
    rules, priorities = {}, {}
    try:
        for org, priority in AboutPageUrlRule.key_values():
            rule = AboutPageUrlRule.current(org, priority)
            if rule.enabled and rule.template and priority >= priorities.get(org, -1):
                rules[org], priorities[org] = rule.template, priority
    except DatabaseError as error:
        # Tables not migrated yet, or the database is away: serve the settings' templates meanwhile.
        log.warning("Course archive: could not read the about-page URL rules: %s", error)
    _url_rules_memo[:] = [now + conf.get(conf.URL_RULES_REFRESH_SECONDS), rules]
    _about_page_urls.clear()
    _site_values.clear()
    return rules


def _site_value(org, name):
    """``name`` in the site configuration of ``org``'s site (the platform's), read once per refresh."""
    _admin_url_rules()  # empties the memo when the refresh interval is over
    key = (org, name)
    if key not in _site_values:
        try:
            _site_values[key] = platform.site_value_for_org(org, name)
        except DatabaseError as error:
            log.warning("Course archive: could not read the site configuration of org %s: %s", org, error)
            return None
    return _site_values[key]


def _valid_template(template):
    """``template`` if it is a usable about-page template (site configurations are not system-checked)."""
    if isinstance(template, str) and template and not about_page.template_errors(template):
        return template
    return None


def _org_template(org_templates, org):
    return _valid_template(org_templates.get(org)) if isinstance(org_templates, dict) else None


def about_page_template(org):
    """
    The template for a course of ``org``, or None. The first of, in order: the admin's enabled rule for
    the org; ``COURSE_ARCHIVE_ABOUT_PAGE_ORG_TEMPLATES[org]`` in the site configuration of the org's site,
    then in Django settings; the admin's rule for every org; ``COURSE_ARCHIVE_ABOUT_PAGE_URL_TEMPLATE`` in
    the org's site configuration, then in Django settings.
    """
    rules = _admin_url_rules()
    return (
        rules.get(org)
        or _org_template(_site_value(org, conf.ABOUT_PAGE_ORG_TEMPLATES), org)
        or _org_template(conf.get(conf.ABOUT_PAGE_ORG_TEMPLATES), org)
        or rules.get("")
        or _valid_template(_site_value(org, conf.ABOUT_PAGE_URL_TEMPLATE))
        or conf.get(conf.ABOUT_PAGE_URL_TEMPLATE)
    )


def about_page_url(url, org):
    """
    The about-page URL to show for a course, as the operator's rules and templates say
    (``about_page_template``). With no template, no org, or no course key in ``url``, ``url`` comes back
    unchanged.

    The platform asks for the same course URLs over and over: each answer is kept until the admin's rules
    are read again or a setting changes, so a repeated call costs two dictionary lookups.
    """
    if not isinstance(url, str) or not isinstance(org, str) or not org:
        return url
    _admin_url_rules()
    key = (platform.current_site_key(), url, org)
    known = _about_page_urls.get(key)
    if known is not None:
        return known
    template = about_page_template(org)
    result = (about_page.render(template, url) if isinstance(template, str) and template else None) or url
    if len(_about_page_urls) >= _ABOUT_PAGE_URLS_MAX:
        _about_page_urls.clear()
    _about_page_urls[key] = result
    return result


# --- Catalog facts: COURSE_CATALOG_INFO_CHANGED events, and the backfill from the platform's overviews ---

# Database errors worth another attempt later (the task retries them with backoff); anything else is not.
TRANSIENT_DATABASE_ERRORS = (OperationalError, InterfaceError)
# CourseOverview.catalog_visibility values that keep a course out of the catalog (as the CMS decides
# ``hidden`` when it sends COURSE_CATALOG_INFO_CHANGED).
_HIDDEN_VISIBILITIES = ("about", "none")
_FACT_DATES = ("start", "end", "enrollment_start", "enrollment_end")


def _aware(value):
    if value is None:
        return None
    if not isinstance(value, datetime.datetime):
        raise TypeError(f"expected a datetime, got {type(value).__name__}")
    return value if timezone.is_aware(value) else timezone.make_aware(value, datetime.UTC)


def _catalog_facts(catalog_info):
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


def catalog_event_payload(catalog_info, metadata):
    """
    A COURSE_CATALOG_INFO_CHANGED event as plain JSON data, for a Celery task to carry; None (logged at
    ERROR) when the event is malformed, so a bad event is never queued.
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


def _from_payload(payload):
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


def apply_catalog_payload(payload):
    """
    Apply an event made by ``catalog_event_payload``; True when it changed something.

    Idempotent and ordered by the event: the same event id again, or an event older than the one applied
    last, changes nothing. A transient database error (``TRANSIENT_DATABASE_ERRORS``) is raised for the
    caller to retry (the Celery task does, with backoff); nothing here sleeps.
    """
    try:
        course_key, facts, event_id, event_time = _from_payload(payload)
    except (KeyError, TypeError, ValueError, InvalidKeyError) as error:
        log.error("Course archive: ignored a malformed catalog event payload: %s", error)
        return False
    return _apply_catalog_facts(course_key, facts, event_id, event_time)


def apply_catalog_event(catalog_info, metadata):
    """Apply a COURSE_CATALOG_INFO_CHANGED event in this process, now; see ``apply_catalog_payload``."""
    payload = catalog_event_payload(catalog_info, metadata)
    return False if payload is None else apply_catalog_payload(payload)


def _update_if_newer(course_key, facts, event_id, event_time, now, strictly_newer=False):
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


def _apply_catalog_facts(course_key, facts, event_id, event_time):
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


def _overview_facts(overview):
    """The fields of ``CourseCatalogInfo`` from a ``CourseOverviewData``, decided as the CMS decides them."""
    return {
        "name": str(overview.display_name or "")[:255],
        "hidden": overview.catalog_visibility in _HIDDEN_VISIBILITIES or bool(overview.course_key.deprecated),
        "invitation_only": bool(overview.invitation_only),
        **{name: _aware(getattr(overview, name)) for name in _FACT_DATES},
        "pacing": "self" if overview.self_paced else "instructor",
    }


def courses_with_statuses(after=None, limit=500):
    """Up to ``limit`` distinct course keys that have statuses, in order, after ``after`` (one query)."""
    keys = CourseArchiveStatus.objects.order_by("course_id").values_list("course_id", flat=True).distinct()
    if after is not None:
        keys = keys.filter(course_id__gt=after)
    return list(keys[:limit])


def count_courses_with_statuses():
    """How many distinct courses have statuses."""
    return CourseArchiveStatus.objects.order_by().values("course_id").distinct().count()


def backfill_catalog(course_keys, dry_run=False):
    """
    Fill the catalog facts of ``course_keys`` from the platform's course overviews (``course_archive.platform``),
    for courses announced before the plugin was installed. Returns counts ``{"created", "updated",
    "unchanged", "no_overview"}``.

    The overview's ``modified`` time orders it against events: facts stored from an event (or an earlier
    backfill) at that time or later stay as they are, so it never overwrites what a newer event brought and
    a second run writes nothing. A few queries per call, plus one short UPDATE per course that has a row.
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
    to_create = []
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


# The attribute of the current request that holds the learner's stored statuses for that request.
_REQUEST_CACHE_ATTRIBUTE = "_course_archive_statuses"


def statuses_for_request(request, user):
    """
    ``{course id: (is_archived, archive_date)}`` of ``user``'s stored statuses, read once per request.

    Learner Home renders every course run of a response in the same request, so the first run pays
    the one query and the others reuse its answer. The cache is keyed by user, so it can never show
    one learner's state to another.
    """
    cached = getattr(request, _REQUEST_CACHE_ATTRIBUTE, None)
    if cached is not None and cached[0] == user.pk:
        return cached[1]
    rows = CourseArchiveStatus.objects.filter(user_id=user.pk).order_by()
    statuses = {
        str(course_id): (is_archived, archive_date)
        for course_id, is_archived, archive_date in rows.values_list("course_id", "is_archived", "archive_date")
    }
    setattr(request, _REQUEST_CACHE_ATTRIBUTE, (user.pk, statuses))
    return statuses


def _days_setting(value):
    """A number of days from a setting or a site configuration: a non-negative int, else None."""
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def auto_archive_days(org):
    """
    Days after a run's end after which it counts as archived for learners of ``org``, or None (off).
    The first set of: ``COURSE_ARCHIVE_AUTO_ARCHIVE_ORG_DAYS_AFTER_END[org]`` in the org's site
    configuration, then in Django settings; ``COURSE_ARCHIVE_AUTO_ARCHIVE_DAYS_AFTER_END`` in the org's
    site configuration, then in Django settings. An org mapped to None there is off.
    """
    for source in (_site_value(org, conf.AUTO_ARCHIVE_ORG_DAYS), conf.get(conf.AUTO_ARCHIVE_ORG_DAYS)):
        if isinstance(source, dict) and org in source:
            return _days_setting(source[org])
    site_days = _days_setting(_site_value(org, conf.AUTO_ARCHIVE_DAYS))
    return site_days if site_days is not None else _days_setting(conf.get(conf.AUTO_ARCHIVE_DAYS))


def _auto_archive_date(course_key, end_date):
    """When a run that ended at ``end_date`` (Learner Home's ``endDate``) counts as archived, or None."""
    if not isinstance(end_date, str) or not end_date:
        return None
    try:
        end = datetime.datetime.fromisoformat(end_date)
    except ValueError:
        return None
    days = auto_archive_days(course_key.org)
    if days is None:
        return None
    if end.tzinfo is None:
        end = end.replace(tzinfo=datetime.UTC)
    archive_date = end + datetime.timedelta(days=days)
    return archive_date if archive_date <= timezone.now() else None


# Learner Home's masquerade parameter: staff open a learner's dashboard with ``?user=<username or email>``.
MASQUERADE_PARAMETER = "user"
_REQUEST_LEARNER_ATTRIBUTE = "_course_archive_learner"


def _masqueraded_learner(identifier):
    """The user ``identifier`` names, by username or email, in one query; the username wins, as in the LMS."""
    matches = list(get_user_model().objects.filter(models.Q(username=identifier) | models.Q(email=identifier))[:2])
    by_username = [user for user in matches if user.username == identifier]
    if by_username:
        return by_username[0]
    return matches[0] if len(matches) == 1 else None


def learner_home_user(request):
    """
    The learner whose dashboard ``request`` renders, or None when nobody's state may be shown.

    Mirrors Learner Home's ``get_masquerade_user`` (``lms/djangoapps/learner_home/utils.py``): a staff
    member with ``?user=`` sees that learner's dashboard; a non-staff ``?user=`` is refused there, so here
    it shows nobody's state. Worked out once per request.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    cached = getattr(request, _REQUEST_LEARNER_ATTRIBUTE, None)
    if cached is not None and cached[0] == user.pk:
        return cached[1]
    identifier = getattr(request, "GET", {}).get(MASQUERADE_PARAMETER)
    if not identifier:
        learner = user
    elif not user.is_staff:
        learner = None
    else:
        learner = _masqueraded_learner(identifier)
    setattr(request, _REQUEST_LEARNER_ATTRIBUTE, (user.pk, learner))
    return learner


def annotate_course_run(course_run):
    """
    Return ``course_run`` (a Learner Home serialized course run) with ``courseArchive`` for the learner
    whose dashboard the current request renders (the masqueraded learner, for staff). Anything it cannot
    place (no request, anonymous, no valid course id) passes unchanged.
    """
    if not isinstance(course_run, dict) or not archiving_enabled():
        return course_run
    request = crum.get_current_request()
    user = learner_home_user(request) if request is not None else None
    if user is None:
        return course_run
    course_id = course_run.get("courseId")
    try:
        course_key = parse_course_key(course_id)
    except exceptions.InvalidCourseKey:
        return course_run
    stored = statuses_for_request(request, user).get(str(course_key))
    if stored is not None:
        # The learner's own row wins over the policy, whichever way it says.
        is_archived, archive_date = stored
        reason = "learner" if is_archived else None
    else:
        archive_date = _auto_archive_date(course_key, course_run.get("endDate"))
        is_archived, reason = archive_date is not None, "auto" if archive_date is not None else None
    return {
        **course_run,
        "courseArchive": {
            "isArchived": is_archived,
            "archiveDate": archive_date.isoformat() if is_archived and archive_date is not None else None,
            "reason": reason,
        },
    }


def archiving_enabled():
    """False where the kill switch (waffle flag ``course_archive.disabled``) is on for this request."""
    return not toggles.archiving_disabled()


def bearer_authentication_class():
    """The platform's OAuth2 bearer authentication for learners (inactive ones included), or None."""
    return platform.bearer_authentication_class()
