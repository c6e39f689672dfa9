"""Delete old rows of the activity log the admin's overview counts per day."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from course_archive import api


class Command(BaseCommand):
    help = (
        "Delete the rows of the course archive activity log (one per change of state, no learner) older than "
        "--keep-days days. The admin's overview reads the last 90 days. Safe to rerun."
    )

    def add_arguments(self, parser):
        parser.add_argument("--keep-days", type=int, default=365, help="Days of history to keep (default 365).")
        parser.add_argument("--batch-size", type=int, default=5000, help="Rows deleted per statement.")
        parser.add_argument("--dry-run", action="store_true", help="Count what would be deleted; delete nothing.")

    def handle(self, *args, keep_days, batch_size, dry_run, **options):
        if keep_days < api.OVERVIEW_DAYS:
            raise CommandError(f"--keep-days must be at least {api.OVERVIEW_DAYS}, the overview's period.")
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        older_than = timezone.now() - datetime.timedelta(days=keep_days)
        count = api.prune_activity(older_than, batch_size=batch_size, dry_run=dry_run)
        verb = "Dry run: would delete" if dry_run else "Deleted"
        self.stdout.write(self.style.SUCCESS(f"{verb} {count} activity row(s) older than {older_than:%Y-%m-%d}."))
