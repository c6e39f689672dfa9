"""
A small LMS-like Django project that loads the course archive plugin the way the LMS does.

It serves the tests, ``make dev`` and ``make bench``; it is not part of the distributed package.
"""

# As lms/__init__.py does: the Celery app exists whenever the project's code runs, so shared tasks bind to it.
from demo_host.celery import APP as celery_app

__all__ = ["celery_app"]
