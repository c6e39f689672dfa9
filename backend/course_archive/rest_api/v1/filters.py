"""Query-string filters of REST API v1."""

import copy
import functools
import operator
import re

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_filters import utils
from django_filters.rest_framework import DjangoFilterBackend
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
        raise forms.ValidationError(_("Use true or false."), code="invalid_choice")


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
            raise forms.ValidationError(_("At most %(limit)s orgs."), code="max_length", params={"limit": MAX_ORGS})
        bad = [org for org in orgs if not _ORG.match(org)]
        if bad:
            raise forms.ValidationError(
                _("Not course orgs: %(bad)s."), code="invalid", params={"bad": ", ".join(repr(org) for org in bad)}
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
        return qs.filter(functools.reduce(operator.or_, (Q(course_id__startswith=prefix) for prefix in prefixes)))


class FormOnceFilterSet(django_filters.FilterSet):
    """A filter set whose form class is django-filter's own, made once per class instead of once per request."""

    def get_form_class(self):
        # django-filter's documented place to customize the form class; the form holds no state of a request.
        form = type(self).__dict__.get("form_class_made")
        if form is None:
            form = super().get_form_class()
            type(self).form_class_made = form
        return form


class CourseArchiveStatusFilter(FormOnceFilterSet):
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


@functools.cache
def filterset_of(filterset_class, names):
    """
    A filter set of ``names``, some of ``filterset_class``'s filters, alone: a filter set copies each of its
    filters and its form each of its fields for every request, and a request names one or two of them.
    """
    filters = {name: copy.deepcopy(filterset_class.base_filters[name]) for name in names}
    return type(f"{filterset_class.__name__}_{'_'.join(sorted(names))}", (FormOnceFilterSet,), filters)


class CourseArchiveFilterBackend(DjangoFilterBackend):
    """
    django-filter's backend, whose filter set holds only the filters the request names, and which makes none
    for a request that names none of them (a staff listing of every row, a learner's whole list). A filter
    not named filters nothing, so the rows and the errors are those of the whole filter set. The browsable
    API's form (``to_html``) still shows every filter.
    """

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is None:
            return queryset
        names = frozenset(name for name in filterset_class.base_filters if name in request.query_params)
        if not names:
            return queryset
        filterset = filterset_of(filterset_class, names)(**self.get_filterset_kwargs(request, queryset, view))
        if not filterset.is_valid() and self.raise_exception:
            raise utils.translate_validation(filterset.errors)
        return filterset.qs
