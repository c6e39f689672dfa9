"""Serializers of REST API v1: they parse and shape data; the rules are in ``course_archive.api``."""

import datetime
import operator
from collections.abc import Mapping

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import ISO_8601, serializers
from rest_framework.settings import api_settings

from course_archive import api, exceptions
from course_archive.models import CATALOG_FACTS, CourseArchiveStatus, CourseCatalogInfo, course_key_text


@extend_schema_field(OpenApiTypes.STR)
class CourseKeyField(serializers.Field):
    """A course key given and shown as its string form, e.g. ``course-v1:edX+DemoX+2024``."""

    default_error_messages = {"invalid": "{value!r} is not a valid course key."}

    def to_internal_value(self, data):
        try:
            return api.parse_course_key(data, field=self.field_name)
        except exceptions.InvalidCourseKey:
            self.fail("invalid", value=data)

    def to_representation(self, value):
        return course_key_text(value)


class StrictFieldsMixin:
    """Refuse fields the serializer does not know, instead of silently dropping them."""

    def to_internal_value(self, data):
        if isinstance(data, dict):
            unknown = sorted(set(data) - set(self.fields))
            if unknown:
                raise serializers.ValidationError({name: ["Unknown field."] for name in unknown})
        return super().to_internal_value(data)


def _iso_datetime(field, field_timezone):
    """
    ``field.to_representation`` of a ``DateTimeField`` shown in ISO 8601, for aware datetimes: the same
    string as DRF's (converted to ``field_timezone``, ``+00:00`` written ``Z``) without looking up the
    settings and the current time zone for every value. None for any other field or format.
    """
    if type(field) is not serializers.DateTimeField:
        return None
    output_format = getattr(field, "format", api_settings.DATETIME_FORMAT)
    if output_format is None or output_format.lower() != ISO_8601 or field_timezone is None:
        return None

    to_utc = _is_utc(field_timezone)

    def represent(value):
        if isinstance(value, str):
            return field.to_representation(value)
        offset = value.utcoffset()
        if offset is None:
            return field.to_representation(value)
        if to_utc and not offset:
            return value.isoformat()[:-6] + "Z"  # already in UTC: converting would not change the text
        try:
            text = value.astimezone(field_timezone).isoformat()
        except OverflowError:
            return field.to_representation(value)
        return text[:-6] + "Z" if text.endswith("+00:00") else text

    return represent


_UTC_KEYS = frozenset({"UTC", "Etc/UTC"})


def _is_utc(zone):
    return zone is datetime.UTC or getattr(zone, "key", None) in _UTC_KEYS


def _boolean(field):
    """``field.to_representation`` of a ``BooleanField``: a ``bool`` is itself; anything else goes to DRF."""
    fallback = field.to_representation

    def represent(value):
        return value if value is True or value is False else fallback(value)

    return represent


# DRF fields whose ``to_representation`` is exactly this builtin.
_BUILTIN_REPRESENTATIONS = {serializers.IntegerField: int, serializers.CharField: str}
# The class of the values each of these DRF fields shows unchanged: ``int(5)`` is 5, ``str("a")`` is "a", and
# a ``BooleanField`` shows True as True.
_SHOWN_AS_IS = {serializers.IntegerField: int, serializers.CharField: str, serializers.BooleanField: bool}
# Whether a class of instances is a mapping, which DRF reads by key (an ABC check costs more than a dict's get).
_MAPPING_CLASSES = {}


class FastRepresentationMixin:
    """
    DRF's ``to_representation`` with the per-row work done once: each row costs one ``attrgetter`` call and,
    per field, a few class checks; a conversion is called only for a value that is not already shown as
    it is (an ``int`` for an ``IntegerField``, a ``bool`` for a ``BooleanField``...) nor an aware datetime
    in UTC shown in UTC. The output is DRF's, value for value; a row this does not cover (a mapping, a
    missing or callable attribute) goes through DRF.

    The readable fields are built once per class, on an instance of its own: a ModelSerializer builds its
    fields from the model on every instance, about a millisecond for these two, which was a large part of a
    list's or a toggle's time (``make bench`` profile). So the fields of a serializer using this must not
    depend on its context or instance (nor nest a serializer). What does depend on the request is bound per
    serializer: the current time zone of datetimes, and ``SerializerMethodField`` methods (on ``self``).
    """

    @classmethod
    def _field_template(cls):
        template = cls.__dict__.get("_fast_template")
        if template is None:
            template = []
            for field in cls()._readable_fields:
                if len(field.source_attrs) > 1 or isinstance(field, serializers.BaseSerializer):
                    template = False
                    break
                attr = field.source_attrs[0] if field.source_attrs else None
                template.append((field.field_name, attr, field))
            cls._fast_template = template
        return template

    def _representation_plan(self):
        """
        ``(fields, values_of)``, worked out once per serializer: ``values_of(instance)`` gives each field's
        value in order, and each of ``fields`` is ``(name, class shown as is, shown as UTC text, represent)``.
        """
        plan = self.__dict__.get("_fast_plan")
        if plan is None:
            template = self._field_template()
            fields, attrs = [], []
            for name, attr, field in template or ():
                as_is, utc_text = _SHOWN_AS_IS.get(type(field)), False
                if isinstance(field, serializers.SerializerMethodField):
                    represent = getattr(self, field.method_name)
                elif type(field) in _BUILTIN_REPRESENTATIONS:
                    represent = _BUILTIN_REPRESENTATIONS[type(field)]
                elif type(field) is serializers.BooleanField:
                    represent = _boolean(field)
                else:
                    zone = field.timezone if hasattr(field, "timezone") else None
                    if zone is None and isinstance(field, serializers.DateTimeField):
                        zone = field.default_timezone()
                    represent = _iso_datetime(field, zone)
                    utc_text = represent is not None and _is_utc(zone)
                    represent = represent or field.to_representation
                fields.append((name, as_is, utc_text, represent))
                attrs.append(attr)
            plan = (fields, _values_getter(attrs)) if template else False
            self.__dict__["_fast_plan"] = plan
        return plan

    def to_representation(self, instance):
        plan = self.__dict__.get("_fast_plan")
        if plan is None:
            plan = self._representation_plan()
        is_mapping = _MAPPING_CLASSES.get(instance.__class__)
        if is_mapping is None:
            is_mapping = _MAPPING_CLASSES[instance.__class__] = isinstance(instance, Mapping)
        if not plan or is_mapping:
            return super().to_representation(instance)
        fields, values_of = plan
        try:
            values = values_of(instance)
        except AttributeError:
            return super().to_representation(instance)
        ret = {}
        for (name, as_is, utc_text, represent), value in zip(fields, values, strict=True):
            if value is None:
                ret[name] = None
            elif value.__class__ is as_is:
                ret[name] = value
            elif utc_text and value.__class__ is _DATETIME and value.tzinfo is _UTC:
                ret[name] = value.isoformat()[:-6] + "Z"  # as the database converters give them: the common case
            elif callable(value) and value is not instance:
                return super().to_representation(instance)  # a method as a source: DRF calls it
            else:
                ret[name] = represent(value)
        return ret


_DATETIME, _UTC = datetime.datetime, datetime.UTC


def _values_getter(attrs):
    """
    A function of an instance giving each field's value in order, in one ``attrgetter`` call: the attribute,
    or the instance itself for a field whose source is ``*`` (None here).
    """
    named = [attr for attr in attrs if attr is not None]
    if not named:
        return lambda instance: (instance,) * len(attrs)
    get = operator.attrgetter(*named)
    if len(named) == 1:
        get = (lambda one: lambda instance: (one(instance),))(get)
    trailing = len(attrs) - len(named)
    if attrs[: len(named)] == named:  # the ``*`` fields, if any, come last (the status's ``catalog``)
        return lambda instance: (*get(instance), *((instance,) * trailing))

    def values(instance):
        got = iter(get(instance))
        return [instance if attr is None else next(got) for attr in attrs]

    return values


class CourseCatalogInfoSerializer(FastRepresentationMixin, serializers.ModelSerializer):
    """The course's catalog facts, from the last COURSE_CATALOG_INFO_CHANGED event applied."""

    class Meta:
        model = CourseCatalogInfo
        fields = CATALOG_FACTS
        read_only_fields = fields


class CourseArchiveStatusSerializer(StrictFieldsMixin, FastRepresentationMixin, serializers.ModelSerializer):
    """One learner's archive status for one course."""

    course_id = CourseKeyField()
    user = serializers.IntegerField(
        source="user_id",
        required=False,
        # Past a 64-bit id some databases raise instead of finding no user.
        min_value=-(2**63 - 1),
        max_value=2**63 - 1,
        help_text="The learner's user id; defaults to the requesting user.",
    )
    # Kept once per course on its catalog row (joined with the status), shown with each status.
    last_synced = serializers.DateTimeField(
        read_only=True,
        allow_null=True,
        help_text="When the course's catalog facts were last synced from the platform; null until then.",
    )
    catalog = serializers.SerializerMethodField(
        help_text="The course's catalog facts; null until the platform announced them."
    )

    class Meta:
        model = CourseArchiveStatus
        fields = (
            "id",
            "course_id",
            "user",
            "is_archived",
            "archive_date",
            "created_at",
            "updated_at",
            "last_synced",
            "catalog",
        )
        read_only_fields = ("id", "archive_date", "created_at", "updated_at", "last_synced", "catalog")
        # The (user, course) unique constraint is enforced by api.py, which knows the default user.
        validators = []

    @extend_schema_field(CourseCatalogInfoSerializer(allow_null=True))
    def get_catalog(self, status):
        # Read with the rows (select_related) by api.statuses_visible_to; one query for a row written
        # just now. A course the platform has not announced has none.
        info = status.catalog_facts()
        if info is None:
            return None
        # One nested serializer for every row of a page: building a ModelSerializer's fields costs about
        # a millisecond, which per row was most of a list request's time (see ``make bench``).
        nested = getattr(self, "_catalog_serializer", None)
        if nested is None:
            nested = self._catalog_serializer = CourseCatalogInfoSerializer()
        return nested.to_representation(info)


class ByCourseSerializer(StrictFieldsMixin, serializers.Serializer):
    """Body of ``PUT by-course/{course_id}/``."""

    is_archived = serializers.BooleanField()


class BulkSerializer(StrictFieldsMixin, serializers.Serializer):
    """Body of ``POST bulk/``."""

    course_ids = serializers.ListField(
        # Any JSON value: api.parse_course_keys reports every one that is not a course key at once.
        child=serializers.JSONField(allow_null=True),
        max_length=api.MAX_BULK_COURSES,
        allow_empty=False,
    )
    is_archived = serializers.BooleanField()


class BulkResultSerializer(serializers.Serializer):
    """Answer of ``POST bulk/``: every status the request set, in the order given."""

    count = serializers.IntegerField()
    results = CourseArchiveStatusSerializer(many=True)


class HealthSerializer(serializers.Serializer):
    """Answer of ``GET health/``."""

    status = serializers.ChoiceField(choices=["ok", "error"])
    checks = serializers.DictField(
        child=serializers.CharField(), required=False, help_text="Staff only: each check, 'ok' or what is wrong."
    )
