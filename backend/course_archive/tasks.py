"""
Celery tasks of the plugin, declared as edx-platform declares its own (``shared_task``, code owner set), so
they run on the LMS's and CMS's Celery app and workers. Thin: the rules are in ``course_archive.api``.
"""

import logging

from celery import shared_task
from edx_django_utils.monitoring import set_code_owner_attribute

from course_archive import api, conf

log = logging.getLogger(__name__)

# Attempts after the first, with exponential backoff (1, 2, 4, ... s, jittered, at most 10 minutes apart).
CATALOG_EVENT_MAX_RETRIES = 8


@shared_task(
    bind=True,
    name="course_archive.tasks.apply_catalog_event",
    autoretry_for=api.TRANSIENT_DATABASE_ERRORS,
    retry_backoff=True,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=CATALOG_EVENT_MAX_RETRIES,
    ignore_result=True,
    # Redelivered when a worker dies mid-task: applying twice changes nothing (ordered by event id and time).
    acks_late=True,
)
@set_code_owner_attribute
def apply_catalog_event(self, payload):
    """Apply one COURSE_CATALOG_INFO_CHANGED event (``api.catalog_event_payload``); Celery retries DB errors."""
    try:
        return api.apply_catalog_payload(payload)
    except api.TRANSIENT_DATABASE_ERRORS as error:
        if self.request.retries >= self.max_retries:
            log.error(
                "Course archive: dropped COURSE_CATALOG_INFO_CHANGED event %s for %s after %d attempt(s): %s",
                payload.get("event_id"),
                payload.get("course_key"),
                self.request.retries + 1,
                error,
            )
        raise


def queue_catalog_event(payload):
    """
    Send ``apply_catalog_event`` to the broker (on ``COURSE_ARCHIVE_CATALOG_TASK_QUEUE`` if set), trying the
    connection once and the publish once: a broker that is down raises ``celery.exceptions.OperationalError``
    at once, where Celery's own connection and publish retries would hold the sender for seconds.
    """
    task = apply_catalog_event
    # A short argsrepr (monitoring shows it) spares Celery a saferepr of the whole payload on each publish.
    options = {"args": (payload,), "retry": False, "argsrepr": f"({payload['event_id']!r}, {payload['course_key']!r})"}
    queue = conf.get(conf.CATALOG_TASK_QUEUE)
    if queue:
        # Unset, Celery routes it: the platform's CELERY_ROUTES / EXPLICIT_QUEUES, else the default queue.
        options["queue"] = queue
    if task.app.conf.task_always_eager:
        return task.apply_async(**options)
    with task.app.producer_or_acquire() as producer:
        producer.connection.ensure_connection(max_retries=0)
        return task.apply_async(producer=producer, **options)
