"""
Bad input end to end: oversized, mistyped, deeply nested, unicode and very long input in the body, the
query and the path. Each is a 4xx with a JSON body, never a 5xx, and writes nothing.
"""

import bz2
import json
import zlib

import pytest
from django.db import connection

from course_archive import api
from course_archive.models import CourseArchiveStatus
from course_archive.rest_api.v1.parsers import MAX_JSON_DEPTH
from tests.conftest import API, COURSE

pytestmark = pytest.mark.django_db

FIVE_MB = 5 * 1024 * 1024
WRITES = [
    ("post", API),
    ("post", f"{API}bulk/"),
    ("put", f"{API}by-course/{COURSE}/"),
    ("patch", "{row}"),
    ("put", "{row}"),
]


@pytest.fixture
def row(learner):
    return api.create_status(learner, COURSE)


def _snapshot():
    return sorted(CourseArchiveStatus.objects.values_list("id", "user_id", "course_id", "is_archived", "updated_at"))


def _assert_json_4xx(response, *codes):
    assert response.status_code in codes, (response.status_code, response.content[:300])
    assert response["Content-Type"].startswith("application/json"), response.content[:300]
    return response.json()


def _path(template, row):
    return template.format(row=f"{API}{row.pk}/")


class CountingStream:
    """A request body of ``size`` bytes that counts what the server reads of it."""

    def __init__(self, size):
        self.size, self.read_bytes = size, 0

    def read(self, size=-1):
        left = self.size - self.read_bytes
        size = left if size is None or size < 0 else min(size, left)
        self.read_bytes += size
        return b" " * size

    def readline(self, size=-1):
        return self.read(size)


# --- oversized bodies ------------------------------------------------------------------------


@pytest.mark.parametrize("method, path", WRITES)
def test_a_5_mb_json_body_is_413_and_writes_nothing(learner_client, row, method, path):
    before = _snapshot()
    body = json.dumps({"course_ids": [COURSE] * (FIVE_MB // len(COURSE)), "is_archived": True})
    assert len(body) > FIVE_MB - 1000
    response = learner_client.generic(method.upper(), _path(path, row), body, content_type="application/json")
    _assert_json_4xx(response, 413)
    assert response.data["detail"].code == "payload_too_large"
    assert _snapshot() == before


@pytest.mark.parametrize("method, path", WRITES)
def test_an_oversized_body_is_refused_before_it_is_read(learner_client, row, method, path):
    stream = CountingStream(FIVE_MB)
    response = learner_client.generic(
        method.upper(),
        _path(path, row),
        b"",
        content_type="application/json",
        **{"wsgi.input": stream, "CONTENT_LENGTH": str(FIVE_MB)},
    )
    _assert_json_4xx(response, 413)
    assert stream.read_bytes == 0


def test_the_lms_setting_of_no_django_limit_still_caps_the_body(learner_client, settings):
    # The LMS sets DATA_UPLOAD_MAX_MEMORY_SIZE = None ("limits are currently disabled"); the demo host too.
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE is None
    stream = CountingStream(8 * 1024 * 1024)
    response = learner_client.generic(
        "POST",
        f"{API}bulk/",
        b"",
        content_type="application/json",
        **{"wsgi.input": stream, "CONTENT_LENGTH": str(stream.size)},
    )
    _assert_json_4xx(response, 413)
    assert response.data["detail"].code == "payload_too_large"
    assert stream.read_bytes == 0


@pytest.mark.parametrize(
    "plugin_cap, django_cap, size, status",
    [
        (40_000, None, 39_000, 400),  # under the plugin's cap: parsed, refused for its unknown field
        (40_000, None, 41_000, 413),
        (40_000, 35_000, 36_000, 413),  # Django's limit is smaller: it holds
        (40_000, 100_000, 41_000, 413),  # Django's limit is larger: the plugin's holds
    ],
)
def test_the_smaller_of_the_two_caps_holds(learner_client, settings, plugin_cap, django_cap, size, status):
    settings.COURSE_ARCHIVE_MAX_REQUEST_BODY_BYTES = plugin_cap
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = django_cap
    body = json.dumps({"course_ids": [COURSE], "is_archived": True, "padding": ""})
    body = body.replace('"padding": ""', '"padding": "' + "x" * (size - len(body)) + '"')
    assert len(body) == size
    response = learner_client.generic("POST", f"{API}bulk/", body, content_type="application/json")
    data = _assert_json_4xx(response, status)
    if status == 400:
        assert "padding" in data
    assert not CourseArchiveStatus.objects.exists()


def test_a_bulk_of_100_of_the_longest_course_ids_fits_under_the_default_cap(learner_client):
    long_ids = [f"course-v1:{'O' * 80}+{'C' * 80}+{i:0>80}" for i in range(100)]
    body = json.dumps({"course_ids": long_ids, "is_archived": True})
    assert len(body) > 25_000
    response = learner_client.generic("POST", f"{API}bulk/", body, content_type="application/json")
    assert response.status_code == 200, response.content[:300]
    assert CourseArchiveStatus.objects.filter(is_archived=True).count() == 100


# --- content types ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content_type, body",
    [
        ("text/plain", "course_id=x"),
        ("application/x-www-form-urlencoded", f"course_id={COURSE}&is_archived=true"),
        (
            "multipart/form-data; boundary=xyz",
            f'--xyz\r\nContent-Disposition: form-data; name="course_id"\r\n\r\n{COURSE}\r\n--xyz--',
        ),
        ("application/xml", "<status/>"),
        ("image/png", "\x89PNG"),
        ("", json.dumps({"course_id": COURSE})),
    ],
)
@pytest.mark.parametrize("method, path", WRITES)
def test_bodies_that_are_not_json_are_415(learner_client, row, method, path, content_type, body):
    before = _snapshot()
    response = learner_client.generic(method.upper(), _path(path, row), body, content_type=content_type)
    _assert_json_4xx(response, 415)
    assert _snapshot() == before


# --- charsets: JSON is UTF-8 (RFC 8259); another charset is a 415 before a byte is read ------------------------

BOMB = zlib.compress(b"[" + b" " * 50_000_000 + b"]", 9)  # 50 MB of JSON in about 50 KB


@pytest.mark.parametrize(
    "charset, body",
    [
        ("zlib", BOMB),
        ("zlib_codec", BOMB),
        ("bz2", bz2.compress(b" " * 10_000_000)),
        ("rot13", b'{"pbhefr_vqf": []}'),
        ("hex", b"7b7d"),
        ("base64", b"e30="),
        ("latin-1", b'{"course_ids": [], "is_archived": true}'),
        ("utf-16", '{"course_ids": [], "is_archived": true}'.encode("utf-16")),
        ("utf-8-sig", b'{"course_ids": [], "is_archived": true}'),
        ("no-such-charset", b"{}"),
        ("\u00e9t\u00e9", b"{}"),
        ("x" * 200, b"{}"),  # a Content-Type over 256 characters is a 415 of DRF's own
    ],
)
@pytest.mark.parametrize("method, path", WRITES)
def test_a_charset_other_than_utf8_is_415_before_the_body_is_read(learner_client, row, method, path, charset, body):
    before = _snapshot()
    stream = CountingStream(len(body))
    response = learner_client.generic(
        method.upper(),
        _path(path, row),
        b"",
        content_type=f"application/json; charset={charset}",
        **{"wsgi.input": stream, "CONTENT_LENGTH": str(len(body))},
    )
    data = _assert_json_4xx(response, 415)
    assert charset[:40] in data["detail"]
    assert "UTF-8" in data["detail"]
    assert stream.read_bytes == 0
    assert _snapshot() == before


@pytest.mark.parametrize("charset", ["utf-8", "UTF-8", "utf8", "Utf-8", '"utf-8"'])
def test_utf8_under_any_of_its_names_is_understood(learner_client, charset):
    body = json.dumps({"course_ids": [COURSE], "is_archived": True}).encode("utf-8")
    response = learner_client.generic("POST", f"{API}bulk/", body, content_type=f"application/json; charset={charset}")
    assert response.status_code == 200, response.content[:300]
    assert CourseArchiveStatus.objects.get().is_archived


# --- text that is not Unicode: a 400 that names the field, and an answer that encodes --------------------


@pytest.mark.parametrize(
    "method, path, body, field",
    [
        ("post", f"{API}bulk/", '{"course_ids": ["\\ud800"], "is_archived": true}', "course_ids"),
        ("post", f"{API}bulk/", '{"course_ids": [], "is_archived": true, "x\\udfff": 1}', "x\\udfff"),
        ("post", API, '{"course_id": "course-v1:edX+\\ud83d+2026"}', "course_id"),
        ("put", f"{API}by-course/{COURSE}/", '{"is_archived": true, "note": "\\udc80"}', "note"),
        ("patch", "{row}", '{"is_archived": "\\ud800"}', "is_archived"),
        ("put", "{row}", '{"course_id": "\\ud800", "is_archived": true}', "course_id"),
        ("post", API, '{"course_id": {"nested": ["ok", "\\udbff"]}}', "course_id"),
        ("post", API, '["\\ud800"]', "non_field_errors"),
    ],
)
def test_lone_surrogates_are_400_naming_the_field(learner_client, row, method, path, body, field):
    before = _snapshot()
    response = learner_client.generic(method.upper(), _path(path, row), body.encode(), content_type="application/json")
    data = _assert_json_4xx(response, 400)
    assert field in data, data
    response.content.decode("utf-8")  # the answer is UTF-8 text
    assert _snapshot() == before


@pytest.mark.parametrize("body", [b"\xff\xfe\x00garbage", b'{"course_ids": ["\xed\xa0\x80"], "is_archived": true}'])
def test_bytes_that_are_not_utf8_are_400(learner_client, body):
    response = learner_client.generic("POST", f"{API}bulk/", body, content_type="application/json")
    _assert_json_4xx(response, 400)
    assert not CourseArchiveStatus.objects.exists()


# --- deeply nested JSON ---------------------------------------------------------------------------


@pytest.mark.parametrize("depth", [MAX_JSON_DEPTH + 1, 900, 5_000, 100_000])
@pytest.mark.parametrize("method, path", WRITES)
def test_deeply_nested_json_is_400(learner_client, row, method, path, depth, settings):
    # A cap large enough that the depth, not the size, is what refuses the 400 KB body.
    settings.COURSE_ARCHIVE_MAX_REQUEST_BODY_BYTES = 1024 * 1024
    before = _snapshot()
    nested = "[" * depth + "]" * depth
    body = f'{{"course_ids": {nested}, "course_id": {nested}, "is_archived": true}}'
    response = learner_client.generic(method.upper(), _path(path, row), body, content_type="application/json")
    _assert_json_4xx(response, 400)
    assert response.data["detail"].code == "parse_error"
    assert _snapshot() == before


def test_nesting_inside_the_limit_is_parsed_and_refused_for_what_it_says(learner_client):
    nested = ["x"]
    for _ in range(MAX_JSON_DEPTH - 3):
        nested = [nested]
    response = learner_client.post(f"{API}bulk/", {"course_ids": [nested], "is_archived": True}, format="json")
    assert "invalid_course_ids" in _assert_json_4xx(response, 400)
    assert not CourseArchiveStatus.objects.exists()


# --- unicode and very long course ids ----------------------------------------------------------------

LONG = "course-v1:edX+" + "é" * 10_000 + "+2026"
BAD_IDS = [
    LONG,
    "course-v1:" + "x" * 256,
    "course-v1:edX+😀+2026",
    "course-v1:edX+Demo\x00+2026",
    "course-v1:edX+Demo+2026\n",
    "\u202ecourse-v1:edX+Demo+2026",
    "course-v1:edX%2BDemo%2B2026%",
    "ｃｏｕｒｓｅ-v1:edX+Demo+2026",
]


@pytest.mark.parametrize("course_id", BAD_IDS)
def test_bad_course_ids_in_the_body_are_400(learner_client, course_id):
    for path, body in [
        (API, {"course_id": course_id}),
        (f"{API}bulk/", {"course_ids": [course_id], "is_archived": True}),
    ]:
        _assert_json_4xx(learner_client.post(path, body, format="json"), 400)
    assert not CourseArchiveStatus.objects.exists()


# Surrounding whitespace is stripped from a query parameter (Django's forms) and from a URL (urllib).
UNSTRIPPED_BAD_IDS = [value for value in BAD_IDS if value == value.strip()]


@pytest.mark.parametrize("course_id", UNSTRIPPED_BAD_IDS)
def test_bad_course_ids_in_the_path_are_4xx(learner_client, course_id):
    response = learner_client.put(f"{API}by-course/{course_id}/", {"is_archived": True}, format="json")
    _assert_json_4xx(response, 400, 404)
    assert not CourseArchiveStatus.objects.exists()


@pytest.mark.parametrize("course_id", UNSTRIPPED_BAD_IDS)
def test_bad_course_ids_in_the_query_are_400(learner_client, course_id):
    response = learner_client.get(API, {"course_id": course_id})
    assert "course_id" in _assert_json_4xx(response, 400)


@pytest.mark.parametrize(
    "course_id", ["course-v1:édX+Ünïcödé+2026", "course-v1:edX+𝔇𝔢𝔪𝔬+2026", "course-v1:学校+课程+2026"]
)
def test_unicode_course_ids_that_are_keys_round_trip_exactly(learner_client, course_id):
    created = learner_client.put(f"{API}by-course/{course_id}/", {"is_archived": True}, format="json")
    assert created.status_code == 201, created.content
    assert created.json()["course_id"] == course_id
    listed = learner_client.get(API, {"course_id": course_id}).json()
    assert [r["course_id"] for r in listed["results"]] == [course_id]
    again = learner_client.put(f"{API}by-course/{course_id}/", {"is_archived": False}, format="json")
    assert again.status_code == 200
    assert CourseArchiveStatus.objects.count() == 1


# --- query parameters and ids ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query, codes",
    [
        ("page=99999999999999999999", (404,)),
        ("page=-1", (404,)),
        ("page=0", (404,)),
        ("page=%00", (404,)),
        ("page=" + "9" * 5000, (404,)),
        ("page_size=-1", (400,)),
        ("page_size=-99999999999999999999", (400,)),
        ("page_size=" + "9" * 5000, (400,)),
        ("user=99999999999999999999999", (400,)),
        ("user=-99999999999999999999999", (400,)),
        ("user=%00", (400,)),
        ("user=%D9%A3", (200, 400)),  # an Arabic-Indic digit
        ("is_archived=%00", (400,)),
        ("course_id=%25s%25s%25n", (400,)),
        ("ordering=%00", (200,)),
        ("ordering=" + "é" * 5000, (200,)),
    ],
)
def test_bad_query_parameters_are_4xx_json(learner_client, row, query, codes):
    response = learner_client.get(f"{API}?{query}")
    assert response.status_code in codes, (response.status_code, response.content[:300])
    assert response["Content-Type"].startswith("application/json")


@pytest.mark.parametrize("method", ["get", "put", "patch", "delete"])
@pytest.mark.parametrize("row_id", ["99999999999999999999", "9223372036854775808", "-1", "%00", "%D9%A3", "1%0A"])
def test_ids_that_are_not_rows_are_json_404(learner_client, row, method, row_id):
    before = _snapshot()
    body = {"is_archived": True} if method in ("put", "patch") else None
    response = getattr(learner_client, method)(f"{API}{row_id}/", body, format="json")
    _assert_json_4xx(response, 404)
    assert _snapshot() == before


@pytest.mark.parametrize("user", [10**30, -(10**30), 2**63, 2**63 - 1, 2**31])
def test_staff_naming_an_id_out_of_range_is_400(staff_client, user):
    response = staff_client.post(API, {"course_id": COURSE, "user": user}, format="json")
    assert "user" in _assert_json_4xx(response, 400)
    assert not CourseArchiveStatus.objects.exists()


# --- whatever the host's settings: DEBUG on or off, each request in a transaction or not ---------------------

ODD_REQUESTS = [
    ("get", f"{API}?course_id=%ED%A0%80", None, None),
    ("get", f"{API}?user=%ED%A0%80&ordering=%ED%A0%80", None, None),
    ("get", f"{API}?page=%ED%A0%80&page_size=%FF", None, None),
    ("put", f"{API}by-course/%ED%A0%80/", b'{"is_archived": true}', "application/json"),
    ("put", f"{API}by-course/course-v1:a+b+%ED%A0%80/", b'{"is_archived": true}', "application/json"),
    ("post", f"{API}bulk/", b'{"course_ids": ["\\ud800"], "is_archived": true}', "application/json; charset=utf8"),
    ("post", f"{API}bulk/", b'{"course_ids": [], "is_archived": true}', "application/json; charset=\xff"),
    ("post", f"{API}bulk/", b'{"course_ids": [], "is_archived": true}', "application/json; charset=idna"),
    ("post", f"{API}bulk/", b'{"course_ids": [], "is_archived": true}', "application/json; charset=punycode"),
    ("post", f"{API}bulk/", b'{"course_ids": [], "is_archived": true}', "application/json; charset="),
    ("post", f"{API}bulk/", b'\xef\xbb\xbf{"course_ids": [], "is_archived": true}', "application/json"),
    ("post", API, b'{"course_id": "' + COURSE.encode() + b'", "user": "\\ud800"}', "application/json"),
    ("get", "/course-archive/api/v1/%ED%A0%80/", None, None),
    ("get", "/course-archive/api/v1/health/?x=%ED", None, None),
    ("options", API, None, None),
]


@pytest.mark.parametrize("atomic_requests", [False, True], ids=["autocommit", "atomic-requests"])
@pytest.mark.parametrize("debug", [False, True], ids=["debug-off", "debug-on"])
@pytest.mark.parametrize("method, path, body, content_type", ODD_REQUESTS)
def test_odd_requests_are_json_4xx_in_any_host_settings(
    learner_client, settings, monkeypatch, method, path, body, content_type, debug, atomic_requests
):
    settings.DEBUG = debug
    monkeypatch.setitem(connection.settings_dict, "ATOMIC_REQUESTS", atomic_requests)
    kwargs = {} if body is None else {"content_type": content_type}
    response = learner_client.generic(method.upper(), path, body or b"", **kwargs)
    assert response.status_code < 500, (response.status_code, response.content[:300])
    assert response["Content-Type"].startswith("application/json"), response.content[:300]
    json.loads(response.content.decode("utf-8"))
    assert not CourseArchiveStatus.objects.exists()
