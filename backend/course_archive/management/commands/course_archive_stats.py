"""Print counts of archive statuses: by state, by org, and the most-archived courses."""

import json

from django.core.management.base import BaseCommand

from course_archive import api


class Command(BaseCommand):
    help = "Counts of course archive statuses by state and org, and the most-archived courses. Read-only."

    def add_arguments(self, parser):
        parser.add_argument("--top", type=int, default=10, help="How many most-archived courses to list (10).")
        parser.add_argument("--json", action="store_true", help="Print JSON instead of a table.")

    def handle(self, *args, top, json: bool, **options):
        stats = api.archive_statistics(top=max(top, 0))
        if json:
            self.stdout.write(_json_dumps(stats))
            return
        self.stdout.write(f"Statuses: {stats['total']} ({stats['archived']} archived, {stats['active']} active)")
        self.stdout.write("By org:")
        for org, counts in stats["by_org"].items():
            self.stdout.write(f"  {org:<30} {counts['archived']:>9} archived {counts['active']:>9} active")
        self.stdout.write(f"Most archived courses (top {top}):")
        for course_id, count in stats["most_archived"]:
            self.stdout.write(f"  {count:>9}  {course_id}")


def _json_dumps(stats):
    return json.dumps({**stats, "most_archived": [{"course_id": c, "archived": n} for c, n in stats["most_archived"]]})
