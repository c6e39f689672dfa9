"""
Statuses read for showing only: the ORM's query, SQL and converters, without building model instances.

A list answer shows 20 to 100 statuses, each with its course's catalog facts. Building a status and a
catalog instance for each row was about half of such a request's time beyond the bare DRF view (``make
bench`` profile): Django runs ``__init__`` over every field, sends ``pre_init`` and ``post_init``, and
caches the related row. A ``StatusRow`` holds the same values, converted by the same converters (course keys,
aware datetimes), under the same attribute names, and nothing else: it cannot be saved or changed.
"""

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


class StatusRowIterable(BaseIterable):
    """
    ``QuerySet`` iteration yielding a ``StatusRow`` per row of a status query that selects its catalog row
    (``select_related("catalog_info")``), where ``ModelIterable`` yields model instances.
    """

    def __iter__(self):
        queryset = self.queryset
        compiler = queryset.query.get_compiler(using=queryset.db)
        results = compiler.execute_sql(chunked_fetch=self.chunked_fetch, chunk_size=self.chunk_size)
        select, klass_info = compiler.select, compiler.klass_info
        own = _attnames(select, klass_info["select_fields"])
        related = klass_info.get("related_klass_infos") or ()
        catalog = _attnames(select, related[0]["select_fields"]) if related else ()
        catalog_pk = next((index for name, index in catalog if name == "id"), None)
        own += list(compiler.annotation_col_map.items())
        for values in compiler.results_iter(results):
            row = StatusRow()
            row.__dict__ = {name: values[index] for name, index in own}
            if catalog_pk is None or values[catalog_pk] is None:
                row._catalog = None
            else:
                facts = row._catalog = CatalogRow()
                facts.__dict__ = {name: values[index] for name, index in catalog}
            yield row
