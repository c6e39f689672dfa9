"""
Settings for production: the operator's values win, and the filter steps are merged again.

Production settings may replace ``OPEN_EDX_FILTERS_CONFIG`` wholesale from the operator's YAML after the
common settings ran, so the steps are merged here too.
"""

from course_archive import conf
from course_archive.settings.common import plugin_settings as common_settings


def plugin_settings(settings):
    # Releases before Sumac hand the YAML to plugins only through ENV_TOKENS.
    env_tokens = getattr(settings, "ENV_TOKENS", None) or {}
    for name in conf.DEFAULTS:
        if name in env_tokens:
            setattr(settings, name, env_tokens[name])
    common_settings(settings)
