"""Archive ended courses for the learners who already have a status row for them."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from course_archive import api
from course_archive.management.progress import Progress


def _date(value):
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--ended-before must be a date like 2026-01-31, not {value!r}") from None
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=datetime.UTC)


class Command(BaseCommand):
    help = (
        "Archive, for learners who already have a status row, every course whose stored catalog end date "
        "(from COURSE_CATALOG_INFO_CHANGED) is before --ended-before. In batches, each one short transaction; "
        "safe to interrupt (Ctrl-C) and rerun: a rerun archives only what is left."
    )

    def add_arguments(self, parser):
        parser.add_argument("--ended-before", required=True, type=_date, help="A date, YYYY-MM-DD (UTC midnight).")
        parser.add_argument("--org", help="Only courses of this org.")
        parser.add_argument(
            "--batch-size", type=int, default=500, help=f"Rows per transaction (500; at most {api.MAX_BATCH_SIZE})."
        )
        parser.add_argument(
            "--pause", type=float, default=0.0, help="Seconds to wait between batches, for replicas to keep up (0)."
        )
        parser.add_argument("--dry-run", action="store_true", help="Count what would be archived; write nothing.")

    def handle(self, *args, ended_before, org, batch_size, pause, dry_run, **options):
        if not 1 <= batch_size <= api.MAX_BATCH_SIZE:
            raise CommandError(f"--batch-size must be from 1 to {api.MAX_BATCH_SIZE}")
        if pause < 0:
            raise CommandError("--pause must be 0 or more seconds")
        if ended_before > timezone.now() + datetime.timedelta(days=1):
            self.stderr.write(self.style.WARNING("--ended-before is in the future: running courses count as ended."))
        courses = api.ended_courses(ended_before, org=org)
        if dry_run:
            total = 0
            for index, course_key in enumerate(courses, start=1):
                pending = api.pending_archive_count(course_key)
                total += pending
                self.stdout.write(f"[{index}/{len(courses)}] {course_key}: {pending} to archive")
            self.stdout.write(
                self.style.SUCCESS(f"Dry run: would archive {total} status(es) in {len(courses)} ended course(s).")
            )
            return
        # Each course's active rows, counted through its index: the total the progress counts towards.
        progress = Progress(self.stdout, "statuses archived", total=sum(map(api.pending_archive_count, courses)))
        index = 0
        try:
            for index, course_key in enumerate(courses, start=1):
                where = f"course {index}/{len(courses)} {course_key}"
                archived = api.archive_course_for_existing_learners(
                    course_key,
                    batch_size=batch_size,
                    pause=pause,
                    on_batch=lambda count, where=where: progress.add(count, where),
                )
                if not progress.on_terminal:
                    self.stdout.write(f"[{index}/{len(courses)}] {course_key}: {archived} archived")
        except KeyboardInterrupt:
            progress.finish()
            raise CommandError(
                f"Interrupted in course {index}/{len(courses)} after {progress.done} status(es) archived; every "
                "finished batch stays archived. Run the same command again to archive the rest."
            ) from None
        progress.finish()
        self.stdout.write(self.style.SUCCESS(f"Archived {progress.done} status(es) in {len(courses)} ended course(s)."))
