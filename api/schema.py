"""Shared pieces of the OpenAPI description: the error bodies of API.md, added to
every operation for each status it can answer.

`APIAutoSchema` works out the error statuses of an operation from the view
itself (its method, request body, path and query parameters, permission
classes), so a new endpoint is described with its errors without annotations;
`errors()` declares a status that cannot be inferred (409 from a business rule).
Every 4xx response points at one of the reusable components below.
"""

import inspect

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import ResolvedComponent
from drf_spectacular.utils import OpenApiResponse
from rest_framework import authentication, permissions

DESCRIPTIONS = {
    400: 'Invalid input: `{"field": ["message", ...]}`, or `{"detail": "..."}` '
    "for an error about no one field.",
    401: "Not authenticated, or the token is invalid or expired "
    "(`code: token_not_valid`: refresh the access token or log in again).",
    403: "Authenticated, but not allowed to do this.",
    404: "Does not exist, or is private and not yours.",
    409: "Conflicts with the current state (e.g. not enough stock).",
    415: "The request body's media type is not accepted here.",
    429: "Throttled: retry after the number of seconds in `Retry-After`.",
}

STRING = {"type": "string"}
STRINGS = {"type": "array", "items": STRING}

# name -> JSON schema of the error bodies the API answers (see API.md).
COMPONENTS = {
    "FieldErrors": {
        "type": "object",
        "description": "What was wrong with the input: per field a list of "
        "messages (an object for a nested field, a list of those for a list "
        "of objects); `detail` for what concerns no one field.",
        "properties": {"detail": {"anyOf": [STRING, STRINGS]}},
        "additionalProperties": {
            "anyOf": [
                STRING,
                {"type": "array", "items": {"anyOf": [STRING, {"type": "object"}]}},
                {"type": "object"},
            ]
        },
    },
    "DetailError": {
        "type": "object",
        "description": "An error with a human-readable message.",
        "properties": {"detail": STRING},
        "required": ["detail"],
    },
    "TokenError": {
        "type": "object",
        "description": "Not authenticated. `code` is `token_not_valid` for an "
        "invalid or expired token (the signal to refresh it), "
        "`no_active_account` for wrong credentials at login; absent when no "
        "credentials were sent.",
        "properties": {
            "detail": STRING,
            "code": {
                **STRING,
                "examples": ["token_not_valid", "no_active_account"],
            },
            "messages": {
                "type": "array",
                "description": "Why each kind of token was refused.",
                "items": {
                    "type": "object",
                    "properties": {
                        "token_class": STRING,
                        "token_type": STRING,
                        "message": STRING,
                    },
                },
            },
        },
        "required": ["detail"],
    },
}
COMPONENT_OF = {400: "FieldErrors", 401: "TokenError"}
HEADERS = {
    401: {
        "WWW-Authenticate": {
            "description": "The scheme to authenticate with.",
            "schema": STRING,
        }
    },
    429: {
        "Retry-After": {
            "description": "Seconds to wait before trying again.",
            "schema": {"type": "integer", "minimum": 0},
        }
    },
}

# Permission classes that never refuse a signed-in user.
_NEVER_FORBIDS = (
    permissions.AllowAny,
    permissions.IsAuthenticated,
    permissions.IsAuthenticatedOrReadOnly,
)
_UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
_PAGINATION_PARAMETERS = {"page", "page_size"}


def errors(*codes: int) -> dict[int, OpenApiResponse]:
    """Declare error statuses that `APIAutoSchema` cannot infer (e.g. 409); the
    body of each is filled in from the components above."""
    return {
        code: OpenApiResponse(description=DESCRIPTIONS.get(code, "")) for code in codes
    }


class APIAutoSchema(AutoSchema):
    def get_description(self):
        """The handler's or the view's own docstring, never one inherited from
        a mixin (those explain our internals to developers, not to clients)."""
        action = getattr(self.view, "action", None) or self.method.lower()
        handler = getattr(self.view, action, None)
        own = getattr(handler, "__func__", handler)
        doc = getattr(own, "__doc__", None) if callable(own) else None
        return inspect.cleandoc(
            doc or self.view.__class__.__dict__.get("__doc__") or ""
        )

    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(
            path, path_regex, path_prefix, method, registry
        )
        if operation is None:
            return None
        responses = operation["responses"]
        declared = {int(code) for code in responses if str(code).startswith("4")}
        for code in sorted(declared | self._error_codes(operation)):
            responses[str(code)] = self._error_response(code)
        operation["responses"] = dict(
            sorted(responses.items(), key=lambda item: str(item[0]))
        )
        return operation

    def _error_codes(self, operation) -> set[int]:
        """The statuses this operation can answer whatever its view does: a
        bad token (401) and throttling (429) anywhere; 400 for a body or
        filters; 403 for a role or ownership check, or CSRF; 404 for an id in
        the path or a page number; 415 for a body."""
        codes = {401, 429}
        parameters = operation.get("parameters", [])
        query = {p["name"] for p in parameters if p["in"] == "query"}
        if "requestBody" in operation:
            codes |= {400, 415}
        if query - _PAGINATION_PARAMETERS:
            codes.add(400)
        if any(p["in"] == "path" for p in parameters) or "page" in query:
            codes.add(404)
        if self._may_forbid():
            codes.add(403)
        return codes

    def _may_forbid(self) -> bool:
        """A role or ownership check, or for a write with a site session, DRF's
        CSRF check (login and refresh take no session: never 403)."""
        unsafe = self.method in _UNSAFE
        if unsafe and any(
            isinstance(authenticator, authentication.SessionAuthentication)
            for authenticator in self.view.get_authenticators()
        ):
            return True
        for permission in self.view.get_permissions():
            if isinstance(permission, _NEVER_FORBIDS):
                continue
            if not unsafe and getattr(permission, "allows_reads", False):
                continue
            return True
        return False

    def _error_response(self, code: int) -> dict:
        name = COMPONENT_OF.get(code, "DetailError")
        component = ResolvedComponent(
            name=name,
            type=ResolvedComponent.SCHEMA,
            object=name,
            schema=COMPONENTS[name],
        )
        self.registry.register_on_missing(component)
        response = {
            "description": DESCRIPTIONS.get(code, "An error."),
            "content": {"application/json": {"schema": component.ref}},
        }
        if code in HEADERS:
            response["headers"] = HEADERS[code]
        return response


def api_endpoints_only(endpoints):
    """Describe our API, not the endpoints the Wagtail admin keeps for itself."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/")]
