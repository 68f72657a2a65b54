"""Types that say what they are: integer ids named `id`, nullable fields that
strict validators accept, the server's bounds and enums."""

import jsonschema
import pytest

from api.schema import _id_names
from api.tests.conftest import bearer
from config.validators import MAX_PRICE
from shop.services.cart import MAX_LINE_QUANTITY

REF = "#/components/schemas/"


@pytest.fixture(scope="module")
def schema(django_db_blocker):
    from drf_spectacular.generators import SchemaGenerator

    with django_db_blocker.unblock():
        return SchemaGenerator().get_schema(request=None, public=True)


def validate(schema, name, instance):
    jsonschema.Draft202012Validator(
        {"$ref": REF + name, "components": schema["components"]}
    ).validate(instance)


def test_path_ids_are_integers_and_the_addressed_one_is_named_id(schema):
    seen = 0
    for path, item in schema["paths"].items():
        for operation in item.values():
            for parameter in operation.get("parameters", []):
                if parameter["in"] != "path" or not parameter["name"].endswith("id"):
                    continue
                seen += 1
                assert parameter["schema"]["type"] == "integer", path
                assert parameter["schema"]["minimum"] == 1
        ids = [part for part in path.split("/") if part.endswith("id}")]
        if ids:
            assert ids[-1] == "{id}", path
    assert seen > 20


@pytest.mark.parametrize(
    ("path", "names"),
    [
        ("/api/orders/{order_id}/", {"order_id": "id"}),
        ("/api/products/{product_id}/reviews/", {"product_id": "id"}),
        (
            "/api/orders/{order_id}/parts/{part_id}/received/",
            {"order_id": "order_id", "part_id": "id"},
        ),
        ("/api/wishlists/shared/{token}/", {}),
    ],
)
def test_id_names(path, names):
    assert _id_names(path) == names


def test_the_urls_themselves_are_unchanged(api_client, buyer):
    api_client.credentials(HTTP_AUTHORIZATION=bearer(buyer))

    assert api_client.get("/api/orders/999999/").status_code == 404
    assert api_client.get("/api/orders/999999/").json() == {"detail": "Not found."}


def test_cart_quantities_carry_the_servers_bounds(schema):
    components = schema["components"]["schemas"]
    for name in ("CartItemInputRequest", "CartQuantityInputRequest"):
        quantity = components[name]["properties"]["quantity"]
        assert (quantity["minimum"], quantity["maximum"]) == (1, MAX_LINE_QUANTITY)


def test_a_zero_quantity_is_refused_with_the_bound_in_the_message(api_client, product):
    response = api_client.post(
        "/api/cart/items/", {"product": product.pk, "quantity": 0}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {"quantity": ["The quantity must be at least 1."]}


def test_prices_carry_their_bounds_and_may_be_json_numbers(schema):
    price = schema["components"]["schemas"]["ProductInputRequest"]["properties"][
        "price"
    ]

    text, number = price["anyOf"]
    assert text["type"] == "string" and "pattern" in text
    assert (number["minimum"], number["maximum"]) == (0, float(MAX_PRICE))


@pytest.mark.parametrize(
    "payload",
    [{"name": 5}, {"name": "Kiln", "phone": 0}, {"name": "Kiln", "address": 1.5}],
)
def test_text_fields_take_text_only(api_client, vendor, store_index, payload):
    api_client.credentials(HTTP_AUTHORIZATION=bearer(vendor))

    response = api_client.post("/api/stores/", payload, format="json")

    assert response.status_code == 400
    assert set(response.json()) <= {"name", "phone", "address"}


def test_a_numeric_postal_code_is_refused(api_client, buyer, product):
    api_client.credentials(HTTP_AUTHORIZATION=bearer(buyer))
    api_client.post("/api/cart/items/", {"product": product.pk}, format="json")
    address = {
        "full_name": "Bea",
        "address": "1 Rue",
        "city": "Lyon",
        "zipcode": 69001,
        "country": "FR",
    }

    response = api_client.post(
        "/api/orders/",
        {"payment_method": "test", "shipping_address": address},
        format="json",
    )

    assert response.status_code == 400
    assert "zipcode" in response.json()["shipping_address"]


def test_only_lists_describe_the_list_filters(schema):
    def names(path):
        return {p["name"] for p in schema["paths"][path]["get"]["parameters"]}

    assert {"vendor", "search", "ordering"} <= names("/api/stores/")
    assert names("/api/stores/{id}/products/") == {"id", "page", "page_size"}


def test_statuses_and_roles_are_enums(schema):
    components = schema["components"]["schemas"]
    assert {"OrderStatusEnum", "PaymentStatusEnum", "UserRoleEnum"} <= set(components)
    assert set(components["UserRoleEnum"]["enum"]) >= {"buyer", "vendor"}
    assert "delivered" in components["OrderStatusEnum"]["enum"]


def test_null_references_validate_strictly(api_client, product, schema):
    product.image = None
    product.save()
    answer = api_client.get(f"/api/products/{product.pk}/").json()
    store = api_client.get(f"/api/stores/{product.store_id}/").json()
    reviews = api_client.get("/api/reviews/").json()

    assert answer["image"] is None
    validate(schema, "ProductOutput", answer)
    assert store["logo"] is None
    validate(schema, "StoreOutput", store)
    validate(schema, "PaginatedReviewOutputList", reviews)


def test_a_null_reference_is_written_as_a_one_of_with_null(schema):
    image = schema["components"]["schemas"]["ProductOutput"]["properties"]["image"]

    assert {"type": "null"} in image["oneOf"]
    assert "nullable" not in image


def test_max_length_counts_the_text_as_sent(api_client, vendor, store_index):
    api_client.credentials(HTTP_AUTHORIZATION=bearer(vendor))
    description = "Kiln" + "\u0085" * 500  # trailing whitespace DRF would trim

    response = api_client.post(
        "/api/stores/", {"name": "Kiln", "description": description}, format="json"
    )

    assert response.status_code == 400
    assert "description" in response.json()
