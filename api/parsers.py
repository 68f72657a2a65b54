import re

from django.conf import settings
from rest_framework import parsers
from rest_framework.exceptions import ParseError
from rest_framework.utils import json

# A lone UTF-16 surrogate ("\ud800") is valid JSON but no valid text: it cannot be
# encoded as UTF-8, so the database driver, a template or an e-mail would raise.
_SURROGATE = re.compile("[\ud800-\udfff]")


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, refusing with 400 what it would let through to a 500:
    bodies over DATA_UPLOAD_MAX_MEMORY_SIZE, nesting too deep for Python, lone
    surrogates, and strings longer than API_MAX_STRING_LENGTH (no field of the
    API takes more; a longer value could overflow a database column)."""

    def parse(self, stream, media_type=None, parser_context=None):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        body = stream.read(limit + 1) if limit is not None else stream.read()
        if limit is not None and len(body) > limit:
            raise ParseError(f"The request body is larger than {limit} bytes.")
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            data = json.loads(
                body.decode(encoding), parse_constant=json.strict_constant
            )
        except (ValueError, RecursionError) as error:
            raise ParseError(f"JSON parse error - {error}") from error
        _check_strings(data, path="")
        return data


def _check_strings(value, *, path: str) -> None:
    if isinstance(value, str):
        _check_string(value, path=path)
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_string(key, path=path)
            _check_strings(item, path=f"{path}.{key}" if path else key)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _check_strings(item, path=f"{path}[{index}]")


def _check_string(value: str, *, path: str) -> None:
    where = f" in {path!r}" if path else ""
    if len(value) > settings.API_MAX_STRING_LENGTH:
        raise ParseError(
            f"A text{where} is longer than {settings.API_MAX_STRING_LENGTH} characters."
        )
    if _SURROGATE.search(value):
        raise ParseError(
            f"A text{where} holds a lone UTF-16 surrogate, which is not valid text."
        )


class MultiPartParser(parsers.MultiPartParser):
    """DRF's multipart parser, with the JSON parser's cap on text fields (files
    are limited by their own upload settings)."""

    def parse(self, stream, media_type=None, parser_context=None):
        parsed = super().parse(stream, media_type, parser_context)
        for key, values in parsed.data.lists():
            for value in values:
                _check_strings(value, path=key)
        return parsed
