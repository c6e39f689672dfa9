"""
Settings of ``make test-aspects``: the test settings, with event-routing-backends (installed from a checkout)
routing tracking events as it does in the LMS. Its common settings and the plugin's run again after the test
settings replaced ``EVENT_TRACKING_BACKENDS``, from allow-lists ERB starts afresh.
"""

from demo_host.settings.test import *  # noqa: F403
from demo_host.settings.test import INSTALLED_APPS, LMS, add_plugins

# ERB's tasks keep failed tasks in edx-celeryutils' table, an app of the LMS.
INSTALLED_APPS = [*INSTALLED_APPS, "celery_utils"]

del EVENT_TRACKING_BACKENDS_ALLOWED_XAPI_EVENTS, EVENT_TRACKING_BACKENDS_ALLOWED_CALIPER_EVENTS  # noqa: F821

add_plugins(__name__, LMS, "common")

# ERB's statements then name its transformer version as its own tests do (fixtures do not change with it).
RUNNING_WITH_TEST_SETTINGS = True
