"""The demo host's own app: connects plugin signal receivers as edx-platform's plugins app does."""

from django.apps import AppConfig
from edx_django_utils.plugins import connect_plugin_receivers

LMS = "lms.djangoapp"


class DemoHostConfig(AppConfig):
    name = "demo_host"
    verbose_name = "Demo host"

    def ready(self):
        connect_plugin_receivers(LMS)
