"""Query-string filters of REST API v1."""

import re

import django_filters
from django import forms
from django.db.models import Q
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from course_archive import api, exceptions


class CourseKeyFormField(forms.CharField):
    """A form field that only accepts valid course keys."""

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            # An unencoded "+" in a query string arrives as a space; course keys never hold spaces.
            return api.parse_course_key(value.replace(" ", "+"))
        except exceptions.InvalidCourseKey as error:
            # As a parameter: django-filter %-formats the message, and the bad value may hold a "%".
            raise forms.ValidationError("%(message)s", params={"message": error.message}) from None


class CourseKeyFilter(django_filters.Filter):
    field_class = CourseKeyFormField


# What a database's 64-bit integer holds: past it some backends raise instead of matching nothing.
MAX_ID = 2**63 - 1


class BoundedIntegerField(forms.IntegerField):
    def __init__(self, **kwargs):
        super().__init__(min_value=-MAX_ID, max_value=MAX_ID, **kwargs)


class IntegerFilter(django_filters.Filter):
    field_class = BoundedIntegerField


class StrictBooleanField(forms.Field):
    """``true``/``1`` or ``false``/``0``; anything else is invalid (django-filter's ``BooleanFilter`` ignores it)."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if value in ("true", "1"):
            return True
        if value in ("false", "0"):
            return False
        raise forms.ValidationError("Use true or false.", code="invalid_choice")


# Stated, not inferred: drf-spectacular 0.29 cannot introspect a ``TypedChoiceFilter`` (``null_label``).
@extend_schema_field(OpenApiTypes.BOOL)
class StrictBooleanFilter(django_filters.Filter):
    field_class = StrictBooleanField


# The characters of a course key's org; "+", "/" and ":" separate its parts.
_ORG = re.compile(r"^[\w.~-]{1,255}$")
MAX_ORGS = 50


class OrgsField(forms.CharField):
    """A comma-separated list of course orgs (``edX,MITx``), at most ``MAX_ORGS`` of them."""

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        orgs = [org.strip() for org in value.split(",")]
        if len(orgs) > MAX_ORGS:
            raise forms.ValidationError(f"At most {MAX_ORGS} orgs.", code="max_length")
        bad = [org for org in orgs if not _ORG.match(org)]
        if bad:
            raise forms.ValidationError(
                "Not course orgs: %(bad)s.", code="invalid", params={"bad": ", ".join(repr(org) for org in bad)}
            )
        return list(dict.fromkeys(orgs))


@extend_schema_field(OpenApiTypes.STR)
class OrgFilter(django_filters.Filter):
    """Rows of courses of these orgs: new-style, CCX and old-style (``org/course/run``) course keys."""

    field_class = OrgsField

    def filter(self, qs, value):
        if not value:
            return qs
        prefixes = [prefix for org in value for prefix in (f"course-v1:{org}+", f"ccx-v1:{org}+", f"{org}/")]
        # One Q of every prefix, not one combined per prefix: the same SQL, built once.
        return qs.filter(Q(*(("course_id__startswith", prefix) for prefix in prefixes), _connector=Q.OR))


class PlainFilterSetMixin:
    """
    A ``FilterSet`` of plain filters (a form field and a ``filter`` each) without django-filter's
    per-request machinery: a filter set deep-copies its filters, then builds a form class and a form, for
    every request, a good part of a list request's time beyond the bare DRF view (``make bench`` profile).

    Bound to valid data, each parameter is cleaned by the class's own filter's form field (as the form
    would: the widget reads it from the data, the field cleans it) and the queryset is filtered by that
    filter. Invalid data, and everything else, goes through django-filter itself, so errors are its own.
    """

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        self._plain = self._clean_plainly(data) if data is not None and queryset is not None and not prefix else None
        if self._plain is None:
            super().__init__(data, queryset, request=request, prefix=prefix)
            return
        self.is_bound, self.data, self.queryset, self.request, self.form_prefix = True, data, queryset, request, None

    @classmethod
    def _clean_plainly(cls, data):
        cleaned = {}
        for name, filter_ in cls.base_filters.items():
            field = filter_.field
            try:
                cleaned[name] = field.clean(field.widget.value_from_datadict(data, {}, name))
            except forms.ValidationError:
                return None
        return cleaned

    def _as_django_filter(self):
        if self._plain is not None:
            self._plain = None
            super().__init__(self.data, self.queryset, request=self.request)

    def is_valid(self):
        return self._plain is not None or super().is_valid()

    @property
    def errors(self):
        self._as_django_filter()
        return super().errors

    @property
    def form(self):
        self._as_django_filter()
        return super().form

    @property
    def qs(self):
        if self._plain is None:
            return super().qs
        queryset = self.queryset.all()
        for name, value in self._plain.items():
            queryset = self.base_filters[name].filter(queryset, value)
        return queryset


class CourseArchiveStatusFilter(PlainFilterSetMixin, django_filters.FilterSet):
    """Filters ``course_id``, ``user``, ``is_archived`` and ``org``; a bad value is a 400 naming the parameter."""

    course_id = CourseKeyFilter(field_name="course_id", help_text="A course key.")
    user = IntegerFilter(field_name="user_id", help_text="A user id.")
    is_archived = StrictBooleanFilter(field_name="is_archived", help_text="true or false.")
    org = OrgFilter(
        help_text=(
            "Only courses of these orgs, comma-separated (e.g. the current site's orgs, as Learner Home "
            "shows only those)."
        )
    )
