"""Fill the catalog facts of every course that has statuses from the platform's course overviews."""

import argparse

from django.core.management.base import BaseCommand, CommandError

from course_archive import api, conf, exceptions
from course_archive.management.progress import Progress


def _course_key(value):
    try:
        return api.parse_course_key(value, field="--after")
    except exceptions.InvalidCourseKey as error:
        raise argparse.ArgumentTypeError(error.message) from None


class Command(BaseCommand):
    help = (
        "Fill the catalog facts (name, dates, pacing, visibility) of every course that has archive statuses "
        "from the platform's CourseOverview, for courses published before the plugin was installed. Facts that "
        "a newer COURSE_CATALOG_INFO_CHANGED event brought are kept. In batches of courses, in course id order; "
        "idempotent, and safe to interrupt: a rerun writes nothing that is done, and --after skips it."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch-size", type=int, default=500, help=f"Courses per batch (500; at most {api.MAX_BATCH_SIZE})."
        )
        parser.add_argument(
            "--after",
            type=_course_key,
            help="Start after this course id (the last one an interrupted run reported).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Count what would change; write nothing.")

    def handle(self, *args, batch_size, after, dry_run, **options):
        if not 1 <= batch_size <= api.MAX_BATCH_SIZE:
            raise CommandError(f"--batch-size must be from 1 to {api.MAX_BATCH_SIZE}")
        if not api.platform_is_available():
            self.stderr.write(
                self.style.WARNING(
                    f"The platform's course overviews cannot be read here ({conf.PLATFORM_BACKEND} is "
                    f"{conf.get(conf.PLATFORM_BACKEND)!r}); nothing to backfill. Run it in the LMS."
                )
            )
            return
        totals = {"created": 0, "updated": 0, "unchanged": 0, "no_overview": 0}
        # No count of the courses first: that would read every status. The progress counts courses done.
        progress = Progress(self.stdout, "courses")
        batch_number = 0
        try:
            while True:
                keys = api.courses_with_statuses(after=after, limit=batch_size)
                if not keys:
                    break
                batch_number += 1
                counts = api.backfill_catalog(keys, dry_run=dry_run)
                for name, count in counts.items():
                    totals[name] += count
                after = keys[-1]
                progress.add(len(keys), f"up to {after}")
                if not progress.on_terminal:
                    self.stdout.write(
                        f"[batch {batch_number}] {progress.done} courses, up to {after}: {_counts(counts)}"
                    )
        except KeyboardInterrupt:
            progress.finish()
            raise CommandError(
                f"Interrupted after {progress.done} course(s). Every finished batch is written; to go on, run "
                f"it again with --after {after}"
                if after
                else "Interrupted before the first batch."
            ) from None
        progress.finish()
        prefix = "Dry run, nothing written: " if dry_run else ""
        self.stdout.write(self.style.SUCCESS(f"{prefix}{progress.done} course(s) with statuses: {_counts(totals)}."))


def _counts(counts):
    return (
        f"{counts['created']} created, {counts['updated']} updated, {counts['unchanged']} unchanged, "
        f"{counts['no_overview']} without a course overview"
    )
