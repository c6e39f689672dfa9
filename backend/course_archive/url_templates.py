"""
About-page URL templates: what makes one valid (for ``checks`` and the rules model) and rendering one for
the course an about-page URL names. Nothing here reads settings or the database.
"""

import re
import string
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from django.utils.translation import gettext as _
from opaque_keys import InvalidKeyError
from opaque_keys.edx.keys import CourseKey

__all__ = ["PLACEHOLDERS", "REQUIRED_PLACEHOLDERS", "course_key_from_url", "render", "template_errors"]

PLACEHOLDERS = frozenset({"course_id", "org", "course", "run"})
REQUIRED_PLACEHOLDERS = frozenset({"course_id", "course"})

# A course key inside an about-page URL: a "course-v1:" key, raw or URL-encoded, or an old
# "org/course/run" key after "/courses/".
_COURSE_V1 = re.compile(r"course-v1(?::|%3[Aa])[^/?#&\s]+")
_SLASH_KEY = re.compile(r"/courses/([^/?#]+/[^/?#]+/[^/?#]+)/about")


def template_errors(template: object) -> list[str]:
    """
    Return what is wrong with an about-page URL template, as a list of sentences (empty: valid).

    Arguments:
        template (object): the template as configured, e.g.
            ``"https://catalog.example.com/courses/{course_id}/about"``.

    Returns:
        list[str]: one sentence per problem (placeholders, format, absolute http(s) URL); empty when valid.
    """
    if not isinstance(template, str) or not template:
        return [_("it must be a non-empty string")]
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as error:
        return [_("it is not a valid format string ({error})").format(error=error)]
    errors: list[str] = []
    names: set[str] = set()
    for _literal, name, spec, conversion in parsed:
        if name is None:
            continue
        if name not in PLACEHOLDERS:
            known = ", ".join(sorted("{" + p + "}" for p in PLACEHOLDERS))
            errors.append(_("{name} is not a placeholder; use {known}").format(name="{" + name + "}", known=known))
        elif spec or conversion:
            errors.append(_("{name} takes no format spec or conversion").format(name="{" + name + "}"))
        names.add(name)
    if not names & REQUIRED_PLACEHOLDERS:
        errors.append(_("it must contain {course_id} or {course}"))
    if not errors:
        sample = urlsplit(template.format(course_id="x", org="x", course="x", run="x"))
        if sample.scheme not in ("http", "https") or not sample.netloc:
            errors.append(_("it must be an absolute http:// or https:// URL"))
    return errors


def course_key_from_url(url: str) -> CourseKey | None:
    """
    Return the course key an about-page URL names, or None.

    Arguments:
        url (str): an about-page URL, with a ``course-v1:`` key (raw or URL-encoded) or an old
            ``/courses/<org>/<course>/<run>/about`` path.

    Returns:
        CourseKey | None: the key, or None when the URL names no valid course key.
    """
    match = _COURSE_V1.search(url)
    candidate = unquote(match.group(0)) if match else None
    if candidate is None:
        match = _SLASH_KEY.search(url)
        candidate = unquote(match.group(1)) if match else None
    if candidate is None:
        return None
    try:
        return CourseKey.from_string(candidate)
    except InvalidKeyError:
        return None


def render(template: str, url: str) -> str | None:
    """
    Render ``template`` for the course that ``url`` names; None when it names none.

    Arguments:
        template (str): an about-page URL template.
        url (str): the about-page URL the platform would show.

    Returns:
        str | None: the rendered URL, or None when ``url`` names no course or ``template`` is invalid.
    """
    key = course_key_from_url(url)
    if key is None:
        return None
    # opaque-keys types org, course and run as optional; a course key read from a URL has all three.
    values: dict[str, Any] = {"course_id": str(key), "org": key.org, "course": key.course, "run": key.run}
    try:
        return template.format(**{name: quote(value, safe="") for name, value in values.items()})
    except (KeyError, IndexError, ValueError, AttributeError):
        # An invalid template (``checks`` reports it) leaves the URL unchanged.
        return None
