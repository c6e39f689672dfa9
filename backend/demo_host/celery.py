"""
The demo host's Celery app, made as the LMS makes its own (``lms/celery.py``): one app for the process,
configured from the Django settings (``CELERY_*``), finding each installed app's ``tasks`` module. The
plugin's ``shared_task`` runs on it.

A worker: ``cd backend && celery -A demo_host worker -l info`` (with ``CELERY_BROKER_URL`` set).
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "demo_host.settings.dev")

APP = Celery("demo_host")
APP.config_from_object("django.conf:settings", namespace="CELERY")
APP.autodiscover_tasks()
