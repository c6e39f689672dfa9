"""WSGI entry point of the demo host (``gunicorn demo_host.wsgi``)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "demo_host.settings.dev")
application = get_wsgi_application()
