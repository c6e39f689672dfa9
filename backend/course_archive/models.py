"""
Database models of the course archive plugin.

Models and querysets are private to the app: other code goes through ``course_archive.api``.
"""

from config_models.models import ConfigurationModel
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from course_archive.fields import CourseKeyField
from course_archive.url_templates import template_errors

__all__ = [
    "CATALOG_COLUMNS",
    "CATALOG_FACTS",
    "SHOWN_CATALOG_FIELDS",
    "STATUS_COLUMNS",
    "AboutPageUrlRule",
    "CourseArchiveActivity",
    "CourseArchiveStatus",
    "CourseArchiveStatusQuerySet",
    "CourseCatalogInfo",
]

# The catalog facts a status shows (its ``catalog``); the event's id and time and the row's own times are
# bookkeeping.
CATALOG_FACTS = ("name", "hidden", "invitation_only", "start", "end", "enrollment_start", "enrollment_end", "pacing")
# What a status reads of its catalog row: the facts, and when they were last synced.
SHOWN_CATALOG_FIELDS = (*CATALOG_FACTS, "last_synced")


# A status as the API shows it, as ``QuerySet.values()`` names the columns: its own fields, and its course's
# catalog facts (``catalog_info__id`` is None where the platform has not announced the course yet).
STATUS_COLUMNS = ("id", "course_id", "user_id", "is_archived", "archive_date", "created_at", "updated_at")
CATALOG_COLUMNS = tuple(f"catalog_info__{name}" for name in ("id", *SHOWN_CATALOG_FIELDS))


class CourseArchiveStatusQuerySet(models.QuerySet):
    def shown_values(self):
        """
        These statuses as the API shows them: a dict of ``STATUS_COLUMNS`` and ``CATALOG_COLUMNS`` per row,
        read in one query with the catalog row joined. No model instance is built: a list shows up to 100
        rows, and building a status and a catalog instance for each was about half of its time.
        """
        return self.values(*STATUS_COLUMNS, *CATALOG_COLUMNS)


class CourseArchiveStatus(models.Model):
    """
    Whether one learner has archived one course on their dashboard.

    .. pii: Links a learner to the courses they archived.
    .. pii_types: id
    .. pii_retirement: local_api
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    course_id = CourseKeyField(max_length=255, case_sensitive=True)
    is_archived = models.BooleanField(default=False)
    # Set by the server when the row becomes archived, cleared when it is unarchived (api.py).
    archive_date = models.DateTimeField(null=True, blank=True)
    # The course's catalog facts, joined on course_id: no column and no constraint (statuses exist before
    # the platform announces a course), but select_related() reads them in the same query as the rows.
    catalog_info = models.ForeignObject(
        "course_archive.CourseCatalogInfo",
        on_delete=models.DO_NOTHING,
        from_fields=["course_id"],
        to_fields=["course_id"],
        related_name="+",
        null=True,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CourseArchiveStatusQuerySet.as_manager()

    class Meta:
        app_label = "course_archive"
        verbose_name = "course archive status"
        verbose_name_plural = "course archive statuses"
        ordering = ("-updated_at", "-id")
        constraints = [
            models.UniqueConstraint(fields=("user", "course_id"), name="course_archive_user_course_uniq"),
        ]
        indexes = [
            # A learner's own rows, by state, newest first (the dashboard's list).
            models.Index(fields=("user", "is_archived", "-updated_at"), name="course_archive_user_state"),
            # Staff listing everything by recency.
            models.Index(fields=("-updated_at", "-id"), name="course_archive_recent"),
            # Rows of one course, by recency: a staff listing filtered by course reads its page from the
            # index instead of scanning the recent index for the course (half the query's time on MariaDB);
            # also the course's rows for auto-archive and org filters (a prefix of course_id).
            models.Index(fields=("course_id", "-updated_at", "-id"), name="course_archive_course_recent"),
        ]

    def __str__(self):
        state = "archived" if self.is_archived else "active"
        return f"{self.user_id}: {self.course_id} ({state})"

    def catalog_facts(self):
        """
        The course's ``CourseCatalogInfo``, or None before the platform announced the course.

        Joined with the row by ``select_related("catalog_info")``; otherwise read once, and an absent row
        is remembered too, so a row costs at most one query however many fields show its facts.
        """
        field = type(self).catalog_info.field
        if not field.is_cached(self):
            try:
                self.catalog_info  # noqa: B018 - reads and caches the relation
            except CourseCatalogInfo.DoesNotExist:
                field.set_cached_value(self, None)
        return field.get_cached_value(self)

    def shown_values(self):
        """This status as ``CourseArchiveStatusQuerySet.shown_values`` gives each row."""
        values = {name: getattr(self, name) for name in STATUS_COLUMNS}
        info = self.catalog_facts()
        values["catalog_info__id"] = info.pk if info is not None else None
        for name in SHOWN_CATALOG_FIELDS:
            values[f"catalog_info__{name}"] = getattr(info, name) if info is not None else None
        return values

    @property
    def last_synced(self):
        """
        When the course's catalog facts were last synced. Kept once per course on its catalog row, so an
        event costs the same whatever the number of learners with a status for the course.
        """
        info = self.catalog_facts()
        return info.last_synced if info is not None else None


class CourseCatalogInfo(models.Model):
    """
    A course's catalog facts, as the last applied COURSE_CATALOG_INFO_CHANGED event told them.

    .. no_pii: Course metadata only.
    """

    course_id = CourseKeyField(max_length=255, case_sensitive=True, unique=True)
    name = models.CharField(max_length=255, blank=True, default="")
    hidden = models.BooleanField(default=False)
    invitation_only = models.BooleanField(default=False)
    start = models.DateTimeField(null=True, blank=True)
    end = models.DateTimeField(null=True, blank=True)
    enrollment_start = models.DateTimeField(null=True, blank=True)
    enrollment_end = models.DateTimeField(null=True, blank=True)
    pacing = models.CharField(max_length=32, blank=True, default="")
    # When these facts last reached the plugin: an applied event, or the backfill from the platform's data.
    last_synced = models.DateTimeField(null=True, blank=True)
    # The event applied last: a replay (same id) or an older event (earlier time) is ignored.
    event_id = models.UUIDField(null=True, blank=True)
    event_time = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        app_label = "course_archive"
        verbose_name = "course catalog info"
        verbose_name_plural = "course catalog info"

    def __str__(self):
        return f"{self.course_id}: {self.name}"


class AboutPageUrlRule(ConfigurationModel):
    """
    An about-page URL template managed in the Django admin, for one org or (blank org) every org.

    django-config-models keeps every change as a new row (the history) and serves the current row of
    each (org, priority) from its cache. Among an org's enabled rules the highest priority wins.

    .. no_pii: Configuration only; ``changed_by`` points at the operator who made the change.
    """

    KEY_FIELDS = ("org", "priority")

    org = models.CharField(
        max_length=255, blank=True, default="", help_text="The course org this rule applies to; blank for every org."
    )
    priority = models.PositiveSmallIntegerField(
        default=0, help_text="Among enabled rules of the same org, the highest priority wins."
    )
    template = models.CharField(
        max_length=1000,
        help_text=(
            "Absolute http(s) URL with {course_id}, {org}, {course} or {run}, e.g. "
            "https://catalog.example.com/courses/{course_id}/about"
        ),
    )

    class Meta:
        app_label = "course_archive"
        verbose_name = "about-page URL rule"
        verbose_name_plural = "about-page URL rules"

    def clean(self):
        problems = template_errors(self.template)
        if problems:
            raise ValidationError({"template": [f"The template is invalid: {problem}." for problem in problems]})

    def __str__(self):
        return f"{self.org or '(every org)'} [{self.priority}]: {self.template}"


class CourseArchiveActivity(models.Model):
    """
    One change of a learner's archive state in a course, without the learner: what the admin's overview
    counts per day (a status row keeps only its current state). Written in the transaction of the change.

    .. no_pii: A course, a state and a time; no learner.
    """

    course_id = CourseKeyField(max_length=255, case_sensitive=True)
    is_archived = models.BooleanField()
    created = models.DateTimeField(db_index=True)

    class Meta:
        app_label = "course_archive"
        verbose_name = "course archive activity"
        verbose_name_plural = "course archive activity"

    def __str__(self):
        return f"{self.created:%Y-%m-%d}: {self.course_id} ({'archived' if self.is_archived else 'unarchived'})"
