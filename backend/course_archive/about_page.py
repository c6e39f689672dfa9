"""
About-page URL templates: validation and rendering.

Used by ``api.about_page_url`` (the pipeline step's rule) and by ``checks.py``; kept apart so both
parse templates the same way.
"""

import re
import string
from urllib.parse import quote, unquote, urlsplit

from opaque_keys import InvalidKeyError
from opaque_keys.edx.keys import CourseKey

PLACEHOLDERS = frozenset({"course_id", "org", "course", "run"})
REQUIRED_PLACEHOLDERS = frozenset({"course_id", "course"})

# A course key inside an about-page URL: a "course-v1:" key, raw or URL-encoded, or an old
# "org/course/run" key after "/courses/".
_COURSE_V1 = re.compile(r"course-v1(?::|%3[Aa])[^/?#&\s]+")
_SLASH_KEY = re.compile(r"/courses/([^/?#]+/[^/?#]+/[^/?#]+)/about")


def template_errors(template):
    """Return what is wrong with an about-page URL template, as a list of sentences (empty: valid)."""
    if not isinstance(template, str) or not template:
        return ["it must be a non-empty string"]
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as error:
        return [f"it is not a valid format string ({error})"]
    errors = []
    names = set()
    for _literal, name, spec, conversion in parsed:
        if name is None:
            continue
        if name not in PLACEHOLDERS:
            errors.append(
                f"{{{name}}} is not a placeholder; use {', '.join(sorted('{' + p + '}' for p in PLACEHOLDERS))}"
            )
        elif spec or conversion:
            errors.append(f"{{{name}}} takes no format spec or conversion")
        names.add(name)
    if not names & REQUIRED_PLACEHOLDERS:
        errors.append("it must contain {course_id} or {course}")
    if not errors:
        sample = urlsplit(template.format(course_id="x", org="x", course="x", run="x"))
        if sample.scheme not in ("http", "https") or not sample.netloc:
            errors.append("it must be an absolute http:// or https:// URL")
    return errors


def course_key_from_url(url):
    """Return the course key an about-page URL names, or None."""
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


def render(template, url):
    """Render ``template`` for the course that ``url`` names; None when it names none."""
    key = course_key_from_url(url)
    if key is None:
        return None
    values = {"course_id": str(key), "org": key.org, "course": key.course, "run": key.run}
    try:
        return template.format(**{name: quote(value, safe="") for name, value in values.items()})
    except (KeyError, IndexError, ValueError, AttributeError):
        # An invalid template (checks.py reports it) leaves the URL unchanged.
        return None
