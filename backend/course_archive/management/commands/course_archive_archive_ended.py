"""Archive ended courses for the learners who already have a status row for them."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from course_archive import api


def _date(value):
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--ended-before must be a date like 2026-01-31, not {value!r}") from None
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=datetime.UTC)


class Command(BaseCommand):
    help = (
        "Archive, for learners who already have a status row, every course whose stored catalog end date "
        "(from COURSE_CATALOG_INFO_CHANGED) is before --ended-before. Idempotent: a rerun archives nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--ended-before", required=True, type=_date, help="A date, YYYY-MM-DD (UTC midnight).")
        parser.add_argument("--org", help="Only courses of this org.")
        parser.add_argument("--batch-size", type=int, default=500, help="Rows per transaction (500).")
        parser.add_argument("--dry-run", action="store_true", help="Count what would be archived; write nothing.")

    def handle(self, *args, ended_before, org, batch_size, dry_run, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1")
        if ended_before > timezone.now() + datetime.timedelta(days=1):
            self.stderr.write(self.style.WARNING("--ended-before is in the future: running courses count as ended."))
        courses = api.ended_courses(ended_before, org=org)
        total = 0
        for index, course_key in enumerate(courses, start=1):
            archived = api.archive_course_for_existing_learners(course_key, batch_size=batch_size, dry_run=dry_run)
            total += archived
            self.stdout.write(
                f"[{index}/{len(courses)}] {course_key}: {archived} {'to archive' if dry_run else 'archived'}"
            )
        prefix = "Dry run: would archive" if dry_run else "Archived"
        self.stdout.write(self.style.SUCCESS(f"{prefix} {total} status(es) in {len(courses)} ended course(s)."))
