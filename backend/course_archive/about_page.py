"""
About-page URLs: the rules that pick a template for a course (the admin's rules, site configurations,
Django settings), a per-worker memo of the URLs worked out, and the sync of the settings' rules into the
admin's. The templates themselves (validation and rendering) are ``course_archive.url_templates``.
"""

import logging
import time
from typing import Any, TypeVar

from django.db import DatabaseError

from course_archive import conf, platform, sites
from course_archive.models import AboutPageUrlRule
from course_archive.url_templates import render, template_errors

__all__ = [
    "about_page_template",
    "about_page_url",
    "forget_about_page_rules",
    "sync_url_rules_from_settings",
]

_Url = TypeVar("_Url")

log = logging.getLogger(__name__)

# The admin's URL rules as this worker last read them: [time to read again, {org: template}].
_url_rules_memo: list[Any] = [0.0, {}]


# About-page URLs already worked out, {(site, url, org): url}, for the rules and settings of this moment.
# The site is part of the key: under per-site settings (site configuration, eox-tenant) one site's answer
# is never another's.
_about_page_urls: dict[tuple[str | None, str, str], str] = {}


_ABOUT_PAGE_URLS_MAX = 10_000


def forget_about_page_rules() -> None:
    """
    Work about-page URLs out afresh on the next call.

    Called when a rule was saved in this worker, or one of the plugin's settings changed
    (``setting_changed``, as ``override_settings`` sends).

    Returns:
        None
    """
    _url_rules_memo[0] = 0.0
    _about_page_urls.clear()
    sites.forget()


def _admin_url_rules() -> dict[str, str]:
    """
    ``{org: template}`` of the enabled admin rules (org ``""``: every org), highest priority first.

    Read through django-config-models' cache, which a change in the admin clears, at most once every
    ``COURSE_ARCHIVE_URL_RULES_REFRESH_SECONDS`` per worker: the filter runs on every about-page link the
    platform renders, and a cache round trip per call would cost more than the step itself.
    """
    now = time.monotonic()
    if now < _url_rules_memo[0]:
        return _url_rules_memo[1]
    rules: dict[str, str] = {}
    priorities: dict[str, int] = {}
    try:
        for org, priority in AboutPageUrlRule.key_values():
            rule = AboutPageUrlRule.current(org, priority)
            if rule.enabled and rule.template and priority >= priorities.get(org, -1):
                rules[org], priorities[org] = rule.template, priority
    except DatabaseError as error:
        # Tables not migrated yet, or the database is away: serve the settings' templates meanwhile.
        log.warning("Course archive: could not read the about-page URL rules: %s", error)
    _url_rules_memo[:] = [now + conf.get(conf.URL_RULES_REFRESH_SECONDS), rules]
    _about_page_urls.clear()
    sites.forget()
    return rules


def _valid_template(template: object) -> str | None:
    """``template`` if it is a usable about-page template (site configurations are not system-checked)."""
    if isinstance(template, str) and template and not template_errors(template):
        return template
    return None


def _org_template(org_templates: object, org: str) -> str | None:
    """The valid template ``org_templates`` (a ``{org: template}`` setting) holds for ``org``, or None."""
    return _valid_template(org_templates.get(org)) if isinstance(org_templates, dict) else None


def about_page_template(org: str) -> str | None:
    """
    Return the about-page URL template for a course of ``org``, or None.

    The first of, in order: the admin's enabled rule for the org;
    ``COURSE_ARCHIVE_ABOUT_PAGE_ORG_TEMPLATES[org]`` in the site configuration of the org's site, then in
    Django settings; the admin's rule for every org; ``COURSE_ARCHIVE_ABOUT_PAGE_URL_TEMPLATE`` in the org's
    site configuration, then in Django settings.

    Arguments:
        org (str): the course's organization, as in its course key.

    Returns:
        str | None: the template, or None when no rule or setting gives one.
    """
    rules = _admin_url_rules()
    return (
        rules.get(org)
        or _org_template(sites.site_value(org, conf.ABOUT_PAGE_ORG_TEMPLATES), org)
        or _org_template(conf.get(conf.ABOUT_PAGE_ORG_TEMPLATES), org)
        or rules.get("")
        or _valid_template(sites.site_value(org, conf.ABOUT_PAGE_URL_TEMPLATE))
        or conf.get(conf.ABOUT_PAGE_URL_TEMPLATE)
    )


def about_page_url(url: _Url, org: object) -> _Url | str:
    """
    Return the about-page URL to show for a course, as the operator's rules and templates say.

    The template is ``about_page_template``'s. The platform asks for the same course URLs over and over:
    each answer is kept until the admin's rules are read again or a setting changes, so a repeated call
    costs two dictionary lookups.

    Arguments:
        url (str): the about-page URL the platform would show (anything else comes back unchanged).
        org (str): the course's organization (anything but a non-empty string leaves ``url`` unchanged).

    Returns:
        str: the rendered URL; ``url`` unchanged when there is no template, no org, or no course key in it.
    """
    if not isinstance(url, str) or not isinstance(org, str) or not org:
        return url
    _admin_url_rules()
    key = (platform.current_site_key(), url, org)
    known = _about_page_urls.get(key)
    if known is not None:
        return known
    template = about_page_template(org)
    result = (render(template, url) if isinstance(template, str) and template else None) or url
    if len(_about_page_urls) >= _ABOUT_PAGE_URLS_MAX:
        _about_page_urls.clear()
    _about_page_urls[key] = result
    return result


# --- Catalog facts: COURSE_CATALOG_INFO_CHANGED events, and the backfill from the platform's overviews ---


def sync_url_rules_from_settings(mode: str = "create", dry_run: bool = False) -> dict[str, list[str]]:
    """
    Write the settings' about-page templates into admin rules (priority 0).

    The org templates become rules for their orgs, the site-wide template the rule for every org (blank
    org). Idempotent: a second run changes nothing.

    Arguments:
        mode (str): ``"create"`` only adds rules that do not exist, keeping what operators edited in the
            admin; ``"update"`` also replaces rules that differ.
        dry_run (bool): True reports what would change and writes nothing.

    Returns:
        dict[str, list[str]]: ``{"created": [...], "updated": [...], "unchanged": [...]}``, the orgs of
        each outcome (``""`` for every org).

    Raises:
        ValueError: ``mode`` is neither ``"create"`` nor ``"update"``.
        django.core.exceptions.ValidationError: a setting's template is not valid.
    """
    if mode not in ("create", "update"):
        raise ValueError(f"mode must be 'create' or 'update', not {mode!r}")
    wanted: dict[str, Any] = {}
    org_templates = conf.get(conf.ABOUT_PAGE_ORG_TEMPLATES)
    if isinstance(org_templates, dict):
        wanted.update({org: template for org, template in org_templates.items() if isinstance(org, str) and org})
    if conf.get(conf.ABOUT_PAGE_URL_TEMPLATE):
        wanted[""] = conf.get(conf.ABOUT_PAGE_URL_TEMPLATE)
    summary: dict[str, list[str]] = {"created": [], "updated": [], "unchanged": []}
    for org, template in sorted(wanted.items()):
        current = AboutPageUrlRule.objects.filter(org=org, priority=0).order_by("-change_date", "-id").first()
        if current is None:
            outcome = "created"
        elif mode == "update" and (current.template != template or not current.enabled):
            outcome = "updated"
        else:
            outcome = "unchanged"
        summary[outcome].append(org)
        if outcome != "unchanged" and not dry_run:
            rule = AboutPageUrlRule(org=org, priority=0, template=template, enabled=True)
            rule.full_clean()
            rule.save()
    return summary
