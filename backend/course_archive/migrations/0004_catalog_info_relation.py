"""
The catalog facts of a status as a relation on course_id: state only, there is no column or constraint.

Django's schema editors do not handle a ForeignObject being added or removed, so the database is left
alone both ways.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("course_archive", "0003_about_page_url_rules"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name="coursearchivestatus",
                    name="catalog_info",
                    field=models.ForeignObject(
                        from_fields=["course_id"],
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="course_archive.coursecataloginfo",
                        to_fields=["course_id"],
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
