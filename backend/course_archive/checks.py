"""
Django system checks for the plugin's settings: a bad value fails ``manage.py check`` with a message
that names the setting and the fix.
"""

import importlib
import re

from django.conf import settings
from django.core.checks import Error, Warning, register  # noqa: A004

from course_archive import about_page, conf
from course_archive.settings.common import FILTER_STEPS

_RATE = re.compile(r"^\d+/(s|sec|second|m|min|minute|h|hour|d|day)$")


def _error(id_, setting, problem, hint):
    return Error(f"{setting} {problem}.", hint=hint, id=f"course_archive.{id_}")


@register()
def check_rate_limit(app_configs=None, **kwargs):
    value = conf.get(conf.API_RATE_LIMIT)
    if isinstance(value, str) and _RATE.match(value.strip()) and int(value.split("/")[0]) > 0:
        return []
    return [
        _error(
            "E001",
            conf.API_RATE_LIMIT,
            f"is {value!r}, which is not a request rate",
            'Set it to "<requests>/<second|minute|hour|day>", for example "60/minute".',
        )
    ]


@register()
def check_about_page_templates(app_configs=None, **kwargs):
    errors = []
    template = conf.get(conf.ABOUT_PAGE_URL_TEMPLATE)
    if template is not None:
        for problem in about_page.template_errors(template):
            errors.append(
                _error(
                    "E002",
                    conf.ABOUT_PAGE_URL_TEMPLATE,
                    f"is invalid: {problem}",
                    'Use an absolute URL such as "https://catalog.example.com/courses/{course_id}/about", '
                    "or None to leave about-page URLs unchanged.",
                )
            )
    org_templates = conf.get(conf.ABOUT_PAGE_ORG_TEMPLATES)
    if not isinstance(org_templates, dict):
        return [
            *errors,
            _error(
                "E003",
                conf.ABOUT_PAGE_ORG_TEMPLATES,
                f"is a {type(org_templates).__name__}, not a dict",
                'Set it to a dict of org to URL template, e.g. {"edX": "https://edx.example.com/{course_id}"}.',
            ),
        ]
    for org, org_template in org_templates.items():
        problems = ["the org must be a non-empty string"] if not isinstance(org, str) or not org else []
        problems += about_page.template_errors(org_template)
        errors.extend(
            _error(
                "E003",
                f"{conf.ABOUT_PAGE_ORG_TEMPLATES}[{org!r}]",
                f"is invalid: {problem}",
                'Each entry maps an org to an absolute URL template such as "https://x.example.com/{course_id}".',
            )
            for problem in problems
        )
    return errors


@register()
def check_url_rules_refresh(app_configs=None, **kwargs):
    value = conf.get(conf.URL_RULES_REFRESH_SECONDS)
    if isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value <= 3600:
        return []
    return [
        _error(
            "E005",
            conf.URL_RULES_REFRESH_SECONDS,
            f"is {value!r}, not a number of seconds from 0 to 3600",
            "Set it to how often workers re-read the admin's URL rules, for example 5.",
        )
    ]


# Below this a bulk request of 100 course ids no longer fits; above it a body is no longer "small".
_BODY_BYTES_RANGE = (32 * 1024, 16 * 1024 * 1024)


@register()
def check_max_request_body(app_configs=None, **kwargs):
    value = conf.get(conf.MAX_REQUEST_BODY_BYTES)
    low, high = _BODY_BYTES_RANGE
    if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
        return []
    return [
        _error(
            "E006",
            conf.MAX_REQUEST_BODY_BYTES,
            f"is {value!r}, not a number of bytes from {low} to {high}",
            "Set it to the largest request body the course archive API may read, for example 65536.",
        )
    ]


# Ten years: past that a "days after end" value is almost surely a unit mistake (seconds, hours).
_MAX_AUTO_ARCHIVE_DAYS = 3650


def _days_problem(value, allow_none=True):
    if value is None and allow_none:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= _MAX_AUTO_ARCHIVE_DAYS:
        return None
    return f"is {value!r}, not a number of days from 0 to {_MAX_AUTO_ARCHIVE_DAYS}" + (" or None" if allow_none else "")


@register()
def check_auto_archive(app_configs=None, **kwargs):
    hint = "Set it to the days after a course run's end after which it counts as archived, e.g. 30, or None (off)."
    errors = []
    problem = _days_problem(conf.get(conf.AUTO_ARCHIVE_DAYS))
    if problem:
        errors.append(_error("E007", conf.AUTO_ARCHIVE_DAYS, problem, hint))
    org_days = conf.get(conf.AUTO_ARCHIVE_ORG_DAYS)
    if not isinstance(org_days, dict):
        errors.append(
            _error(
                "E007",
                conf.AUTO_ARCHIVE_ORG_DAYS,
                f"is a {type(org_days).__name__}, not a dict",
                'Set it to a dict of org to days (or None), e.g. {"MITx": 60}.',
            )
        )
        return errors
    for org, days in org_days.items():
        problem = "the org must be a non-empty string" if not isinstance(org, str) or not org else _days_problem(days)
        if problem:
            errors.append(_error("E007", f"{conf.AUTO_ARCHIVE_ORG_DAYS}[{org!r}]", problem, hint))
    return errors


@register()
def check_filters_config(app_configs=None, **kwargs):
    """The plugin's steps must be in ``OPEN_EDX_FILTERS_CONFIG`` in a shape openedx-filters can run."""
    config = getattr(settings, "OPEN_EDX_FILTERS_CONFIG", {})
    hint = (
        "Let the plugin's settings merge its steps (do not replace OPEN_EDX_FILTERS_CONFIG after plugins "
        'are loaded), or add them yourself: {"<filter type>": {"pipeline": [..., "<step>"], "fail_silently": True}}.'
    )
    if not isinstance(config, dict):
        return [_error("E004", "OPEN_EDX_FILTERS_CONFIG", "is not a dict", hint)]
    errors = []
    for filter_type, step in FILTER_STEPS.items():
        entry = config.get(filter_type)
        name = f"OPEN_EDX_FILTERS_CONFIG[{filter_type!r}]"
        if entry is None:
            # Leaving a step out may be the operator's choice: warn, do not fail.
            errors.append(Warning(f"{name} is missing, so {step} does not run.", hint=hint, id="course_archive.W001"))
        elif not isinstance(entry, dict):
            errors.append(_error("E004", name, "is not a dict", hint))
        elif not isinstance(entry.get("pipeline"), list) or not all(isinstance(s, str) for s in entry["pipeline"]):
            errors.append(_error("E004", f"{name}['pipeline']", "is not a list of dotted paths", hint))
        elif step not in entry["pipeline"]:
            # Leaving a step out may be the operator's choice: warn, do not fail.
            errors.append(Warning(f"{name}['pipeline'] does not contain {step}.", hint=hint, id="course_archive.W001"))
        elif not isinstance(entry.get("fail_silently", True), bool):
            errors.append(_error("E004", f"{name}['fail_silently']", "is not a boolean", hint))
    return errors


@register()
def check_platform_backend(app_configs=None, **kwargs):
    """The platform backend must be a module that imports (its own lazy imports of the platform may fail)."""
    value = conf.get(conf.PLATFORM_BACKEND)
    problem = None
    if not isinstance(value, str) or not value:
        problem = f"is {value!r}, not a dotted module path"
    else:
        try:
            importlib.import_module(value)
        except ImportError as error:
            problem = f"names {value!r}, which cannot be imported ({error})"
    if problem is None:
        return []
    return [
        _error(
            "E020",
            conf.PLATFORM_BACKEND,
            problem,
            'Remove it to use "course_archive.platform.backends.openedx" (the LMS and CMS), or name a module '
            "of your own with the functions of course_archive.platform.",
        )
    ]


@register()
def check_catalog_task_queue(app_configs=None, **kwargs):
    value = conf.get(conf.CATALOG_TASK_QUEUE)
    if value is None or (isinstance(value, str) and value.strip() == value and value):
        return []
    return [
        _error(
            "E021",
            conf.CATALOG_TASK_QUEUE,
            f"is {value!r}, not a Celery queue name",
            'Set it to the name of a queue a Celery worker consumes (e.g. "edx.cms.core.default"), '
            "or None for Celery's default queue.",
        )
    ]


THROTTLE_CACHE_FAILURE_CHOICES = ("allow", "refuse")


@register()
def check_throttle_when_cache_fails(app_configs=None, **kwargs):
    value = conf.get(conf.THROTTLE_WHEN_CACHE_FAILS)
    if value in THROTTLE_CACHE_FAILURE_CHOICES:
        return []
    return [
        _error(
            "E022",
            conf.THROTTLE_WHEN_CACHE_FAILS,
            f"is {value!r}, not one of {', '.join(map(repr, THROTTLE_CACHE_FAILURE_CHOICES))}",
            'Set it to "allow" (serve requests uncounted while the cache is down) or "refuse" (503 until it is back).',
        )
    ]


# A learner of the largest sites has a few hundred enrolments; one row a course is all the API needs.
_STATUSES_PER_LEARNER_RANGE = (100, 1_000_000)


@register()
def check_max_statuses_per_learner(app_configs=None, **kwargs):
    value = conf.get(conf.MAX_STATUSES_PER_LEARNER)
    low, high = _STATUSES_PER_LEARNER_RANGE
    if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
        return []
    return [
        _error(
            "E023",
            conf.MAX_STATUSES_PER_LEARNER,
            f"is {value!r}, not a number of rows from {low} to {high}",
            "Set it to the most course archive statuses one learner may have, for example 2000.",
        )
    ]


@register()
def check_admin_search(app_configs=None, **kwargs):
    value = conf.get(conf.ADMIN_SEARCH)
    if value in ("prefix", "substring"):
        return []
    return [
        _error(
            "E028",
            conf.ADMIN_SEARCH,
            f"is {value!r}, not a search mode",
            'Set it to "prefix" (course ids, usernames and emails starting with the words; uses the indexes) '
            'or "substring" (anywhere in them; scans the tables).',
        )
    ]


# A count above this many rows is no longer cheap on any database: an estimate is better than a scan.
_MAX_COUNT_THRESHOLD = 100_000_000


@register()
def check_estimated_count_threshold(app_configs=None, **kwargs):
    value = conf.get(conf.ESTIMATED_COUNT_THRESHOLD)
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= _MAX_COUNT_THRESHOLD:
        return []
    return [
        _error(
            "E029",
            conf.ESTIMATED_COUNT_THRESHOLD,
            f"is {value!r}, not a number of rows from 0 to {_MAX_COUNT_THRESHOLD}",
            "Set it to the row count above which lists of every status show the database's estimate, "
            "for example 100000.",
        )
    ]
