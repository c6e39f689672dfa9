"""
Request parsers of REST API v1: JSON only, bounded in size and depth.

DRF's own ``JSONParser`` reads the whole body whatever its size (DRF reads ``request.body`` for it before
parsing, and the LMS sets no ``DATA_UPLOAD_MAX_MEMORY_SIZE``) and lets a deeply nested document raise
``RecursionError`` (a 500). This parser is not a ``JSONParser`` subclass, so DRF hands it the stream.
"""

import codecs
import json

from django.conf import settings
from rest_framework import status as http_status
from rest_framework.exceptions import APIException, ParseError
from rest_framework.parsers import BaseParser
from rest_framework.renderers import JSONRenderer

from course_archive import conf

# No body of this API nests deeper than 3 levels; anything past this is refused before it reaches a serializer.
MAX_JSON_DEPTH = 32


class PayloadTooLarge(APIException):
    status_code = http_status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request body is too large."
    default_code = "payload_too_large"


def _too_large(limit):
    return PayloadTooLarge(f"The request body is larger than {limit} bytes.")


class _BoundedStream:
    """Reads at most ``limit`` bytes of ``stream``; one byte more raises ``PayloadTooLarge``."""

    def __init__(self, stream, limit):
        self._stream, self._limit, self._read = stream, limit, 0

    def read(self, size=-1):
        allowed = self._limit - self._read + 1
        chunk = self._stream.read(allowed if size is None or size < 0 else min(size, allowed))
        self._read += len(chunk)
        if self._read > self._limit:
            raise _too_large(self._limit)
        return chunk


def _depth_exceeds(document, limit):
    """Whether ``document`` nests lists and objects deeper than ``limit`` (iteratively: no recursion)."""
    stack = [(document, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict | list):
            if depth > limit:
                return True
            children = value.values() if isinstance(value, dict) else value
            stack.extend((child, depth + 1) for child in children)
    return False


def body_limit():
    """
    The most bytes a request body may hold: ``COURSE_ARCHIVE_MAX_REQUEST_BODY_BYTES``, or Django's
    ``DATA_UPLOAD_MAX_MEMORY_SIZE`` where that is set and smaller. The LMS sets the latter to None.
    """
    limit = conf.get(conf.MAX_REQUEST_BODY_BYTES)
    django_limit = getattr(settings, "DATA_UPLOAD_MAX_MEMORY_SIZE", None)
    return limit if django_limit is None else min(limit, django_limit)


def _refuse_constant(name):
    raise ValueError(f"{name} is not valid JSON")


class BoundedJSONParser(BaseParser):
    """
    JSON bodies of at most ``body_limit()`` bytes (413 beyond, before reading what ``Content-Length``
    announces) nested at most ``MAX_JSON_DEPTH`` levels (400 beyond).
    """

    media_type = "application/json"
    renderer_class = JSONRenderer

    def parse(self, stream, media_type=None, parser_context=None):
        limit = body_limit()
        request = (parser_context or {}).get("request")
        meta = getattr(request, "META", {})
        try:
            announced = int(meta.get("CONTENT_LENGTH") or 0)
        except (TypeError, ValueError):
            announced = 0
        if announced > limit:
            raise _too_large(limit)
        stream = _BoundedStream(stream, limit)
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            # NaN and Infinity are not JSON: refused, as DRF's STRICT_JSON default does.
            document = json.load(codecs.getreader(encoding)(stream), parse_constant=_refuse_constant)
        except ValueError as error:
            raise ParseError(f"JSON parse error - {error}") from None
        except RecursionError:
            raise ParseError(f"JSON parse error - nested deeper than {MAX_JSON_DEPTH} levels.") from None
        if _depth_exceeds(document, MAX_JSON_DEPTH):
            raise ParseError(f"JSON parse error - nested deeper than {MAX_JSON_DEPTH} levels.")
        return document
