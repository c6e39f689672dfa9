"""
The health checks of what the plugin needs from its host: its tables, its migrations and the shared cache.
Each answers "ok" or a problem an operator reads, in the active language; no connection details or secrets.
"""

import uuid

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.utils.translation import gettext as _

from course_archive import shared_cache
from course_archive.models import AboutPageUrlRule, CourseArchiveStatus

__all__ = ["health_checks"]

# Once the app's migrations are seen applied they stay applied: the check is not paid again.
_migrations_applied: list[bool] = []


def _pending_migrations() -> list[str]:
    """Names of this app's migrations that the database has not applied."""
    from django.db.migrations.executor import MigrationExecutor  # noqa: PLC0415 - only health checks need it

    executor = MigrationExecutor(connection)
    targets = [node for node in executor.loader.graph.leaf_nodes() if node[0] == "course_archive"]
    return [migration.name for migration, _backwards in executor.migration_plan(targets)]


def health_checks() -> dict[str, str]:
    """
    Check what the plugin needs from its host; no connection details or other secrets are in the answer.

    Returns:
        dict[str, str]: ``{check: "ok" | problem}`` of the tables, the migrations, the shared cache (the throttle's).
    """
    checks = {"cache": _cache_check()}
    try:
        CourseArchiveStatus.objects.order_by().values_list("pk")[:1].exists()
        AboutPageUrlRule.objects.order_by().values_list("pk")[:1].exists()
        checks["database"] = "ok"
    except DatabaseError:
        checks["database"] = _("the course archive tables cannot be read")
    if _migrations_applied:
        checks["migrations"] = "ok"
    else:
        try:
            pending = _pending_migrations()
        except DatabaseError:
            pending = None
        if pending is None:
            checks["migrations"] = _("the migration history cannot be read")
        elif pending:
            checks["migrations"] = _("not applied: {migrations}").format(migrations=", ".join(pending))
        else:
            _migrations_applied.append(True)
            checks["migrations"] = "ok"
    return checks


def _cache_check() -> str:
    """Whether Django's default cache keeps a value: written, read back, deleted."""
    key, value = "course_archive:health", uuid.uuid4().hex
    try:
        cache.set(key, value, 10)
        kept = cache.get(key) == value
        cache.delete(key)
    except shared_cache.CACHE_ERRORS as error:
        shared_cache.report_outage("health reports the cache as failing", error)
        return _("the shared cache cannot be reached")
    # django-redis with IGNORE_EXCEPTIONS answers None instead of raising: a value not kept is as telling.
    return "ok" if kept else _("the shared cache does not keep values")
