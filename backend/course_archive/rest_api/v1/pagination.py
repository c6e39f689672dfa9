"""Pagination of REST API v1."""

import hashlib

from django.core.paginator import Page, PageNotAnInteger, Paginator
from django.db.models import F, Func, IntegerField, QuerySet, Subquery
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination

from course_archive import api

# How long the count of the whole table (staff listing every row, unfiltered) is reused, in seconds.
UNFILTERED_COUNT_TTL = api.TABLE_COUNT_TTL
# The header that marks a list's ``count`` as the database's estimate rather than an exact count.
ESTIMATED_COUNT_HEADER = "Course-Archive-Count-Estimated"
# A staff listing with filters whose count reaches this is counted again at most every UNFILTERED_COUNT_TTL s.
LARGE_COUNT = 1000
# The name of the window count that comes with each row of a learner's page.
_TOTAL = "_course_archive_total"


class CountingPaginator(Paginator):
    """
    Django's paginator with two ways to count that cost less, both giving the ``count`` of DRF's
    ``{count, next, previous, results}``:

    - ``count_with_page`` (a learner's own rows): the page is read with the count of the rows as a scalar
      subquery, so the exact count comes back with the rows in one query instead of two. A learner has a
      few hundred rows at most, all read from the (user, ...) index either way. An empty page falls back to
      Django's count.
    - An *unfiltered* listing (staff, no filter) takes ``api.table_count``: the database's own estimate of
      the table's rows above ``COURSE_ARCHIVE_ESTIMATED_COUNT_THRESHOLD`` (then ``count_is_estimated``),
      else the exact count; either made at most ``UNFILTERED_COUNT_TTL`` seconds earlier, kept in Django's
      cache (shared by every worker). Counting every row scans a whole index on InnoDB and PostgreSQL,
      growing with the table, while the page itself comes from the index that serves the ordering.

    - A staff listing with filters is counted exactly, as Django does, unless the count reaches
      ``LARGE_COUNT``: then that count (of the same filters, whatever the page, its size or the ordering) is
      reused for ``UNFILTERED_COUNT_TTL`` seconds. Without a ``user`` or ``course_id`` filter (whose
      indexes serve the count) it counts at most ``COURSE_ARCHIVE_ESTIMATED_COUNT_THRESHOLD`` rows: a
      filter on the state alone would read the whole table; beyond that bound ``count`` is the bound
      and ``count_is_estimated`` is set.
      Counting the rows of a large course is most of such a request's time, while a smaller count is
      cheap, and stays exact.
    """

    # True when ``count`` is the database's estimate (the unfiltered listing of a large table).
    count_is_estimated = False

    def __init__(self, *args, count_with_page=False, count_key=None, bounded=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.count_with_page = count_with_page
        # A staff listing whose filters no index serves: its count is bounded (``api.bounded_count``).
        self.bounded = bounded
        # What names the filtered rows in the cache (the request's filters); None: not kept in the cache.
        self.count_key = count_key
        # The count, once known: counted, or read with a learner's page.
        self.known_count = None

    @property
    def count(self):
        if self.known_count is None:
            self.known_count = self.counted()
        return self.known_count

    def counted(self):
        """The count of ``object_list``, in the cheapest way its kind of listing allows."""
        queryset = self.object_list
        if not isinstance(queryset, QuerySet) or queryset.query.distinct:
            return len(queryset) if not isinstance(queryset, QuerySet) else queryset.count()
        if queryset.query.where:
            return self.filtered_count(queryset)
        total, self.count_is_estimated = api.table_count(queryset.model, queryset.db)
        return total

    def filtered_count(self, queryset):
        """A filtered listing's count: exact for a learner; for staff, kept a while when it is large."""
        if self.count_with_page or self.count_key is None:
            return queryset.count()
        digest = hashlib.sha256(repr((queryset.db, queryset.model._meta.label_lower, self.count_key)).encode())
        key = f"course_archive:large_count:v3:{digest.hexdigest()}"
        cached = api.cache_get(key)
        if cached is None:
            # A filter no index serves counts at most COURSE_ARCHIVE_ESTIMATED_COUNT_THRESHOLD rows.
            total, bounded = api.bounded_count(queryset) if self.bounded else (queryset.count(), False)
            if total >= LARGE_COUNT:
                api.cache_set(key, (total, bounded), UNFILTERED_COUNT_TTL)
        else:
            total, bounded = cached
        self.count_is_estimated = bounded
        return total

    def page(self, number):
        queryset = self.object_list
        if (
            not self.count_with_page
            or self.known_count is not None
            or self.orphans
            or not isinstance(queryset, QuerySet)
        ):
            return super().page(number)
        try:
            if isinstance(number, float) and not number.is_integer():
                raise ValueError
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger(self.error_messages["invalid_page"]) from None
        if number < 1 or (number - 1) * self.per_page > 2**62:
            # Django's own error; an OFFSET past a 64-bit integer is a database error, not an empty page.
            return super().page(number)
        bottom = (number - 1) * self.per_page
        # The count of the same rows as a scalar subquery, which the database counts once from the index. A
        # window count (COUNT(*) OVER ()) made MariaDB join every one of the learner's rows with its catalog
        # row before keeping the page.
        total = queryset.order_by().annotate(n=Func(F("pk"), function="COUNT", output_field=IntegerField()))
        rows = list(queryset.annotate(**{_TOTAL: Subquery(total.values("n")[:1])})[bottom : bottom + self.per_page])
        if not rows:
            return super().page(number)  # no rows: Django counts, and decides empty page or error
        self.known_count = rows[0][_TOTAL]
        return Page(rows, number, self)


class CourseArchivePagination(PageNumberPagination):
    """
    ``{count, next, previous, results}``, 20 a page by default, ``page_size`` from 1 to 100.

    ``count`` is exact, except for staff listing every row with no filter, where it is the count of at
    most ``UNFILTERED_COUNT_TTL`` seconds ago: exact, or above ``COURSE_ARCHIVE_ESTIMATED_COUNT_THRESHOLD``
    rows the database's estimate; and for staff filtering by neither ``user`` nor ``course_id``, where it
    is exact up to that threshold and the threshold beyond it. The answer marks both with
    ``Course-Archive-Count-Estimated: true`` (see ``CountingPaginator``). The body keeps the contract's
    four fields either way.
    """

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        if self.page.paginator.count_is_estimated:
            response[ESTIMATED_COUNT_HEADER] = "true"
        return response

    def get_paginated_response_schema(self, schema):
        described = super().get_paginated_response_schema(schema)
        described["properties"]["count"]["description"] = (
            "How many rows match. Exact, except in staff lists on a large table: with no filter it may be the "
            "database's estimate; filtered by neither user nor course_id it counts at most "
            "COURSE_ARCHIVE_ESTIMATED_COUNT_THRESHOLD rows and may be that bound. The answer then has the header "
            f"{ESTIMATED_COUNT_HEADER}: true."
        )
        return described

    def django_paginator_class(self, queryset, page_size):
        # A learner's listing is their own rows only: count them with the page (see CountingPaginator).
        user = getattr(self.request, "user", None)
        operator = api.is_operator(user)
        if not operator:
            return CountingPaginator(queryset, page_size, count_with_page=True)
        params = self.request.query_params
        return CountingPaginator(
            queryset,
            page_size,
            count_key=self._filters_key(),
            bounded=not any(params.get(name) for name in self.INDEXED_FILTERS),
        )

    # Filters whose index serves a staff listing's count (a learner's rows, a course's rows): counted exactly.
    INDEXED_FILTERS = ("user", "course_id")

    # Query parameters that choose a page of the rows, not which rows: the count is the same for each.
    PAGE_PARAMETERS = frozenset({"page", "page_size", "ordering"})

    def _filters_key(self):
        """
        The staff request's filters, which decide the rows counted (staff see every row): the cache key of a
        large count, worked out from the query string rather than from the count's compiled SQL.
        """
        params = self.request.query_params
        return repr(sorted((name, params.getlist(name)) for name in params if name not in self.PAGE_PARAMETERS))

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        try:
            size = int(raw)
        except ValueError:
            size = 0
        if not 1 <= size <= self.max_page_size:
            raise ValidationError({self.page_size_query_param: [f"Must be an integer from 1 to {self.max_page_size}."]})
        return size
