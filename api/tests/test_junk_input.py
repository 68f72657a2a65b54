"""Every write endpoint of the API schema answers junk text with 400, never 500:
a lone UTF-16 surrogate in a JSON string, and a 1 MB value in any field."""

import json

from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from api.tests.conftest import bearer
from reviews.tests.factories import ReviewFactory
from shop.services.cart import cart_add_item, cart_for
from shop.tests.factories import order_for

SURROGATE = "\ud800"
ONE_MB = "a" * 2**20
SELLER_PATHS = ("/api/products", "/api/stores", "/api/vendor/")


def _write_operations():
    """(path, method, property names, content types) of every write with a body."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    components = schema["components"]["schemas"]
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            content = (operation.get("requestBody") or {}).get("content", {})
            if method not in ("post", "put", "patch") or not content:
                continue
            # An upload endpoint may take multipart only.
            body = content.get("application/json") or next(iter(content.values()))
            ref = body["schema"].get("$ref", "")
            component = components.get(ref.rsplit("/", 1)[-1], {})
            fields = sorted(component.get("properties", {})) or ["value"]
            yield path, method, fields, list(content)


def _url(path, ids):
    for name, value in ids.items():
        if name.startswith("{"):
            path = path.replace(name, str(value))
        elif path.startswith(name):
            path = path.replace("{id}", str(value))
    return path


def _client(path, *, buyer, vendor):
    client = APIClient()
    if path.startswith(SELLER_PATHS) or path.endswith("/reply/"):
        client.credentials(HTTP_AUTHORIZATION=bearer(vendor))
    elif not path.startswith("/api/auth/") or path.endswith(("/me/", "/everywhere/")):
        client.credentials(HTTP_AUTHORIZATION=bearer(buyer))
    return client


def test_junk_text_in_any_field_of_any_write_endpoint_is_a_400(buyer, vendor, product):
    order = order_for(buyer=buyer, items=[(product, 1)])
    review = ReviewFactory(user=buyer, product=product)
    cart_add_item(
        cart=cart_for(user=buyer, session={}), product_id=product.pk, quantity=1
    )
    ids = {
        "/api/products/": product.pk,
        "/api/stores/": product.store_id,
        "/api/reviews/": review.pk,
        "/api/cart/items/": product.pk,
        "/api/vendor/orders/": order.parts.get().pk,
        "{item_id}": product.pk,
        "{order_id}": order.pk,
        "{part_id}": order.parts.get().pk,
    }
    operations = list(_write_operations())
    answers = {}

    for path, method, fields, content_types in operations:
        client = _client(path, buyer=buyer, vendor=vendor)
        url = _url(path, ids)
        send = getattr(client, method)
        for field in fields:
            for name, value in (("surrogate", SURROGATE), ("1 MB", ONE_MB)):
                if "application/json" not in content_types:
                    break
                body = json.dumps({field: value})
                response = send(url, body, content_type="application/json")
                answers[(method, path, field, name, "json")] = response.status_code
            if "multipart/form-data" in content_types:
                response = send(url, {field: ONE_MB}, format="multipart")
                answers[(method, path, field, "1 MB", "multipart")] = (
                    response.status_code
                )

    assert len(operations) >= 15
    bad = {key: code for key, code in answers.items() if code != 400}
    assert bad == {}
