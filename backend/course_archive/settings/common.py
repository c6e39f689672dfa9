"""Settings for every environment: defaults, and the plugin's filter steps."""

import copy

from course_archive import conf

# The plugin's pipeline steps, by openedx-filters filter type.
FILTER_STEPS = {
    "org.openedx.learning.course_about.page.url.requested.v1": "course_archive.pipeline.ChangeCourseAboutPageUrl",
    "org.openedx.learning.home.courserun.api.rendered.started.v1": "course_archive.pipeline.AddCourseArchiveStatus",
}


def register_filter_steps(settings):
    """
    Merge the plugin's steps into ``OPEN_EDX_FILTERS_CONFIG``, idempotently.

    Other plugins' steps stay, the plugin's own step is never added twice, and an operator's
    ``fail_silently`` is kept (True when nobody set it). Entries of the wrong shape are left as they
    are for ``manage.py check`` to report.
    """
    config = getattr(settings, "OPEN_EDX_FILTERS_CONFIG", None)
    if config is None:
        config = {}
    if not isinstance(config, dict):
        return
    merged = dict(config)
    for filter_type, step in FILTER_STEPS.items():
        entry = merged.get(filter_type) or {}
        if not isinstance(entry, dict) or not isinstance(entry.get("pipeline", []), list):
            continue
        pipeline = list(entry.get("pipeline", []))
        if step not in pipeline:
            pipeline.append(step)
        merged[filter_type] = {
            **entry,
            "pipeline": pipeline,
            "fail_silently": entry.get("fail_silently", True),
        }
    settings.OPEN_EDX_FILTERS_CONFIG = merged


def plugin_settings(settings):
    """Give each ``COURSE_ARCHIVE_*`` setting its default unless the host set it, and register steps."""
    for name, default in conf.DEFAULTS.items():
        if not hasattr(settings, name):
            setattr(settings, name, copy.deepcopy(default))
    register_filter_steps(settings)
