"""
Statuses read for showing only: the ORM's query, SQL and converters, without building model instances.

A list answer shows 20 to 100 statuses, each with its course's catalog facts. Building a status and a
catalog instance for each row was about half of such a request's time beyond the bare DRF view (``make
bench`` profile): Django runs ``__init__`` over every field, sends ``pre_init`` and ``post_init``, and
caches the related row. A ``StatusRow`` holds the same values, converted by the same converters (course keys,
aware datetimes), under the same attribute names, and nothing else: it cannot be saved or changed.
"""

import datetime
from itertools import chain

# The module of Django's MySQL backend that needs no driver: only its converter is compared with.
from django.db.backends.mysql.operations import DatabaseOperations as MySQLOperations
from django.db.models.query import BaseIterable


class CatalogRow:
    """A course's catalog facts as read with a status: each field read is an attribute (its ``attname``)."""

    def __repr__(self):
        return f"<CatalogRow {self.__dict__.get('name')!r}>"


class StatusRow:
    """
    A status as a list shows it: each field's ``attname`` (``user_id``, ``course_id``, ...), each annotation
    of the query, and ``catalog_facts()`` / ``last_synced`` as on ``CourseArchiveStatus``.
    """

    __slots__ = ("__dict__", "_catalog")  # the field values in __dict__, the catalog facts apart

    def catalog_facts(self):
        """The course's catalog facts (a ``CatalogRow``), or None before the platform announced the course."""
        return self._catalog

    @property
    def last_synced(self):
        return self._catalog.last_synced if self._catalog is not None else None

    def __repr__(self):
        return f"<StatusRow {self.__dict__.get('id')}: {self.__dict__.get('user_id')} {self.__dict__.get('course_id')}>"


def _attnames(select, indices):
    return [(select[index][0].target.attname, index) for index in indices]


# A column whose only conversion is Django's making a naive datetime aware in UTC (MySQL and MariaDB with
# ``USE_TZ``, where the driver gives naive datetimes): done inline, as ``timezone.make_aware`` would.
_AWARE_IN_UTC = object()


def _converter(converters, expression, connection):
    """One function of a column's value applying Django's converters for it, in order."""
    if len(converters) == 1:
        (only,) = converters
        makes_aware = getattr(only, "__func__", None) is MySQLOperations.convert_datetimefield_value
        if makes_aware and connection.timezone is datetime.UTC:
            return _AWARE_IN_UTC
        return lambda value: only(value, expression, connection)

    def convert(value):
        for converter in converters:
            value = converter(value, expression, connection)
        return value

    return convert


class StatusRowIterable(BaseIterable):
    """
    ``QuerySet`` iteration yielding a ``StatusRow`` per row of a status query that selects its catalog row
    (``select_related("catalog_info")``), where ``ModelIterable`` yields model instances.

    Each value goes through the converters Django would apply (``SQLCompiler.results_iter``), each column's
    in one call, without copying the row into a list first; MySQL's naive datetimes are made aware inline.
    """

    def __iter__(self):
        queryset = self.queryset
        compiler = queryset.query.get_compiler(using=queryset.db)
        results = compiler.execute_sql(chunked_fetch=self.chunked_fetch, chunk_size=self.chunk_size)
        select, klass_info = compiler.select, compiler.klass_info
        fields = [column[0] for column in select[: compiler.col_count]]
        converters = {
            index: _converter(converters, expression, compiler.connection)
            for index, (converters, expression) in compiler.get_converters(fields).items()
        }

        def plan(columns):
            return [(name, index, converters.get(index)) for name, index in columns]

        own = plan(_attnames(select, klass_info["select_fields"]))
        related = klass_info.get("related_klass_infos") or ()
        catalog = plan(_attnames(select, related[0]["select_fields"])) if related else ()
        catalog_pk = next((index for name, index, _ in catalog if name == "id"), None)
        own += plan(compiler.annotation_col_map.items())
        for values in chain.from_iterable(results):
            row = StatusRow()
            row.__dict__ = _converted(own, values)
            if catalog_pk is None or values[catalog_pk] is None:
                row._catalog = None
            else:
                facts = row._catalog = CatalogRow()
                facts.__dict__ = _converted(catalog, values)
            yield row


def _converted(columns, values):
    """``{name: value}`` of a row's ``columns`` (``(name, index, converter)``), each value converted."""
    shown = {}
    for name, index, convert in columns:
        value = values[index]
        if convert is None:
            shown[name] = value
        elif convert is _AWARE_IN_UTC:
            shown[name] = None if value is None else value.replace(tzinfo=datetime.UTC)
        else:
            shown[name] = convert(value)
    return shown
