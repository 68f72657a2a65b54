"""Shared pieces of the OpenAPI description: the error bodies of API.md, added to
every operation for each status it can answer.

`APIAutoSchema` works out the error statuses of an operation from the view
itself (its method, request body, path and query parameters, permission
classes), so a new endpoint is described with its errors without annotations;
`errors()` declares a status that cannot be inferred (409 from a business rule).
Every 4xx response points at one of the reusable components below.
"""

import inspect
import re

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import ResolvedComponent, force_instance
from drf_spectacular.utils import OpenApiResponse
from rest_framework import authentication, permissions, serializers

from api.fields import MAX_ID

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

JSON = "application/json"
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


def errors(*codes: int) -> dict[int, OpenApiResponse]:
    """Declare error statuses that `APIAutoSchema` cannot infer (e.g. 409); the
    body of each is filled in from the components above."""
    return {
        code: OpenApiResponse(description=DESCRIPTIONS.get(code, "")) for code in codes
    }


class APIAutoSchema(AutoSchema):
    def map_parsers(self):
        """JSON for every write that takes JSON: generators handle one media
        type per body best (two with one schema break openapi-python-client).
        A picture has its own multipart endpoint (api.vendors.views.uploads);
        the older multipart writes still work but are left out here."""
        media_types = super().map_parsers()
        return ["application/json"] if JSON in media_types else media_types

    def get_filter_backends(self):
        """Filters belong to a list: a viewset's other actions (a detail, a
        store's products) ignore them (api.vendors.views.common), so their
        parameters are not described there."""
        from api.vendors.views.common import ListFiltersMixin

        action = getattr(self.view, "action", None)
        if isinstance(self.view, ListFiltersMixin) and action not in {None, "list"}:
            return []
        return super().get_filter_backends()

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        """A decimal (money) is a string, and in a request a JSON number is read
        exactly as well (DRF's DecimalField takes both)."""
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        if (
            direction == "request"
            and isinstance(field, serializers.DecimalField)
            and schema.get("type") == "string"
        ):
            number = {"type": "number"}
            for bound, value in (
                ("minimum", field.min_value),
                ("maximum", field.max_value),
            ):
                schema.pop(bound, None)
                if value is not None:
                    number[bound] = float(value)
            keep = {"description", "readOnly", "writeOnly", "title", "default"}
            outer = {key: schema.pop(key) for key in list(schema) if key in keep}
            return {"anyOf": [schema, number], **outer}
        return schema

    def _map_basic_serializer(self, serializer, direction):
        """A JSON body carries no file: file fields are described only where
        the body is multipart."""
        schema = super()._map_basic_serializer(serializer, direction)
        if direction == "request" and JSON in self.map_parsers():
            for name, field in force_instance(serializer).fields.items():
                if isinstance(field, serializers.FileField):
                    schema["properties"].pop(name, None)
                    if name in schema.get("required", []):
                        schema["required"].remove(name)
        return schema

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
        if query - {"page"}:  # a filter, or a page_size that is no number
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


_PATH_PARAMETER = re.compile(r"\{([^}]+)\}")
ID_SCHEMA = {"type": "integer", "minimum": 1, "maximum": MAX_ID}


def _is_id(name: str) -> bool:
    return name in {"id", "pk"} or name.endswith("_id")


def _id_names(path: str) -> dict[str, str]:
    """One naming scheme for ids in paths: the thing the path addresses is
    `id`; an id before it is named after its collection (`/orders/{order_id}/
    parts/{id}/`), whatever the view calls its URL arguments."""
    names = [name for name in _PATH_PARAMETER.findall(path) if _is_id(name)]
    renamed = {}
    for index, name in enumerate(names):
        if index == len(names) - 1:
            renamed[name] = "id"
        else:
            collection = path.split("{" + name + "}")[0].rstrip("/").split("/")[-1]
            renamed[name] = f"{collection.rstrip('s').replace('-', '_')}_id"
    return renamed


def _null_as_a_type(node):
    """OpenAPI 3.0's `nullable: true` (DRF's pagination schema writes it) in
    3.1's words, which 3.1 validators understand: `null` among the types."""
    if isinstance(node, list):
        return [_null_as_a_type(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _null_as_a_type(value) for key, value in node.items()}
    if node.pop("nullable", False):
        if isinstance(node.get("type"), str):
            node["type"] = [node["type"], "null"]
        elif isinstance(node.get("type"), list) and "null" not in node["type"]:
            node["type"] = [*node["type"], "null"]
        elif "type" not in node:
            inner = {key: node.pop(key) for key in list(node) if key != "description"}
            node["oneOf"] = [inner, {"type": "null"}]
    return node


def uniform_path_ids(result, generator, request, public):
    """Postprocessing hook: path ids are integers named by `_id_names` (only
    the schema's names change: the URLs a client builds stay the same), and
    nulls are written the 3.1 way."""
    paths = {}
    for path, item in result.get("paths", {}).items():
        renamed = _id_names(path)
        for name, new_name in renamed.items():
            path = path.replace("{" + name + "}", "{" + new_name + "}")
        for operation in item.values():
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "path" and parameter["name"] in renamed:
                    parameter["name"] = renamed[parameter["name"]]
                    parameter["schema"] = dict(ID_SCHEMA)
        paths[path] = item
    result["paths"] = paths
    return _null_as_a_type(result)


def api_endpoints_only(endpoints):
    """Describe our API, not the endpoints the Wagtail admin keeps for itself."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/")]
