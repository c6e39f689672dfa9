"""Platform signals the plugin listens to, with stand-ins where the platform is absent."""

from django.dispatch import Signal

try:
    from openedx.core.djangoapps.user_api.accounts.signals import USER_RETIRE_LMS_MISC
except ImportError:
    # Outside edx-platform (the demo host, tests): a signal of the same name that nothing sends.
    USER_RETIRE_LMS_MISC = Signal()
