"""
The backend speaks the learner's language: every string of the source catalog has an Arabic and a Spanish
translation (with the same placeholders), the compiled catalogs match their sources, and the API and the
demo host answer in the language of the ``openedx-language-preference`` cookie, right to left in Arabic.
"""

import re
from pathlib import Path

import polib
import pytest

from course_archive import api
from tests.conftest import API

LOCALE = Path(api.__file__).resolve().parent / "locale"
TRANSLATED = ["ar", "es"]
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%[sd]|\{[a-z_]+(?:![rs])?\}")


def _catalog(language, kind="po"):
    path = LOCALE / language / "LC_MESSAGES" / f"django.{kind}"
    return polib.pofile(str(path)) if kind == "po" else polib.mofile(str(path))


def _source_ids():
    return {entry.msgid for entry in _catalog("en") if entry.msgid}


def test_the_source_catalog_holds_the_backends_strings():
    ids = _source_ids()
    assert len(ids) > 50
    assert "Course archiving is switched off on this site." in ids
    assert 'Unsupported charset "{charset}": send JSON in UTF-8 (RFC 8259).' in ids


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_string_is_translated_with_its_placeholders(language):
    catalog = {entry.msgid: entry for entry in _catalog(language) if entry.msgid}
    missing = sorted(_source_ids() - set(catalog))
    assert missing == [], f"{language}: not in the catalog: {missing}"
    problems = []
    for msgid, entry in catalog.items():
        if "fuzzy" in entry.flags or entry.obsolete:
            problems.append(("fuzzy or obsolete", msgid))
            continue
        texts = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        if not all(texts):
            problems.append(("untranslated", msgid))
            continue
        wanted = sorted(PLACEHOLDER.findall(msgid + (entry.msgid_plural or "")))
        for text in texts:
            if sorted(set(PLACEHOLDER.findall(text))) != sorted(set(wanted)):
                problems.append(("placeholders differ", msgid, text))
    assert problems == []


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_compiled_catalog_is_the_sources(language):
    source = {(e.msgid, e.msgstr, tuple(sorted(e.msgstr_plural.items()))) for e in _catalog(language) if e.msgid}
    compiled = {
        (e.msgid, e.msgstr, tuple(sorted(e.msgstr_plural.items()))) for e in _catalog(language, "mo") if e.msgid
    }
    assert compiled == source, "run make compile_translations"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "language, expected",
    [("ar", "ليس معرّف مقرر صالحًا"), ("es", "no es una clave de curso válida"), ("en", "is not a valid course key")],
)
def test_the_api_answers_in_the_learners_language(learner_client, language, expected):
    learner_client.cookies["openedx-language-preference"] = language
    response = learner_client.put(f"{API}by-course/not-a-key/", {"is_archived": True}, format="json")
    assert response.status_code == 400
    assert expected in response.json()["course_id"][0]


@pytest.mark.django_db
def test_the_demo_dashboard_is_right_to_left_in_arabic(client, learner):
    client.force_login(learner)
    client.cookies["openedx-language-preference"] = "ar"
    page = client.get("/dashboard/").content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    client.cookies["openedx-language-preference"] = "es"
    assert '<html lang="es" dir="ltr">' in client.get("/dashboard/").content.decode()
