"""
``last_synced`` moves from every status row onto the course's catalog row: an event then writes one row,
whatever the number of learners with a status for the course.

Each course's catalog row keeps the newest ``last_synced`` of its statuses; undone, every status of the
course gets its course's value back.
"""

from django.db import migrations, models


def copy_to_catalog(apps, schema_editor):
    status = apps.get_model("course_archive", "CourseArchiveStatus")
    catalog = apps.get_model("course_archive", "CourseCatalogInfo")
    newest = (
        status.objects.filter(course_id=models.OuterRef("course_id"))
        .order_by()
        .values("course_id")
        .annotate(newest=models.Max("last_synced"))
        .values("newest")
    )
    # One set-based UPDATE: the status index on course_id answers each course's subquery.
    catalog.objects.update(last_synced=models.Subquery(newest))


def copy_to_statuses(apps, schema_editor):
    status = apps.get_model("course_archive", "CourseArchiveStatus")
    catalog = apps.get_model("course_archive", "CourseCatalogInfo")
    synced = catalog.objects.filter(course_id=models.OuterRef("course_id")).values("last_synced")[:1]
    status.objects.update(last_synced=models.Subquery(synced))


class Migration(migrations.Migration):
    dependencies = [
        ("course_archive", "0004_catalog_info_relation"),
    ]

    operations = [
        migrations.AddField(
            model_name="coursecataloginfo",
            name="last_synced",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(copy_to_catalog, copy_to_statuses, elidable=False),
        migrations.RemoveField(
            model_name="coursearchivestatus",
            name="last_synced",
        ),
    ]
