"""
System checks of what archiving is wired to: about-page URL templates and the admin rules' refresh, the
auto-archive days, the openedx-filters steps, the platform backend and the catalog events' task queue.
"""

import importlib

from django.conf import settings
from django.core.checks import CheckMessage, Warning, register  # noqa: A004
from django.utils.translation import gettext as _

from course_archive import conf, url_templates
from course_archive.checks.errors import setting_error
from course_archive.settings.common import FILTER_STEPS

__all__ = [
    "check_about_page_templates",
    "check_auto_archive",
    "check_catalog_task_queue",
    "check_filters_config",
    "check_platform_backend",
    "check_url_rules_refresh",
]


@register()
def check_about_page_templates(app_configs: object = None, **kwargs: object) -> list[CheckMessage]:
    errors = []
    template = conf.get(conf.ABOUT_PAGE_URL_TEMPLATE)
    if template is not None:
        for problem in url_templates.template_errors(template):
            errors.append(
                setting_error(
                    "E002",
                    conf.ABOUT_PAGE_URL_TEMPLATE,
                    _("{setting} is invalid: {problem}."),
                    _(
                        'Use an absolute URL such as "https://catalog.example.com/courses/{course_id}/about", '
                        "or None to leave about-page URLs unchanged."
                    ),
                    problem=problem,
                )
            )
    org_templates = conf.get(conf.ABOUT_PAGE_ORG_TEMPLATES)
    if not isinstance(org_templates, dict):
        return [
            *errors,
            setting_error(
                "E003",
                conf.ABOUT_PAGE_ORG_TEMPLATES,
                _("{setting} is a {type}, not a dict."),
                _('Set it to a dict of org to URL template, e.g. {"edX": "https://edx.example.com/{course_id}"}.'),
                type=type(org_templates).__name__,
            ),
        ]
    for org, org_template in org_templates.items():
        problems = [_("the org must be a non-empty string")] if not isinstance(org, str) or not org else []
        problems += url_templates.template_errors(org_template)
        errors.extend(
            setting_error(
                "E003",
                f"{conf.ABOUT_PAGE_ORG_TEMPLATES}[{org!r}]",
                _("{setting} is invalid: {problem}."),
                _('Each entry maps an org to an absolute URL template such as "https://x.example.com/{course_id}".'),
                problem=problem,
            )
            for problem in problems
        )
    return errors


@register()
def check_url_rules_refresh(app_configs: object = None, **kwargs: object) -> list[CheckMessage]:
    value = conf.get(conf.URL_RULES_REFRESH_SECONDS)
    if isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value <= 3600:
        return []
    return [
        setting_error(
            "E005",
            conf.URL_RULES_REFRESH_SECONDS,
            _("{setting} is {value}, not a number of seconds from {low} to {high}."),
            _("Set it to how often workers re-read the admin's URL rules, for example 5."),
            value=repr(value),
            low=0,
            high=3600,
        )
    ]


# Ten years: past that a "days after end" value is almost surely a unit mistake (seconds, hours).
_MAX_AUTO_ARCHIVE_DAYS = 3650


def _days_problem(value: object) -> str | None:
    """What is wrong with ``value`` as days after a run's end (``None`` is off), or ``None`` if nothing."""
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= _MAX_AUTO_ARCHIVE_DAYS:
        return None
    return _("{value} is not a number of days from {low} to {high}, or None").format(
        value=repr(value), low=0, high=_MAX_AUTO_ARCHIVE_DAYS
    )


@register()
def check_auto_archive(app_configs: object = None, **kwargs: object) -> list[CheckMessage]:
    hint = _("Set it to the days after a course run's end after which it counts as archived, e.g. 30, or None (off).")
    invalid = _("{setting} is invalid: {problem}.")
    errors = []
    problem = _days_problem(conf.get(conf.AUTO_ARCHIVE_DAYS))
    if problem:
        errors.append(setting_error("E007", conf.AUTO_ARCHIVE_DAYS, invalid, hint, problem=problem))
    org_days = conf.get(conf.AUTO_ARCHIVE_ORG_DAYS)
    if not isinstance(org_days, dict):
        errors.append(
            setting_error(
                "E007",
                conf.AUTO_ARCHIVE_ORG_DAYS,
                _("{setting} is a {type}, not a dict."),
                _('Set it to a dict of org to days (or None), e.g. {"MITx": 60}.'),
                type=type(org_days).__name__,
            )
        )
        return errors
    for org, days in org_days.items():
        if not isinstance(org, str) or not org:
            problem = _("the org must be a non-empty string")
        else:
            problem = _days_problem(days)
        if problem:
            name = f"{conf.AUTO_ARCHIVE_ORG_DAYS}[{org!r}]"
            errors.append(setting_error("E007", name, invalid, hint, problem=problem))
    return errors


@register()
def check_filters_config(app_configs: object = None, **kwargs: object) -> list[CheckMessage]:
    """The plugin's steps must be in ``OPEN_EDX_FILTERS_CONFIG`` in a shape openedx-filters can run."""
    config = getattr(settings, "OPEN_EDX_FILTERS_CONFIG", {})
    hint = _(
        "Let the plugin's settings merge its steps (do not replace OPEN_EDX_FILTERS_CONFIG after plugins "
        'are loaded), or add them yourself: {"<filter type>": {"pipeline": [..., "<step>"], "fail_silently": True}}.'
    )
    not_a_dict = _("{setting} is not a dict.")
    if not isinstance(config, dict):
        return [setting_error("E004", "OPEN_EDX_FILTERS_CONFIG", not_a_dict, hint)]
    errors = []
    for filter_type, step in FILTER_STEPS.items():
        entry = config.get(filter_type)
        name = f"OPEN_EDX_FILTERS_CONFIG[{filter_type!r}]"
        if entry is None:
            # Leaving a step out may be the operator's choice: warn, do not fail.
            message = _("{setting} is missing, so {step} does not run.").format(setting=name, step=step)
            errors.append(Warning(message, hint=hint, id="course_archive.W001"))
        elif not isinstance(entry, dict):
            errors.append(setting_error("E004", name, not_a_dict, hint))
        elif not isinstance(entry.get("pipeline"), list) or not all(isinstance(s, str) for s in entry["pipeline"]):
            message = _("{setting} is not a list of dotted paths.")
            errors.append(setting_error("E004", f"{name}['pipeline']", message, hint))
        elif step not in entry["pipeline"]:
            # Leaving a step out may be the operator's choice: warn, do not fail.
            message = _("{setting} does not contain {step}.").format(setting=f"{name}['pipeline']", step=step)
            errors.append(Warning(message, hint=hint, id="course_archive.W001"))
        elif not isinstance(entry.get("fail_silently", True), bool):
            message = _("{setting} is not a boolean.")
            errors.append(setting_error("E004", f"{name}['fail_silently']", message, hint))
    return errors


@register()
def check_platform_backend(app_configs: object = None, **kwargs: object) -> list[CheckMessage]:
    """The platform backend must be a module that imports (its own lazy imports of the platform may fail)."""
    value = conf.get(conf.PLATFORM_BACKEND)
    if not isinstance(value, str) or not value:
        message, reason = _("{setting} is {value}, not a dotted module path."), ""
    else:
        try:
            importlib.import_module(value)
        except ImportError as error:
            message, reason = _("{setting} names {value}, which cannot be imported ({error})."), str(error)
        else:
            return []
    return [
        setting_error(
            "E020",
            conf.PLATFORM_BACKEND,
            message,
            _(
                'Remove it to use "course_archive.platform.backends.openedx" (the LMS and CMS), or name a module '
                "of your own with the functions of course_archive.platform."
            ),
            value=repr(value),
            error=reason,
        )
    ]


@register()
def check_catalog_task_queue(app_configs: object = None, **kwargs: object) -> list[CheckMessage]:
    value = conf.get(conf.CATALOG_TASK_QUEUE)
    if value is None or (isinstance(value, str) and value.strip() == value and value):
        return []
    return [
        setting_error(
            "E021",
            conf.CATALOG_TASK_QUEUE,
            _("{setting} is {value}, not a Celery queue name."),
            _(
                'Set it to the name of a queue a Celery worker consumes (e.g. "edx.cms.core.default"), '
                "or None for Celery's default queue."
            ),
            value=repr(value),
        )
    ]
