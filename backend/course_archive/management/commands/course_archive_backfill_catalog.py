"""Fill the catalog facts of every course that has statuses from the platform's course overviews."""

from django.core.management.base import BaseCommand, CommandError

from course_archive import api, conf


class Command(BaseCommand):
    help = (
        "Fill the catalog facts (name, dates, pacing, visibility) of every course that has archive statuses "
        "from the platform's CourseOverview, for courses published before the plugin was installed. Facts that "
        "a newer COURSE_CATALOG_INFO_CHANGED event brought are kept. Idempotent: a rerun writes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500, help="Courses per batch (500).")
        parser.add_argument("--dry-run", action="store_true", help="Count what would change; write nothing.")

    def handle(self, *args, batch_size, dry_run, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1")
        if not api.platform_is_available():
            self.stderr.write(
                self.style.WARNING(
                    f"The platform's course overviews cannot be read here ({conf.PLATFORM_BACKEND} is "
                    f"{conf.get(conf.PLATFORM_BACKEND)!r}); nothing to backfill. Run it in the LMS."
                )
            )
            return
        total = api.count_courses_with_statuses()
        totals = {"created": 0, "updated": 0, "unchanged": 0, "no_overview": 0}
        done, after, batch_number = 0, None, 0
        batches = -(-total // batch_size)
        while True:
            keys = api.courses_with_statuses(after=after, limit=batch_size)
            if not keys:
                break
            batch_number += 1
            counts = api.backfill_catalog(keys, dry_run=dry_run)
            for name, count in counts.items():
                totals[name] += count
            done, after = done + len(keys), keys[-1]
            self.stdout.write(
                f"[batch {batch_number}/{max(batches, batch_number)}] {done}/{total} courses: {_counts(counts)}"
            )
        prefix = "Dry run, nothing written: " if dry_run else ""
        self.stdout.write(self.style.SUCCESS(f"{prefix}{done} course(s) with statuses: {_counts(totals)}."))


def _counts(counts):
    return (
        f"{counts['created']} created, {counts['updated']} updated, {counts['unchanged']} unchanged, "
        f"{counts['no_overview']} without a course overview"
    )
