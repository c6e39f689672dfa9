"""
The log of archive state changes the admin's overview counts per day: one row per change, with its course,
new state and time, no learner. Written in the transaction of the change, so a rolled-back write leaves no
row, and in one INSERT however many rows a bulk write changed.
"""

from django.utils import timezone

from course_archive.models import CourseArchiveActivity


def record(changes):
    """Log each ``(user_id, course_key, is_archived)`` of ``changes`` as changed now."""
    now = timezone.now()
    CourseArchiveActivity.objects.bulk_create(
        [
            CourseArchiveActivity(course_id=course_key, is_archived=is_archived, created=now)
            for _user_id, course_key, is_archived in changes
        ]
    )


def prune(older_than, batch_size=5000, dry_run=False):
    """
    Delete the log's rows older than ``older_than`` (a datetime), in batches of ``batch_size`` rows (each a
    short statement); return how many were (or would be) deleted.
    """
    old = CourseArchiveActivity.objects.filter(created__lt=older_than).order_by()
    if dry_run:
        return old.count()
    deleted = 0
    while True:
        batch = list(old.values_list("pk", flat=True)[:batch_size])
        if not batch:
            return deleted
        deleted += CourseArchiveActivity.objects.filter(pk__in=batch).delete()[0]
