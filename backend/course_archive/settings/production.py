"""
Settings for production: the operator's values win, and the filter steps are merged again.

Production settings may replace ``OPEN_EDX_FILTERS_CONFIG`` wholesale from the operator's YAML after the
common settings ran, so the steps are merged here too.
"""

import copy

from course_archive import conf
from course_archive.settings.common import register_filter_steps


def plugin_settings(settings):
    # Releases before Sumac hand the YAML to plugins only through ENV_TOKENS.
    env_tokens = getattr(settings, "ENV_TOKENS", None) or {}
    for name, default in conf.DEFAULTS.items():
        if name in env_tokens:
            setattr(settings, name, env_tokens[name])
        elif not hasattr(settings, name):
            setattr(settings, name, copy.deepcopy(default))
    register_filter_steps(settings)
