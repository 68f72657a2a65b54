"""Shared pieces of the OpenAPI description: the error bodies of API.md."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, inline_serializer
from rest_framework import serializers

DetailError = inline_serializer(
    name="DetailError", fields={"detail": serializers.CharField()}
)

DESCRIPTIONS = {
    400: 'Invalid input: `{"field": ["message", ...]}` or `{"detail": "..."}`.',
    401: "Not authenticated, or the token is invalid or expired.",
    403: "Authenticated, but not allowed to change this object.",
    404: "Does not exist, or is private and not yours.",
    405: "Method not allowed.",
    409: "Conflicts with the current state (e.g. not enough stock).",
    429: "Throttled: retry after the number of seconds in `Retry-After`.",
}


def errors(*codes: int) -> dict[int, OpenApiResponse]:
    """Responses for the given error status codes."""
    return {
        code: OpenApiResponse(
            response=OpenApiTypes.OBJECT if code == 400 else DetailError,
            description=DESCRIPTIONS[code],
        )
        for code in codes
    }


def api_endpoints_only(endpoints):
    """Describe our API, not the endpoints the Wagtail admin keeps for itself."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/")]
