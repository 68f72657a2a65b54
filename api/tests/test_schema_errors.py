"""The schema declares every error an operation can answer, each with one of
the reusable error components, and real error answers match them."""

import inspect

import jsonschema
import pytest

from api.tests.conftest import bearer
from api.vendors.views.common import IdLookupMixin, ListFiltersMixin
from pagecache.api import CachedPublicReadMixin

REF = "#/components/schemas/"


@pytest.fixture(scope="module")
def schema(django_db_blocker):
    from drf_spectacular.generators import SchemaGenerator

    with django_db_blocker.unblock():
        return SchemaGenerator().get_schema(request=None, public=True)


def operations(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method in {"get", "post", "put", "patch", "delete"}:
                yield path, method, operation


def body_schema(response):
    return response["content"]["application/json"]["schema"]


def validator(schema, name):
    """A JSON Schema 2020-12 validator for one component (OpenAPI 3.1)."""
    return jsonschema.Draft202012Validator(
        {"$ref": REF + name, "components": schema["components"]}
    )


def test_the_schema_is_openapi_3_1(schema):
    assert schema["openapi"] == "3.1.0"


def test_every_operation_declares_401_with_the_token_error_and_429(schema):
    for path, method, operation in operations(schema):
        responses = operation["responses"]
        assert body_schema(responses["401"]) == {"$ref": REF + "TokenError"}, path
        assert body_schema(responses["429"]) == {"$ref": REF + "DetailError"}, path
        assert "Retry-After" in responses["429"]["headers"], (path, method)


def test_every_error_response_is_a_reusable_component(schema):
    for path, method, operation in operations(schema):
        for code, response in operation["responses"].items():
            if code.startswith("4"):
                assert body_schema(response)["$ref"] in {
                    REF + "FieldErrors",
                    REF + "DetailError",
                    REF + "TokenError",
                }, (path, method, code)


def test_errors_follow_from_the_operation(schema):
    for path, method, operation in operations(schema):
        codes = set(operation["responses"])
        parameters = operation.get("parameters", [])
        if "requestBody" in operation:
            assert {"400", "415"} <= codes, (path, method)
            assert body_schema(operation["responses"]["400"]) == {
                "$ref": REF + "FieldErrors"
            }
        if any(parameter["in"] == "path" for parameter in parameters):
            assert "404" in codes, (path, method)


@pytest.mark.parametrize(
    ("path", "method", "codes"),
    [
        ("/api/products/", "get", {"200", "400", "401", "404", "429"}),
        ("/api/stores/{id}/", "get", {"200", "401", "404", "429"}),
        ("/api/stores/{id}/", "delete", {"204", "401", "403", "404", "429"}),
        ("/api/vendors/me/stores/", "get", {"200", "400", "401", "403", "404", "429"}),
        ("/api/auth/login/", "post", {"200", "400", "401", "415", "429"}),
        ("/api/cart/items/", "post", {"200", "201", "400", "401", "403", "409"}),
    ],
)
def test_an_operation_declares_what_it_can_answer(schema, path, method, codes):
    declared = set(schema["paths"][path][method]["responses"])

    assert codes <= declared
    if method == "get" and path == "/api/products/":
        assert "403" not in declared


def test_descriptions_come_from_the_view_not_from_its_mixins(schema):
    mixins = [CachedPublicReadMixin, IdLookupMixin, ListFiltersMixin]
    mixin_docs = {inspect.cleandoc(mixin.__doc__) for mixin in mixins if mixin.__doc__}

    assert mixin_docs
    for path, method, operation in operations(schema):
        assert operation.get("description", "") not in mixin_docs, (path, method)


def test_an_invalid_token_on_a_public_read_answers_the_declared_401(api_client, schema):
    api_client.credentials(HTTP_AUTHORIZATION="Bearer not.a.token")

    response = api_client.get("/api/products/")

    assert response.status_code == 401
    assert response.json()["code"] == "token_not_valid"
    validator(schema, "TokenError").validate(response.json())


def test_no_token_on_a_protected_endpoint_answers_the_token_error(api_client, schema):
    response = api_client.get("/api/orders/")

    assert response.status_code == 401
    validator(schema, "TokenError").validate(response.json())


def test_field_and_detail_errors_match_their_components(
    api_client, vendor, store_index, schema
):
    api_client.credentials(HTTP_AUTHORIZATION=bearer(vendor))

    field_errors = api_client.post("/api/stores/", {"name": ""}, format="json")
    parse_error = api_client.generic(
        "POST", "/api/stores/", b"{", content_type="application/json"
    )
    not_found = api_client.get("/api/stores/999999/")

    assert field_errors.status_code == parse_error.status_code == 400
    validator(schema, "FieldErrors").validate(field_errors.json())
    validator(schema, "FieldErrors").validate(parse_error.json())
    assert not_found.status_code == 404
    validator(schema, "DetailError").validate(not_found.json())


def test_a_checkout_with_a_bad_nested_address_matches_field_errors(
    api_client, buyer, product, schema
):
    api_client.credentials(HTTP_AUTHORIZATION=bearer(buyer))
    api_client.post("/api/cart/items/", {"product": product.pk}, format="json")

    response = api_client.post(
        "/api/orders/",
        {"payment_method": "test", "shipping_address": {"city": ""}},
        format="json",
    )

    assert response.status_code == 400
    assert isinstance(response.json()["shipping_address"], dict)
    validator(schema, "FieldErrors").validate(response.json())
