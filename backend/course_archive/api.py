"""
The Python API of the course archive plugin (OEP-49): the one module that views, signal handlers, tasks,
pipeline steps, the admin and management commands call.

It only names things. Each concern lives in a module of its own, which says in its docstring what it owns:

- ``keys``: course ids from clients, parsed and validated.
- ``statuses``: learners' archive statuses, who may see and change them, one row's create/update/delete.
- ``state_writes``: race-safe writes of the state, the ``archive_date`` rule, the cap, tracking.
- ``bulk_writes``: one state on many rows at once.
- ``about_page``: about-page URL templates and the rules that choose one, with their memo.
- ``sites``: per-site values from the platform's site configurations.
- ``catalog``: COURSE_CATALOG_INFO_CHANGED events applied to catalog facts.
- ``backfill``: the backfill of catalog facts from the platform's course overviews.
- ``learner_home``: ``courseArchive`` on Learner Home's course runs, auto-archive and masquerade.
- ``operations``: statistics, maintenance and retirement.
- ``health``: the health checks of the tables, the migrations and the shared cache.
- ``admin_search``: the admin's search and list filters (by org, words, auto-archive coverage).
- ``overview``: the admin's index summary and overview page (aggregates, cached).
"""

from course_archive import platform, toggles
from course_archive.about_page import (
    about_page_template,
    about_page_url,
    forget_about_page_rules,
    sync_url_rules_from_settings,
)
from course_archive.activity import prune as prune_activity
from course_archive.admin_search import (
    known_orgs,
    search_mode,
    search_statuses,
    statuses_by_auto_archive,
    statuses_of_org,
)
from course_archive.backfill import backfill_catalog, count_courses_with_statuses, courses_with_statuses
from course_archive.bulk_writes import bulk_set_archive_state, bulk_set_archive_state_for_rows
from course_archive.catalog import (
    TRANSIENT_DATABASE_ERRORS,
    apply_catalog_event,
    apply_catalog_payload,
    catalog_event_payload,
    course_display_name,
)
from course_archive.counts import (
    TABLE_COUNT_TTL,
    EstimatedCountPaginator,
    bounded_count,
    cache_get,
    cache_set,
    forget_table_count,
    table_count,
    table_estimate,
)
from course_archive.health import health_checks
from course_archive.keys import (
    MAX_BULK_COURSES,
    parse_course_key,
    parse_course_keys,
)
from course_archive.learner_home import (
    MASQUERADE_PARAMETER,
    annotate_course_run,
    auto_archive_days,
    learner_home_user,
    statuses_for_request,
)
from course_archive.operations import (
    MAX_BATCH_SIZE,
    archive_course_for_existing_learners,
    archive_statistics,
    ended_courses,
    pending_archive_count,
    retire_user,
    status_counts,
)
from course_archive.overview import (
    OVERVIEW_CACHE_SECONDS,
    OVERVIEW_DAYS,
    auto_archive_policy,
    compute_overview,
    kill_switch_state,
    overview,
)
from course_archive.state_writes import WRITE_ATTEMPTS, set_archive_state
from course_archive.statuses import (
    archive,
    create_status,
    delete_status,
    is_operator,
    resolve_owner,
    status_rows,
    statuses_visible_to,
    unarchive,
    update_status,
)


def archiving_enabled() -> bool:
    """
    Whether the plugin works for this request: the kill switch (``course_archive.disabled``) is off.

    Returns:
        bool: False where the kill switch is on for this request (``toggles.archiving_disabled``).
    """
    return not toggles.archiving_disabled()


def forget_kill_switch() -> None:
    """Read the kill switch's flag again on its next use: it was saved or deleted in this process."""
    toggles.forget_flag_records()


def platform_is_available() -> bool:
    """
    Whether the platform's course data can be read.

    Returns:
        bool: True in the LMS and CMS, False in a host without the platform.
    """
    return platform.is_available()


def bearer_authentication_class() -> type | None:
    """
    Return the platform's OAuth2 bearer authentication for learners (inactive ones included).

    Returns:
        type | None: the DRF authentication class, or None where the platform has none.
    """
    return platform.bearer_authentication_class()


__all__ = [
    "OVERVIEW_CACHE_SECONDS",
    "OVERVIEW_DAYS",
    "auto_archive_policy",
    "compute_overview",
    "kill_switch_state",
    "known_orgs",
    "overview",
    "search_mode",
    "search_statuses",
    "statuses_by_auto_archive",
    "statuses_of_org",
    "MAX_BATCH_SIZE",
    "pending_archive_count",
    "TABLE_COUNT_TTL",
    "EstimatedCountPaginator",
    "bounded_count",
    "cache_get",
    "cache_set",
    "forget_table_count",
    "table_count",
    "table_estimate",
    "MASQUERADE_PARAMETER",
    "MAX_BULK_COURSES",
    "TRANSIENT_DATABASE_ERRORS",
    "WRITE_ATTEMPTS",
    "about_page_template",
    "about_page_url",
    "annotate_course_run",
    "apply_catalog_event",
    "apply_catalog_payload",
    "archive",
    "archive_course_for_existing_learners",
    "archive_statistics",
    "archiving_enabled",
    "auto_archive_days",
    "backfill_catalog",
    "bearer_authentication_class",
    "bulk_set_archive_state",
    "bulk_set_archive_state_for_rows",
    "catalog_event_payload",
    "count_courses_with_statuses",
    "course_display_name",
    "courses_with_statuses",
    "create_status",
    "delete_status",
    "ended_courses",
    "forget_about_page_rules",
    "forget_kill_switch",
    "health_checks",
    "is_operator",
    "learner_home_user",
    "parse_course_key",
    "parse_course_keys",
    "platform_is_available",
    "prune_activity",
    "resolve_owner",
    "retire_user",
    "set_archive_state",
    "status_counts",
    "statuses_for_request",
    "status_rows",
    "statuses_visible_to",
    "sync_url_rules_from_settings",
    "unarchive",
    "update_status",
]
