"""About-page URL rules managed in the admin (django-config-models)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('course_archive', '0002_catalog_info'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='AboutPageUrlRule',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('change_date', models.DateTimeField(auto_now_add=True, verbose_name='Change date')),
                ('enabled', models.BooleanField(default=False, verbose_name='Enabled')),
                ('org', models.CharField(blank=True, default='', help_text='The course org this rule applies to; blank for every org.', max_length=255)),
                ('priority', models.PositiveSmallIntegerField(default=0, help_text='Among enabled rules of the same org, the highest priority wins.')),
                ('template', models.CharField(help_text='Absolute http(s) URL with {course_id}, {org}, {course} or {run}, e.g. https://catalog.example.com/courses/{course_id}/about', max_length=1000)),
                ('changed_by', models.ForeignKey(editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, to=settings.AUTH_USER_MODEL, verbose_name='Changed by')),
            ],
            options={
                'verbose_name': 'about-page URL rule',
                'verbose_name_plural': 'about-page URL rules',
            },
        ),
    ]
