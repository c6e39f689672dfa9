"""Pagination of REST API v1."""

from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination


class CourseArchivePagination(PageNumberPagination):
    """``{count, next, previous, results}``, 20 a page by default, ``page_size`` from 1 to 100."""

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
