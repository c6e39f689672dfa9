"""
About-page URL templates (url_templates.py): what makes one invalid, the course key an about-page URL names,
and a template rendered for it. The settings' check and the admin's form report these same sentences.
"""

import pytest
from opaque_keys.edx.keys import CourseKey

from course_archive import url_templates

LMS_URL = "https://lms.example.com/courses/course-v1:edX+DemoX+2026/about"


@pytest.mark.parametrize(
    "template",
    [
        "https://catalog.example.com/courses/{course_id}/about",
        "http://x.example.com/{org}/{course}/{run}",
        "https://{org}.example.com/?c={course}&literal={{braces}}",
    ],
)
def test_a_valid_template_has_no_errors(template):
    assert url_templates.template_errors(template) == []


@pytest.mark.parametrize(
    "template, error",
    [
        (None, "it must be a non-empty string"),
        ("", "it must be a non-empty string"),
        (["https://x.example.com/{course}"], "it must be a non-empty string"),
        ("https://x.example.com/{course_id", "it is not a valid format string (expected '}' before end of string)"),
        (
            "https://x.example.com/{course_id}/{slug}",
            "{slug} is not a placeholder; use {course_id}, {course}, {org}, {run}",
        ),
        ("https://x.example.com/{course}/{}", "{} is not a placeholder; use {course_id}, {course}, {org}, {run}"),
        ("https://x.example.com/{course_id!r}", "{course_id} takes no format spec or conversion"),
        ("https://x.example.com/{course:>20}", "{course} takes no format spec or conversion"),
        ("https://x.example.com/{org}/{run}", "it must contain {course_id} or {course}"),
        ("ftp://x.example.com/{course_id}", "it must be an absolute http:// or https:// URL"),
        ("/courses/{course_id}/about", "it must be an absolute http:// or https:// URL"),
        ("https:///{course_id}", "it must be an absolute http:// or https:// URL"),
    ],
)
def test_each_problem_is_one_sentence(template, error):
    assert url_templates.template_errors(template) == [error]


def test_every_problem_is_reported_at_once():
    assert url_templates.template_errors("https://x.example.com/{slug}/{org!s}") == [
        "{slug} is not a placeholder; use {course_id}, {course}, {org}, {run}",
        "{org} takes no format spec or conversion",
        "it must contain {course_id} or {course}",
    ]


@pytest.mark.parametrize(
    "url, key",
    [
        (LMS_URL, "course-v1:edX+DemoX+2026"),
        ("https://lms.example.com/courses/course-v1%3AedX%2BDemoX%2B2026/about", "course-v1:edX+DemoX+2026"),
        ("https://lms.example.com/courses/course-v1%3aedX%2bDemoX%2b2026/about?x=1", "course-v1:edX+DemoX+2026"),
        ("https://lms.example.com/courses/HarvardX/H1/2020/about", "HarvardX/H1/2020"),
        ("/about?course=course-v1:MITx+M1+2024&next=/", "course-v1:MITx+M1+2024"),
    ],
)
def test_the_course_key_an_about_page_url_names(url, key):
    assert url_templates.course_key_from_url(url) == CourseKey.from_string(key)


@pytest.mark.parametrize(
    "url",
    [
        "https://lms.example.com/courses/",
        "https://lms.example.com/courses/course-v1:edX/about",  # too few parts to be a key
        "https://lms.example.com/courses/HarvardX/H1/about",
        "https://lms.example.com/dashboard",
    ],
)
def test_a_url_without_a_valid_key_names_none(url):
    assert url_templates.course_key_from_url(url) is None


def test_render_fills_every_placeholder_url_quoted():
    template = "https://catalog.example.com/{org}/{course}/{run}?id={course_id}"
    assert (
        url_templates.render(template, LMS_URL)
        == "https://catalog.example.com/edX/DemoX/2026?id=course-v1%3AedX%2BDemoX%2B2026"
    )
    old = "https://lms.example.com/courses/HarvardX/H1/2020/about"
    assert (
        url_templates.render("https://x.example.com/{course_id}", old) == "https://x.example.com/HarvardX%2FH1%2F2020"
    )


def test_render_gives_none_without_a_course_or_with_an_invalid_template():
    assert url_templates.render("https://x.example.com/{course}", "https://lms.example.com/dashboard") is None
    for invalid in ("https://x.example.com/{slug}", "https://x.example.com/{0}", "https://x.example.com/{course"):
        assert url_templates.render(invalid, LMS_URL) is None
