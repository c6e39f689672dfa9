"""System checks: each bad setting fails `manage.py check` with the setting's name and the fix."""

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings
from django.utils import translation

from course_archive.checks import archiving, limits

STEP = "course_archive.pipeline.ChangeCourseAboutPageUrl"
ABOUT = "org.openedx.learning.course_about.page.url.requested.v1"


def test_default_settings_pass():
    call_command("check")


@pytest.mark.parametrize(
    "overrides, setting, code",
    [
        ({"COURSE_ARCHIVE_API_RATE_LIMIT": "lots"}, "COURSE_ARCHIVE_API_RATE_LIMIT", "E001"),
        ({"COURSE_ARCHIVE_API_RATE_LIMIT": "60/fortnight"}, "COURSE_ARCHIVE_API_RATE_LIMIT", "E001"),
        ({"COURSE_ARCHIVE_API_RATE_LIMIT": "0/minute"}, "COURSE_ARCHIVE_API_RATE_LIMIT", "E001"),
        ({"COURSE_ARCHIVE_API_RATE_LIMIT": 60}, "COURSE_ARCHIVE_API_RATE_LIMIT", "E001"),
        ({"COURSE_ARCHIVE_MAX_REQUEST_BODY_BYTES": None}, "COURSE_ARCHIVE_MAX_REQUEST_BODY_BYTES", "E006"),
        ({"COURSE_ARCHIVE_MAX_REQUEST_BODY_BYTES": "64k"}, "COURSE_ARCHIVE_MAX_REQUEST_BODY_BYTES", "E006"),
        ({"COURSE_ARCHIVE_MAX_REQUEST_BODY_BYTES": 1000}, "COURSE_ARCHIVE_MAX_REQUEST_BODY_BYTES", "E006"),
        ({"COURSE_ARCHIVE_MAX_REQUEST_BODY_BYTES": 2**40}, "COURSE_ARCHIVE_MAX_REQUEST_BODY_BYTES", "E006"),
        ({"COURSE_ARCHIVE_MAX_REQUEST_BODY_BYTES": True}, "COURSE_ARCHIVE_MAX_REQUEST_BODY_BYTES", "E006"),
        ({"COURSE_ARCHIVE_ESTIMATED_COUNT_THRESHOLD": -1}, "COURSE_ARCHIVE_ESTIMATED_COUNT_THRESHOLD", "E029"),
        ({"COURSE_ARCHIVE_ESTIMATED_COUNT_THRESHOLD": "1e5"}, "COURSE_ARCHIVE_ESTIMATED_COUNT_THRESHOLD", "E029"),
        ({"COURSE_ARCHIVE_ESTIMATED_COUNT_THRESHOLD": None}, "COURSE_ARCHIVE_ESTIMATED_COUNT_THRESHOLD", "E029"),
        ({"COURSE_ARCHIVE_ESTIMATED_COUNT_THRESHOLD": 10**9}, "COURSE_ARCHIVE_ESTIMATED_COUNT_THRESHOLD", "E029"),
        (
            {"COURSE_ARCHIVE_ABOUT_PAGE_URL_TEMPLATE": "/relative/{course_id}"},
            "COURSE_ARCHIVE_ABOUT_PAGE_URL_TEMPLATE",
            "E002",
        ),
        (
            {"COURSE_ARCHIVE_ABOUT_PAGE_URL_TEMPLATE": "ftp://x.example.com/{course_id}"},
            "COURSE_ARCHIVE_ABOUT_PAGE_URL_TEMPLATE",
            "E002",
        ),
        (
            {"COURSE_ARCHIVE_ABOUT_PAGE_URL_TEMPLATE": "https://x.example.com/{slug}"},
            "COURSE_ARCHIVE_ABOUT_PAGE_URL_TEMPLATE",
            "E002",
        ),
        (
            {"COURSE_ARCHIVE_ABOUT_PAGE_URL_TEMPLATE": "https://x.example.com/{org}"},
            "COURSE_ARCHIVE_ABOUT_PAGE_URL_TEMPLATE",
            "E002",
        ),
        (
            {"COURSE_ARCHIVE_ABOUT_PAGE_URL_TEMPLATE": "https://x.example.com/{course_id"},
            "COURSE_ARCHIVE_ABOUT_PAGE_URL_TEMPLATE",
            "E002",
        ),
        (
            {"COURSE_ARCHIVE_ABOUT_PAGE_URL_TEMPLATE": "https://x.example.com/{course_id!r}"},
            "COURSE_ARCHIVE_ABOUT_PAGE_URL_TEMPLATE",
            "E002",
        ),
        (
            {"COURSE_ARCHIVE_ABOUT_PAGE_URL_TEMPLATE": ["https://x.example.com/{course_id}"]},
            "COURSE_ARCHIVE_ABOUT_PAGE_URL_TEMPLATE",
            "E002",
        ),
        (
            {"COURSE_ARCHIVE_ABOUT_PAGE_ORG_TEMPLATES": "https://x.example.com/{course_id}"},
            "COURSE_ARCHIVE_ABOUT_PAGE_ORG_TEMPLATES",
            "E003",
        ),
        (
            {"COURSE_ARCHIVE_ABOUT_PAGE_ORG_TEMPLATES": {"edX": "nope"}},
            "COURSE_ARCHIVE_ABOUT_PAGE_ORG_TEMPLATES['edX']",
            "E003",
        ),
        (
            {"COURSE_ARCHIVE_ABOUT_PAGE_ORG_TEMPLATES": {"": "https://x.example.com/{course}"}},
            "COURSE_ARCHIVE_ABOUT_PAGE_ORG_TEMPLATES['']",
            "E003",
        ),
        (
            {"COURSE_ARCHIVE_API_THROTTLE_WHEN_CACHE_FAILS": "open"},
            "COURSE_ARCHIVE_API_THROTTLE_WHEN_CACHE_FAILS",
            "E022",
        ),
        (
            {"COURSE_ARCHIVE_API_THROTTLE_WHEN_CACHE_FAILS": True},
            "COURSE_ARCHIVE_API_THROTTLE_WHEN_CACHE_FAILS",
            "E022",
        ),
        ({"COURSE_ARCHIVE_MAX_STATUSES_PER_LEARNER": None}, "COURSE_ARCHIVE_MAX_STATUSES_PER_LEARNER", "E023"),
        ({"COURSE_ARCHIVE_MAX_STATUSES_PER_LEARNER": 10}, "COURSE_ARCHIVE_MAX_STATUSES_PER_LEARNER", "E023"),
        ({"COURSE_ARCHIVE_MAX_STATUSES_PER_LEARNER": "2000"}, "COURSE_ARCHIVE_MAX_STATUSES_PER_LEARNER", "E023"),
        ({"OPEN_EDX_FILTERS_CONFIG": []}, "OPEN_EDX_FILTERS_CONFIG", "E004"),
        ({"OPEN_EDX_FILTERS_CONFIG": {ABOUT: "oops"}}, f"OPEN_EDX_FILTERS_CONFIG[{ABOUT!r}]", "E004"),
        (
            {"OPEN_EDX_FILTERS_CONFIG": {ABOUT: {"pipeline": STEP}}},
            f"OPEN_EDX_FILTERS_CONFIG[{ABOUT!r}]['pipeline']",
            "E004",
        ),
        (
            {"OPEN_EDX_FILTERS_CONFIG": {ABOUT: {"pipeline": [STEP], "fail_silently": "yes"}}},
            f"OPEN_EDX_FILTERS_CONFIG[{ABOUT!r}]['fail_silently']",
            "E004",
        ),
    ],
)
def test_bad_settings_fail_check_naming_setting_and_fix(overrides, setting, code):
    with override_settings(**overrides), pytest.raises(SystemCheckError) as error:
        call_command("check")
    message = str(error.value)
    assert f"course_archive.{code}" in message
    assert setting in message
    assert "HINT" in message


def test_a_missing_step_is_a_warning_not_an_error(capsys):
    with override_settings(OPEN_EDX_FILTERS_CONFIG={ABOUT: {"pipeline": []}}):
        call_command("check")
    assert "course_archive.W001" in capsys.readouterr().err


@pytest.mark.parametrize(
    "template",
    [
        "https://catalog.example.com/courses/{course_id}/about",
        "http://x.example.com/{org}/{course}/{run}",
        "https://x.example.com/?c={course_id}&org={org}",
    ],
)
def test_good_templates_pass(template):
    with override_settings(
        COURSE_ARCHIVE_ABOUT_PAGE_URL_TEMPLATE=template,
        COURSE_ARCHIVE_ABOUT_PAGE_ORG_TEMPLATES={"MITx": template},
    ):
        call_command("check")


@pytest.mark.parametrize(
    "language, message, hint",
    [
        ("en", "COURSE_ARCHIVE_API_RATE_LIMIT is 'lots', which is not a request rate.", 'for example "60/minute"'),
        (
            "es",
            "COURSE_ARCHIVE_API_RATE_LIMIT vale 'lots', que no es una tasa de peticiones.",
            'por ejemplo "60/minute"',
        ),
        ("ar", "قيمة COURSE_ARCHIVE_API_RATE_LIMIT هي 'lots'، وهي ليست معدّل طلبات.", 'مثل "60/minute"'),
    ],
)
def test_check_messages_speak_the_active_language(language, message, hint):
    """Operators read the checks in the site's language (``LANGUAGE_CODE``, or the one a command activates)."""
    with override_settings(COURSE_ARCHIVE_API_RATE_LIMIT="lots"), translation.override(language):
        [error] = limits.check_rate_limit()
    assert (error.msg, error.id) == (message, "course_archive.E001")
    assert hint in error.hint


def test_template_problems_are_translated_inside_the_setting_message():
    with override_settings(COURSE_ARCHIVE_ABOUT_PAGE_URL_TEMPLATE="ftp://x.example.com/{course_id}"):
        with translation.override("es"):
            [spanish] = archiving.check_about_page_templates()
        with translation.override("ar"):
            [arabic] = archiving.check_about_page_templates()
    setting = "COURSE_ARCHIVE_ABOUT_PAGE_URL_TEMPLATE"
    assert spanish.msg == f"{setting} no es válido: debe ser una URL absoluta http:// o https://."
    assert arabic.msg == f"{setting} غير صالح: يجب أن يكون عنوان URL مطلقًا يبدأ بـ http:// أو https://."
    assert "{course_id}" in spanish.hint and "{course_id}" in arabic.hint


def test_manage_py_check_answers_in_the_sites_language():
    overrides = {"COURSE_ARCHIVE_MAX_STATUSES_PER_LEARNER": 5, "LANGUAGE_CODE": "es"}
    with override_settings(**overrides), pytest.raises(SystemCheckError) as error:
        call_command("check")
    expected = "COURSE_ARCHIVE_MAX_STATUSES_PER_LEARNER vale 5, no un número de filas entre 100 y 1000000."
    assert expected in str(error.value)
