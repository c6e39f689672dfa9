"""Write the settings' about-page URL templates into the admin's rules."""

from django.core.management.base import BaseCommand

from course_archive import api


class Command(BaseCommand):
    help = (
        "Copy COURSE_ARCHIVE_ABOUT_PAGE_ORG_TEMPLATES and COURSE_ARCHIVE_ABOUT_PAGE_URL_TEMPLATE into "
        "about-page URL rules (priority 0) that operators then manage in the Django admin. Safe to rerun."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--mode",
            choices=("create", "update"),
            default="create",
            help="create: only add missing rules, keeping admin edits (default). update: also overwrite rules "
            "that differ from the settings.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Show what would change; write nothing.")

    def handle(self, *args, mode, dry_run, **options):
        summary = api.sync_url_rules_from_settings(mode=mode, dry_run=dry_run)
        verb = "would be " if dry_run else ""
        for outcome in ("created", "updated", "unchanged"):
            for org in summary[outcome]:
                self.stdout.write(f"{org or '(every org)'}: {verb if outcome != 'unchanged' else ''}{outcome}")
        prefix = "Dry run: " if dry_run else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"{prefix}{len(summary['created'])} created, {len(summary['updated'])} updated, "
                f"{len(summary['unchanged'])} unchanged."
            )
        )
