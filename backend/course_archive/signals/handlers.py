"""
Signal receivers. Thin: each one hands its payload to ``course_archive.api``.

``course_catalog_info_changed`` is connected by edx-django-utils from ``CourseArchiveConfig.plugin_app``;
the retirement receiver is connected when this module is imported (from ``ready()``).
"""

import logging

from django.core.signals import setting_changed
from django.db.models.signals import post_save
from django.dispatch import receiver

from course_archive import api
from course_archive.models import AboutPageUrlRule
from course_archive.signals.signals import USER_RETIRE_LMS_MISC

log = logging.getLogger(__name__)


def course_catalog_info_changed(sender, catalog_info=None, metadata=None, **kwargs):  # pylint: disable=unused-argument
    """
    Keep a course's catalog facts (COURSE_CATALOG_INFO_CHANGED, sent by the CMS or the event bus).

    Never raises into the sender: the event bus acknowledges a message whatever the receiver does.
    """
    try:
        api.apply_catalog_event(catalog_info, metadata)
    except Exception:  # noqa: BLE001 - a receiver that raises would make the bus drop the event silently.
        log.exception(
            "Course archive: failed to apply COURSE_CATALOG_INFO_CHANGED event %s.",
            getattr(metadata, "id", None),
        )


@receiver(USER_RETIRE_LMS_MISC, dispatch_uid="course_archive.signals.handlers.retire_user")
def retire_user(sender, user=None, **kwargs):  # pylint: disable=unused-argument
    """Delete the archive statuses of a learner the platform retires."""
    if user is not None:
        api.retire_user(user)


@receiver(post_save, sender=AboutPageUrlRule, dispatch_uid="course_archive.signals.handlers.url_rule_saved")
def url_rule_saved(sender, **kwargs):  # pylint: disable=unused-argument
    """A rule saved in this worker applies to its next request; other workers see it on their next refresh."""
    api.forget_about_page_rules()


@receiver(setting_changed, dispatch_uid="course_archive.signals.handlers.setting_changed")
def course_archive_setting_changed(sender, setting=None, **kwargs):  # pylint: disable=unused-argument
    """About-page URLs worked out under the old value of a setting must not be served under the new one."""
    if setting and setting.startswith("COURSE_ARCHIVE_"):
        api.forget_about_page_rules()
