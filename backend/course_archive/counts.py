"""
Counting rows without reading every row of a large table.

``COUNT(*)`` of a whole InnoDB or PostgreSQL table reads a whole index, growing with the table (seconds at
100 million rows). Above ``COURSE_ARCHIVE_ESTIMATED_COUNT_THRESHOLD``
rows the whole table's count is the database's own estimate instead:

- MySQL/MariaDB: ``information_schema.TABLES.TABLE_ROWS`` (InnoDB's statistics, kept as rows are written).
- PostgreSQL: ``pg_class.reltuples`` scaled to the table's current size in pages, as the planner does
  (a table never analyzed yet: the span of the primary keys, as SQLite).
- SQLite: the span of the primary keys (``MAX(id) - MIN(id) + 1``), read from both ends of the table's
  b-tree: exact until rows are deleted, then an overestimate.

Below the threshold the count is exact. A filtered count is bounded instead (``bounded_count``): at most
the threshold's number of rows is read.
"""

from typing import Any

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db import connections, models
from django.utils.functional import cached_property

from course_archive import conf, shared_cache

__all__ = [
    "TABLE_COUNT_TTL",
    "EstimatedCountPaginator",
    "bounded_count",
    "cache_get",
    "cache_set",
    "forget_table_count",
    "table_count",
    "table_estimate",
    "threshold",
]

# How long a whole table's count (exact or estimated) is reused, in seconds, by every worker (Django's cache).
TABLE_COUNT_TTL = 10


def table_estimate(model: type[models.Model], using: str = "default") -> int | None:
    """
    Return the database's estimate of the number of rows of ``model``'s table.

    Arguments:
        model (type[Model]): the model; using (str): the database alias.

    Returns:
        int | None: the estimate, or None where the database has none (the count is then exact).
    """
    connection = connections[using]
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "mysql":
            cursor.execute(
                "SELECT TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = %s",
                [table],
            )
        elif connection.vendor == "postgresql":
            # reltuples is -1 until the table is first analyzed (PostgreSQL 14+): then the span of the ids,
            # which PostgreSQL reads (from both ends of the primary key's index) only in that case.
            quoted = connection.ops.quote_name(table)
            pk = connection.ops.quote_name(model._meta.pk.column)
            cursor.execute(
                "SELECT CASE WHEN c.reltuples >= 0 AND c.relpages > 0 "
                "THEN c.reltuples / c.relpages * (pg_relation_size(c.oid) / current_setting('block_size')::int) "
                "WHEN c.reltuples >= 0 THEN c.reltuples "
                f"ELSE (SELECT COALESCE(MAX({pk}) - MIN({pk}) + 1, 0) FROM {quoted}) END "
                "FROM pg_class c WHERE c.oid = to_regclass(%s)",
                [quoted],
            )
        else:
            return _id_span(model, using)
        row = cursor.fetchone()
    if row is None or row[0] is None:
        return None  # no such table, or no statistics (not InnoDB): the count is exact
    return max(int(row[0]), 0)


def _id_span(model: type[models.Model], using: str) -> int:
    """``MAX(id) - MIN(id) + 1``: both ends of the primary key's index, exact until rows are deleted."""
    span = model._meta.default_manager.using(using).aggregate(low=models.Min("pk"), high=models.Max("pk"))
    return 0 if span["low"] is None else span["high"] - span["low"] + 1


def threshold() -> int:
    """
    Return the row count above which a count is estimated or bounded.

    Returns:
        int: ``COURSE_ARCHIVE_ESTIMATED_COUNT_THRESHOLD``, read at call time.
    """
    return conf.get(conf.ESTIMATED_COUNT_THRESHOLD)


def _table_count_key(model: type[models.Model], using: str) -> str:
    return f"course_archive:table_count:{using}:{model._meta.label_lower}"


def forget_table_count(model: type[models.Model], using: str = "default") -> None:
    """
    Count ``model``'s table again on the next ``table_count`` (the benchmark times that request).

    Arguments:
        model (type[Model]): the model; using (str): the database alias.
    """
    try:
        cache.delete(_table_count_key(model, using))
    except shared_cache.CACHE_ERRORS as error:
        shared_cache.report_outage("counts are made without the cache", error)


def table_count(model: type[models.Model], using: str = "default") -> tuple[int, bool]:
    """
    Count every row of ``model``'s table, kept ``TABLE_COUNT_TTL`` seconds in Django's cache.

    Arguments:
        model (type[Model]): the model; using (str): the database alias.

    Returns:
        tuple[int, bool]: ``(count, estimated)``: the database's estimate when it is above the threshold,
        else the exact count.
    """
    key = _table_count_key(model, using)
    cached = cache_get(key)
    if cached is not None:
        return tuple(cached)
    limit = threshold()
    estimate = table_estimate(model, using)
    if estimate is not None and estimate > limit:
        answer = (estimate, True)
    else:
        answer = (model._meta.default_manager.using(using).count(), False)
    cache_set(key, answer, TABLE_COUNT_TTL)
    return answer


def cache_get(key: str) -> Any:
    """
    Read ``key`` from Django's cache, or None while the shared cache is down (then the caller counts).

    Arguments:
        key (str): the cache key.

    Returns:
        Any: the value kept, or None.
    """
    try:
        return cache.get(key)
    except shared_cache.CACHE_ERRORS as error:
        shared_cache.report_outage("counts are made without the cache", error)
        return None


def cache_set(key: str, value: object, timeout: int) -> None:
    """
    Keep ``value`` in Django's cache, skipped while the shared cache is down.

    Arguments:
        key (str): the cache key; value (object): what to keep; timeout (int): for how many seconds.
    """
    try:
        cache.set(key, value, timeout)
    except shared_cache.CACHE_ERRORS as error:
        shared_cache.report_outage("counts are made without the cache", error)


def bounded_count(queryset: "models.QuerySet[Any]", limit: int | None = None) -> tuple[int, bool]:
    """
    Count ``queryset`` up to ``limit``: the database reads at most ``limit + 1`` of the rows.

    Arguments:
        queryset (QuerySet): the rows; limit (int | None): the bound, the threshold by default.

    Returns:
        tuple[int, bool]: ``(count, False)`` when there are at most ``limit`` rows, else ``(limit, True)``.
    """
    limit = threshold() if limit is None else limit
    found = queryset.order_by().values("pk")[: limit + 1].count()
    return (limit, True) if found > limit else (found, False)


class EstimatedCountPaginator(Paginator):
    """
    Django's paginator for lists of a large table (the admin's): the whole table's count is ``table_count``
    (estimated above the threshold), a filtered list's count is ``bounded_count`` (at most the threshold's
    rows are read, and its pages end there). ``count_is_estimated`` says whether ``count`` is not exact;
    ``count_is_bounded`` that it is the bound of a filtered list with more rows.
    """

    count_is_estimated = False
    count_is_bounded = False

    def page(self, number: Any) -> Page:
        """
        Return page ``number``; a page after the first is read in two steps.

        First the ids of its rows, from the index that orders them (skipping the rows of the earlier pages
        there, without reading the rows), then those rows with their joins. Read in one query, a deep page
        made MariaDB read and join every row before it.

        Arguments:
            number (int | str): the page's number, as Django's ``Paginator.page`` takes it.

        Returns:
            Page: the page.
        """
        queryset = self.object_list
        number = self.validate_number(number)
        if number == 1 or not isinstance(queryset, models.QuerySet):
            return super().page(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        ids = list(queryset.values_list("pk", flat=True)[bottom:top])
        return Page(list(queryset.filter(pk__in=ids)), number, self)

    @cached_property
    def count(self) -> int:
        """The number of rows: ``table_count`` of an unfiltered list, else ``bounded_count``."""
        queryset = self.object_list
        if not isinstance(queryset, models.QuerySet):
            return super().count
        if queryset.query.has_filters():
            total, self.count_is_bounded = bounded_count(queryset)
            self.count_is_estimated = self.count_is_bounded
        else:
            total, self.count_is_estimated = table_count(queryset.model, queryset.db)
        return total
