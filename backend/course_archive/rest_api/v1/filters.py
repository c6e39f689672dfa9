"""Query-string filters of REST API v1."""

import django_filters
from django import forms
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


class CourseArchiveStatusFilter(django_filters.FilterSet):
    """Filters ``course_id``, ``user`` and ``is_archived``; a bad value is a 400 naming the parameter."""

    course_id = CourseKeyFilter(field_name="course_id", help_text="A course key.")
    user = IntegerFilter(field_name="user_id", help_text="A user id.")
    is_archived = StrictBooleanFilter(field_name="is_archived", help_text="true or false.")
