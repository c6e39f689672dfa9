"""The demo host's stand-ins for the LMS's courses and enrollments."""

from django.conf import settings
from django.db import models
from opaque_keys.edx.django.models import CourseKeyField


class DemoCourse(models.Model):
    """
    A course run, with what the learner dashboard shows of it.

    .. no_pii: Demo course metadata.
    """

    course_id = CourseKeyField(max_length=255, unique=True, case_sensitive=True)
    name = models.CharField(max_length=255)
    image_url = models.CharField(max_length=255, blank=True, default="")
    start = models.DateTimeField(null=True, blank=True)
    end = models.DateTimeField(null=True, blank=True)
    pacing = models.CharField(max_length=16, default="instructor")

    class Meta:
        app_label = "demo_host"
        ordering = ("id",)

    def __str__(self):
        return str(self.course_id)


class DemoEnrollment(models.Model):
    """
    A learner's enrollment in a demo course.

    .. no_pii: Demo data of the demo host only, never installed into the LMS.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    course = models.ForeignKey(DemoCourse, on_delete=models.CASCADE)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "demo_host"
        ordering = ("-created", "-id")
        constraints = [models.UniqueConstraint(fields=("user", "course"), name="demo_enrollment_uniq")]

    def __str__(self):
        return f"{self.user_id} in {self.course_id}"


class DemoCourseOverview(models.Model):
    """
    The demo host's stand-in for edx-platform's ``CourseOverview``: the same names for the columns the
    plugin reads (``course_archive.platform.data.COURSE_OVERVIEW_FIELDS``), the course key as primary key.

    .. no_pii: Demo course metadata.
    """

    id = CourseKeyField(max_length=255, primary_key=True)
    display_name = models.TextField(null=True)
    start = models.DateTimeField(null=True)
    end = models.DateTimeField(null=True)
    enrollment_start = models.DateTimeField(null=True)
    enrollment_end = models.DateTimeField(null=True)
    self_paced = models.BooleanField(default=False)
    catalog_visibility = models.TextField(null=True)
    invitation_only = models.BooleanField(default=False)
    # model_utils' TimeStampedModel, as CourseOverview has it.
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        app_label = "demo_host"

    def __str__(self):
        return str(self.id)


class DemoSiteConfiguration(models.Model):
    """
    The demo host's stand-in for edx-platform's ``SiteConfiguration``: a site (by domain), the course orgs
    it shows (``course_org_filter``) and its values, which override Django settings for those orgs.

    .. no_pii: Configuration only.
    """

    domain = models.CharField(max_length=255, unique=True)
    orgs = models.JSONField(default=list)
    values = models.JSONField(default=dict)

    class Meta:
        app_label = "demo_host"

    def __str__(self):
        return self.domain
