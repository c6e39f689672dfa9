"""
The index of a course's statuses also orders them by recency (``course_id, -updated_at, -id``), so that a
staff listing filtered by course reads its page from it. The new index is built before the old one is
dropped: queries by course keep an index while the migration runs.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("course_archive", "0005_last_synced_on_catalog_info"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="coursearchivestatus",
            index=models.Index(fields=["course_id", "-updated_at", "-id"], name="course_archive_course_recent"),
        ),
        migrations.RemoveIndex(
            model_name="coursearchivestatus",
            name="course_archive_course",
        ),
    ]
