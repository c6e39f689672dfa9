"""
Signal receivers. Thin: each one hands its payload to ``course_archive.api`` or to a task.

``course_catalog_info_changed`` is connected by edx-django-utils from ``CourseArchiveConfig.plugin_app``;
the retirement receiver is connected when this module is imported (from ``ready()``).
"""

import functools
import logging

from celery.exceptions import OperationalError as BrokerOperationalError
from django.core.signals import setting_changed
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from waffle import get_waffle_flag_model

from course_archive import api, tasks
from course_archive.models import AboutPageUrlRule
from course_archive.signals.signals import USER_RETIRE_LMS_MISC

log = logging.getLogger(__name__)


def course_catalog_info_changed(sender, catalog_info=None, metadata=None, **kwargs):  # pylint: disable=unused-argument
    """
    Hand a COURSE_CATALOG_INFO_CHANGED event (sent by the CMS on every publish, or by the event bus) to a
    Celery task once the sender's transaction commits: nothing is applied, retried or slept on in the
    sender's request.

    Never raises into the sender: the event bus acknowledges a message whatever the receiver does.
    """
    try:
        payload = api.catalog_event_payload(catalog_info, metadata)
        if payload is not None:
            # robust: should the callback ever raise, Django logs it instead of failing the sender's commit.
            transaction.on_commit(functools.partial(_send_catalog_task, payload), robust=True)
    except Exception:
        log.exception(
            "Course archive: failed to queue COURSE_CATALOG_INFO_CHANGED event %s.",
            getattr(metadata, "id", None),
        )


def _send_catalog_task(payload):
    """
    Queue the task; when the broker cannot take it, apply the event here, once and without sleeping,
    rather than lose it. Runs in ``on_commit``, so it must not raise either.
    """
    try:
        tasks.queue_catalog_event(payload)
        return
    except (BrokerOperationalError, OSError) as error:
        log.warning(
            "Course archive: the Celery broker did not take COURSE_CATALOG_INFO_CHANGED event %s for %s (%s: %s); "
            "applying it in this process.",
            payload["event_id"],
            payload["course_key"],
            type(error).__name__,
            error,
        )
    except Exception:
        log.exception(
            "Course archive: could not queue COURSE_CATALOG_INFO_CHANGED event %s for %s; applying it in this process.",
            payload["event_id"],
            payload["course_key"],
        )
    try:
        api.apply_catalog_payload(payload)
    except Exception:
        log.exception(
            "Course archive: dropped COURSE_CATALOG_INFO_CHANGED event %s for %s: the broker was down and "
            "applying it here failed.",
            payload["event_id"],
            payload["course_key"],
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


def waffle_flag_changed(sender, **kwargs):  # pylint: disable=unused-argument
    """
    A flag saved or deleted in this worker applies to its next request (other workers read it again within
    ``FLAG_RECORD_SECONDS``). Again on commit: waffle empties the shared cache's record only then.
    """
    api.forget_kill_switch()
    transaction.on_commit(api.forget_kill_switch)


_Flag = get_waffle_flag_model()
for _name, _signal, _sender in (
    ("saved", post_save, _Flag),
    ("deleted", post_delete, _Flag),
    ("users", m2m_changed, _Flag.users.through),
    ("groups", m2m_changed, _Flag.groups.through),
):
    _signal.connect(waffle_flag_changed, sender=_sender, dispatch_uid=f"course_archive.waffle_flag_changed.{_name}")
