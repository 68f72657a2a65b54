"""The role x action table of API.md, one request per cell (stores, products,
reviews, vendors, cart and orders). The review in the review rows is the
buyer's own."""

import pytest

from accounts.tests.factories import AdminFactory, UserFactory
from reviews.tests.factories import ReviewFactory

ACTORS = ["public", "buyer", "owner", "other_vendor", "admin"]

# action: (method, url template, payload, expected code per actor in ACTORS order)
MATRIX = {
    "store list": ("get", "/api/stores/", None, [200, 200, 200, 200, 200]),
    "store detail": ("get", "/api/stores/{store}/", None, [200, 200, 200, 200, 200]),
    "store products": (
        "get",
        "/api/stores/{store}/products/",
        None,
        [200, 200, 200, 200, 200],
    ),
    "store create": (
        "post",
        "/api/stores/",
        {"name": "New store"},
        [401, 403, 201, 201, 201],
    ),
    "store update": (
        "patch",
        "/api/stores/{store}/",
        {"phone": "+1 555"},
        [401, 403, 200, 403, 200],
    ),
    "store delete": ("delete", "/api/stores/{store}/", None, [401, 403, 204, 403, 204]),
    "product list": ("get", "/api/products/", None, [200, 200, 200, 200, 200]),
    "product detail": (
        "get",
        "/api/products/{product}/",
        None,
        [200, 200, 200, 200, 200],
    ),
    "product create": (
        "post",
        "/api/products/",
        {"store": "{store}", "name": "Jug", "price": "4.50"},
        [401, 403, 201, 403, 201],
    ),
    "product update": (
        "patch",
        "/api/products/{product}/",
        {"price": "11.00"},
        [401, 403, 200, 403, 200],
    ),
    "product delete": (
        "delete",
        "/api/products/{product}/",
        None,
        [401, 403, 204, 403, 204],
    ),
    "review list": ("get", "/api/reviews/", None, [200, 200, 200, 200, 200]),
    "product reviews": (
        "get",
        "/api/products/{product}/reviews/",
        None,
        [200, 200, 200, 200, 200],
    ),
    "review detail": ("get", "/api/reviews/{review}/", None, [200] * 5),
    "review create": (
        "post",
        "/api/reviews/",
        {"product": "{product}", "rating": 5},
        # The buyer reviewed the product already; the owner sells it.
        [401, 400, 403, 201, 201],
    ),
    "review update": (
        "patch",
        "/api/reviews/{review}/",
        {"rating": 2},
        [401, 200, 403, 403, 200],
    ),
    "review delete": (
        "delete",
        "/api/reviews/{review}/",
        None,
        [401, 204, 403, 403, 204],
    ),
    "review reply": (
        "post",
        "/api/reviews/{review}/reply/",
        {"text": "Thank you"},
        [401, 403, 201, 403, 201],
    ),
    "vendor list": ("get", "/api/vendors/", None, [200, 200, 200, 200, 200]),
    "vendor detail": (
        "get",
        "/api/vendors/{vendor}/",
        None,
        [200, 200, 200, 200, 200],
    ),
    "own stores": ("get", "/api/vendors/me/stores/", None, [401, 403, 200, 200, 200]),
    "own products": (
        "get",
        "/api/vendors/me/products/",
        None,
        [401, 403, 200, 200, 200],
    ),
    "cart": ("get", "/api/cart/", None, [200, 200, 200, 200, 200]),
    "cart add": (
        "post",
        "/api/cart/items/",
        {"product": "{product}", "quantity": 1},
        [201, 201, 201, 201, 201],
    ),
    "wishlist": ("get", "/api/wishlist/", None, [401, 200, 200, 200, 200]),
    "wishlist add": (
        "post",
        "/api/wishlist/items/",
        {"product": "{product}"},
        [401, 201, 201, 201, 201],
    ),
    "wishlist share": ("post", "/api/wishlist/share/", None, [401, 200, 200, 200, 200]),
    "shared wishlist (unknown token)": (
        "get",
        "/api/wishlists/shared/not-a-token-of-anyone-at-all/",
        None,
        [404, 404, 404, 404, 404],
    ),
    "own alerts": ("get", "/api/alerts/", None, [401, 200, 200, 200, 200]),
    "alert create": (
        "post",
        "/api/alerts/",
        {"product": "{product}", "kind": "price_drop"},
        [401, 201, 201, 201, 201],
    ),
    "own orders": ("get", "/api/orders/", None, [401, 200, 200, 200, 200]),
    "checkout (empty cart)": (
        "post",
        "/api/orders/",
        {"payment_method": "test"},
        [401, 400, 400, 400, 400],
    ),
    "store orders": ("get", "/api/vendor/orders/", None, [401, 403, 200, 200, 200]),
    "vendor balance": ("get", "/api/vendor/balance/", None, [401, 403, 200, 200, 403]),
    "vendor ledger": ("get", "/api/vendor/ledger/", None, [401, 403, 200, 200, 403]),
    "vendor payouts": ("get", "/api/vendor/payouts/", None, [401, 403, 200, 200, 403]),
    "payout request (none available)": (
        "post",
        "/api/vendor/payouts/",
        {"amount": "1.00"},
        [401, 403, 400, 400, 403],
    ),
    "vendor sales report": (
        "get",
        "/api/vendor/reports/sales/",
        None,
        [401, 403, 200, 200, 200],
    ),
    "admin sales report": (
        "get",
        "/api/admin/reports/sales/",
        None,
        [401, 403, 403, 403, 200],
    ),
}

CASES = [
    pytest.param(action, actor, codes[index], id=f"{action}-{actor}")
    for action, (_, _, _, codes) in MATRIX.items()
    for index, actor in enumerate(ACTORS)
]


def _fill(value, ids):
    if isinstance(value, str) and value.startswith("{") and value.endswith("}"):
        return int(value.format(**ids))
    if isinstance(value, str):
        return value.format(**ids)
    if isinstance(value, dict):
        return {key: _fill(item, ids) for key, item in value.items()}
    return value


@pytest.mark.parametrize(("action", "actor", "expected"), CASES)
def test_role_may_or_may_not(
    client_as, vendor, other_vendor, product, action, actor, expected
):
    users = {
        "public": None,
        "buyer": UserFactory(),
        "owner": vendor,
        "other_vendor": other_vendor,
        "admin": AdminFactory(),
    }
    ids = {"store": product.store_id, "product": product.pk, "vendor": vendor.pk}
    if action.startswith("review"):
        ids["review"] = ReviewFactory(user=users["buyer"], product=product).pk
    method, url, payload, _ = MATRIX[action]
    payload = _fill(payload, ids)
    if action == "store create" and actor == "admin":
        payload = {**payload, "vendor": vendor.pk}

    response = getattr(client_as(users[actor]), method)(
        _fill(url, ids), payload, format="json"
    )

    assert response.status_code == expected, response.content
