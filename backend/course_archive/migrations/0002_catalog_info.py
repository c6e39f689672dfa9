"""Catalog facts of courses (COURSE_CATALOG_INFO_CHANGED) and when each status last received them."""

import opaque_keys.edx.django.models
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("course_archive", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name='CourseCatalogInfo',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('course_id', opaque_keys.edx.django.models.CourseKeyField(case_sensitive=True, max_length=255, unique=True)),
                ('name', models.CharField(blank=True, default='', max_length=255)),
                ('hidden', models.BooleanField(default=False)),
                ('invitation_only', models.BooleanField(default=False)),
                ('start', models.DateTimeField(blank=True, null=True)),
                ('end', models.DateTimeField(blank=True, null=True)),
                ('enrollment_start', models.DateTimeField(blank=True, null=True)),
                ('enrollment_end', models.DateTimeField(blank=True, null=True)),
                ('pacing', models.CharField(blank=True, default='', max_length=32)),
                ('event_id', models.UUIDField(blank=True, null=True)),
                ('event_time', models.DateTimeField(blank=True, null=True)),
                ('updated_at', models.DateTimeField(auto_now=True)),
            ],
            options={
                'verbose_name': 'course catalog info',
                'verbose_name_plural': 'course catalog info',
            },
        ),
        migrations.AddField(
            model_name='coursearchivestatus',
            name='last_synced',
            field=models.DateTimeField(blank=True, null=True),
        ),
    ]
