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


# The plugin's tracking events that event-routing-backends turns into xAPI statements (``course_archive.xapi``).
XAPI_EVENTS = ("edx.course_archive.status.archived", "edx.course_archive.status.unarchived")


def _add_names(names, to):
    """Add ``names`` to a list or set of event names, in place, each once."""
    for name in names:
        if isinstance(to, set):
            to.add(name)
        elif isinstance(to, list) and name not in to:
            to.append(name)


def register_xapi_events(settings):
    """
    Add the plugin's events to event-routing-backends' allow-lists, idempotently, whichever plugin's settings
    run first: ``EVENT_TRACKING_BACKENDS_ALLOWED_XAPI_EVENTS`` (ERB appends its own to a list that exists),
    and, where ERB already built them from that list, the whitelists of its ``event_transformer`` tracking
    backend and ``EVENT_BUS_TRACKING_LOGS``. Without ERB these settings name events nobody reads.
    """
    allowed = getattr(settings, "EVENT_TRACKING_BACKENDS_ALLOWED_XAPI_EVENTS", None)
    if allowed is None:
        allowed = settings.EVENT_TRACKING_BACKENDS_ALLOWED_XAPI_EVENTS = []
    _add_names(XAPI_EVENTS, allowed)
    _add_names(XAPI_EVENTS, getattr(settings, "EVENT_BUS_TRACKING_LOGS", None))
    backends = getattr(settings, "EVENT_TRACKING_BACKENDS", None)
    transformer = backends.get("event_transformer") if isinstance(backends, dict) else None
    if not isinstance(transformer, dict):
        return
    options = transformer.get("OPTIONS") or {}
    xapi = ((options.get("backends") or {}).get("xapi") or {}).get("OPTIONS") or {}
    for backend_options in (options, xapi):
        for processor in backend_options.get("processors") or []:
            if isinstance(processor, dict) and str(processor.get("ENGINE", "")).endswith(".NameWhitelistProcessor"):
                _add_names(XAPI_EVENTS, (processor.get("OPTIONS") or {}).get("whitelist"))


def plugin_settings(settings):
    """Give each ``COURSE_ARCHIVE_*`` setting its default unless the host set it, and register steps."""
    for name, default in conf.DEFAULTS.items():
        if not hasattr(settings, name):
            setattr(settings, name, copy.deepcopy(default))
    register_filter_steps(settings)
    register_xapi_events(settings)
