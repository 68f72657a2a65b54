from django.conf import settings
from rest_framework import parsers
from rest_framework.exceptions import ParseError
from rest_framework.utils import json


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, refusing with 400 what it would let through to a 500:
    bodies over DATA_UPLOAD_MAX_MEMORY_SIZE and nesting too deep for Python."""

    def parse(self, stream, media_type=None, parser_context=None):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        body = stream.read(limit + 1) if limit is not None else stream.read()
        if limit is not None and len(body) > limit:
            raise ParseError(f"The request body is larger than {limit} bytes.")
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            return json.loads(
                body.decode(encoding), parse_constant=json.strict_constant
            )
        except (ValueError, RecursionError) as error:
            raise ParseError(f"JSON parse error - {error}") from error
