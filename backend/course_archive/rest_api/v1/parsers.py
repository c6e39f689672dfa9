"""
Request parsers of REST API v1: DRF's ``JSONParser`` behind the limits an API open to every learner needs.

The parser is not a ``JSONParser`` subclass but hands the checked stream to one: DRF reads the whole body
(``request.body``) before it calls a ``JSONParser`` subclass, whatever its size, and the limits below must
hold before the body is read.

- UTF-8 only, as RFC 8259 has JSON: any other ``charset`` is a 415 decided before the body is read. DRF
  decodes with whatever codec the client names, and Python's codec registry holds ``zlib_codec`` and
  ``bz2_codec``: a few hundred bytes that decompress into gigabytes.
- At most ``body_limit()`` bytes (413 beyond, before reading what ``Content-Length`` announces): the LMS
  sets no ``DATA_UPLOAD_MAX_MEMORY_SIZE``. UTF-8 never decodes into more characters than it has bytes, so
  the cap also holds for the decoded text.
- At most ``MAX_JSON_DEPTH`` levels of nesting (400 beyond; deeper documents would raise ``RecursionError``).
- Text that is not Unicode (a lone surrogate written as ``"\\ud800"``) is a 400 naming the field: it cannot
  be stored, nor encoded again in an answer that echoes it.
"""

import codecs

from django.conf import settings
from django.utils.http import parse_header_parameters
from django.utils.translation import gettext_lazy as _
from rest_framework import status as http_status
from rest_framework.exceptions import APIException, ParseError, UnsupportedMediaType, ValidationError
from rest_framework.parsers import BaseParser, JSONParser
from rest_framework.renderers import JSONRenderer

from course_archive import conf

# No body of this API nests deeper than 3 levels; anything past this is refused before it reaches a serializer.
MAX_JSON_DEPTH = 32
# The one charset JSON has (RFC 8259, section 8.1); no charset parameter means it too.
JSON_CHARSET = "utf-8"


class PayloadTooLarge(APIException):
    status_code = http_status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = _("The request body is too large.")
    default_code = "payload_too_large"


def _too_large(limit):
    return PayloadTooLarge(_("The request body is larger than {limit} bytes.").format(limit=limit))


class BoundedStream:
    """Reads at most ``limit`` bytes of ``stream``; one byte more raises ``PayloadTooLarge``."""

    def __init__(self, stream, limit):
        self.stream, self.limit, self.consumed = stream, limit, 0

    def read(self, size=-1):
        allowed = self.limit - self.consumed + 1
        chunk = self.stream.read(allowed if size is None or size < 0 else min(size, allowed))
        self.consumed += len(chunk)
        if self.consumed > self.limit:
            raise _too_large(self.limit)
        return chunk


def body_limit():
    """
    The most bytes a request body may hold: ``COURSE_ARCHIVE_MAX_REQUEST_BODY_BYTES``, or Django's
    ``DATA_UPLOAD_MAX_MEMORY_SIZE`` where that is set and smaller. The LMS sets the latter to None.
    """
    limit = conf.get(conf.MAX_REQUEST_BODY_BYTES)
    django_limit = getattr(settings, "DATA_UPLOAD_MAX_MEMORY_SIZE", None)
    return limit if django_limit is None else min(limit, django_limit)


def refuse_charset(media_type):
    """
    Raise a 415 unless ``media_type`` names no charset or UTF-8 (under any of its names, e.g. ``utf8``).

    Only the header is read: a charset that is not UTF-8 is refused before a byte of the body is decoded.
    """
    _content_type, params = parse_header_parameters(media_type or "")
    charset = params.get("charset")
    if charset is None:
        return
    try:
        is_utf8 = codecs.lookup(charset).name == JSON_CHARSET
    except (LookupError, ValueError):
        is_utf8 = False
    if not is_utf8:
        shown = charset if len(charset) <= 40 else f"{charset[:40]}…"
        raise UnsupportedMediaType(
            media_type,
            detail=_('Unsupported charset "{charset}": send JSON in UTF-8 (RFC 8259).').format(charset=shown),
        )


def _printable(text):
    """``text`` with what is not Unicode (lone surrogates) written as escapes, so that it can be shown."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _is_unicode(text):
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def check_document(document, max_depth=MAX_JSON_DEPTH):
    """
    Refuse a parsed body nested deeper than ``max_depth`` (``ParseError``) or holding text that is not
    Unicode (``ValidationError`` naming the top-level field it is under). Iterative: no recursion.
    """
    stack = [(document, 1, None)]
    while stack:
        value, depth, field = stack.pop()
        if isinstance(value, str):
            if not _is_unicode(value):
                name = _printable(field) if field is not None else "non_field_errors"
                raise ValidationError({name: [_("This text is not valid Unicode (a lone surrogate).")]})
        elif isinstance(value, dict | list):
            if depth > max_depth:
                raise ParseError(_("JSON parse error - nested deeper than {depth} levels.").format(depth=max_depth))
            if isinstance(value, dict):
                for key, child in value.items():
                    child_field = key if field is None else field
                    if not _is_unicode(key):
                        stack.append((key, depth, child_field))
                    stack.append((child, depth + 1, child_field))
            else:
                stack.extend((child, depth + 1, field) for child in value)


class BoundedJSONParser(BaseParser):
    """
    DRF's JSON parser for UTF-8 bodies (415 for another charset) of at most ``body_limit()`` bytes (413)
    nested at most ``MAX_JSON_DEPTH`` levels (400), holding only Unicode text (400 naming the field).
    """

    media_type = JSONParser.media_type
    renderer_class = JSONRenderer

    def parse(self, stream, media_type=None, parser_context=None):
        parser_context = parser_context or {}
        refuse_charset(media_type)
        limit = body_limit()
        meta = getattr(parser_context.get("request"), "META", {})
        try:
            announced = int(meta.get("CONTENT_LENGTH") or 0)
        except (TypeError, ValueError):
            announced = 0
        if announced > limit:
            raise _too_large(limit)
        try:
            context = {**parser_context, "encoding": JSON_CHARSET}
            document = JSONParser().parse(BoundedStream(stream, limit), media_type, context)
        except RecursionError:
            raise ParseError(
                _("JSON parse error - nested deeper than {depth} levels.").format(depth=MAX_JSON_DEPTH)
            ) from None
        check_document(document)
        return document
