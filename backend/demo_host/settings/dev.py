"""``make dev``: the demo host on SQLite, with the plugin's production settings applied as in the LMS."""

from demo_host.settings.base import *  # noqa: F403
from demo_host.settings.base import LMS, add_plugins

DEBUG = True

add_plugins(__name__, LMS, "production")
