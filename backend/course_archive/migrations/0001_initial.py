"""The archive status of a learner's course."""

import django.db.models.deletion
import opaque_keys.edx.django.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='CourseArchiveStatus',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('course_id', opaque_keys.edx.django.models.CourseKeyField(case_sensitive=True, max_length=255)),
                ('is_archived', models.BooleanField(default=False)),
                ('archive_date', models.DateTimeField(blank=True, null=True)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'course archive status',
                'verbose_name_plural': 'course archive statuses',
                'ordering': ('-updated_at', '-id'),
                'indexes': [models.Index(fields=['user', 'is_archived', '-updated_at'], name='course_archive_user_state'), models.Index(fields=['-updated_at', '-id'], name='course_archive_recent'), models.Index(fields=['course_id'], name='course_archive_course')],
                'constraints': [models.UniqueConstraint(fields=('user', 'course_id'), name='course_archive_user_course_uniq')],
            },
        ),
    ]
