"""A short journey through the API with the Python client that
openapi-python-client generated from /api/schema/, as an integrator would use it,
with no hand edits: register, log in, a vendor opens a store and adds a product
with a picture, a buyer puts it in the cart, checks out with the test payment
provider and reviews it; an expired and an invalid token get the declared 401.

Every request and response the journey sees is validated against the schema with
openapi-core (OpenAPI 3.1, JSON Schema 2020-12, formats checked); the first one
that does not conform stops the journey.

    python scripts/api_client_journey.py BASE_URL SCHEMA.json PACKAGE_DIR

Run by scripts/api_clients.sh, which serves the site and generates the client.
DJANGO_SETTINGS_MODULE and the server's environment must be set: the expired
token is signed with the server's key.
"""

import importlib
import io
import json
import logging
import sys
import uuid
from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from openapi_core import OpenAPI
from openapi_core.datatypes import RequestParameters
from PIL import Image
from werkzeug.datastructures import Headers, ImmutableMultiDict

PASSWORD = "a-journey-through-the-api-7"  # noqa: S105 (a throwaway test account)
seen: list[str] = []


def say(message: str) -> None:
    print(message, flush=True)  # noqa: T201


def check(condition, detail) -> None:
    """A failed expectation stops the journey (not an assert: -O keeps it)."""
    if not condition:
        raise SystemExit(f"Unexpected: {detail!r}")


class _Request:
    """An httpx request as openapi-core reads one."""

    def __init__(self, request):
        url = urlparse(str(request.url))
        self.host_url = f"{url.scheme}://{url.netloc}"
        self.path = url.path
        self.method = request.method.lower()
        self.content_type = request.headers.get("Content-Type", "")
        # A multipart upload is streamed; only JSON bodies are checked.
        is_json = self.content_type.startswith("application/json")
        self.body = (request.content or None) if is_json else None
        self.parameters = RequestParameters(
            query=ImmutableMultiDict(parse_qs(url.query)),
            header=Headers(dict(request.headers)),
            cookie=ImmutableMultiDict({}),
        )


class _Response:
    def __init__(self, response):
        self.status_code = response.status_code
        self.headers = Headers(dict(response.headers))
        self.content_type = response.headers.get("Content-Type", "")
        self.data = response.content


def validating_hook(openapi: OpenAPI):
    def validate(response):
        response.read()
        request = _Request(response.request)
        where = f"{request.method.upper()} {request.path} -> {response.status_code}"
        # Requests the server accepted must match the schema too (the journey
        # also sends some it must refuse: those are checked by their answer).
        if response.is_success and request.content_type.startswith("application/json"):
            openapi.validate_request(request)
        openapi.validate_response(request, _Response(response))
        seen.append(where)
        say(f"  valid: {where}")

    return validate


def expect(response, status: int, what: str):
    if response.status_code != status:
        raise SystemExit(
            f"{what}: expected {status}, got {response.status_code}: "
            f"{response.content[:500]!r}"
        )
    return response.parsed


def png():
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "teal").save(buffer, format="PNG")
    buffer.seek(0)
    return buffer


def expired_token_for(user_id: int) -> str:
    import django

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    django.setup()
    logging.getLogger("httpx").setLevel(logging.WARNING)  # Django's logging is on
    from rest_framework_simplejwt.settings import api_settings
    from rest_framework_simplejwt.tokens import AccessToken

    token = AccessToken()
    token[api_settings.USER_ID_CLAIM] = str(user_id)
    token.set_exp(lifetime=-timedelta(minutes=5))
    return str(token)


def main(base_url: str, schema_path: str, package_dir: str) -> None:
    package = Path(package_dir)
    sys.path.insert(0, str(package.parent))

    def module(name):
        return importlib.import_module(f"{package.name}.{name}")

    def op(tag, name):
        return module(f"api.{tag}.{name}")

    models = module("models")
    types = module("types")
    client_module = module("client")

    openapi = OpenAPI.from_dict(json.loads(Path(schema_path).read_text()))
    hooks = {"event_hooks": {"response": [validating_hook(openapi)]}}
    anonymous = client_module.Client(base_url=base_url, httpx_args=hooks)

    def signed_in(token):
        return client_module.AuthenticatedClient(
            base_url=base_url, token=token, httpx_args=hooks
        )

    suffix = uuid.uuid4().hex[:8]
    users = {}
    say("Register and log in a vendor and a buyer")
    for role in (models.RegisterRoleEnum.VENDOR, models.RegisterRoleEnum.BUYER):
        name = f"journey-{role.value}-{suffix}"
        registered = expect(
            op("auth", "auth_register_create").sync_detailed(
                client=anonymous,
                body=models.RegisterInputRequest(
                    username=name,
                    email=f"{name}@example.com",
                    password=PASSWORD,
                    role=role,
                ),
            ),
            201,
            f"register {role.value}",
        )
        tokens = expect(
            op("auth", "auth_login_create").sync_detailed(
                client=anonymous,
                body=models.LoginInputRequest(username=name, password=PASSWORD),
            ),
            200,
            f"log in {role.value}",
        )
        users[role.value] = (registered, signed_in(tokens.access))
    vendor, buyer = users["vendor"][1], users["buyer"][1]
    me = expect(op("auth", "auth_me_retrieve").sync_detailed(client=buyer), 200, "me")
    check(me.role == models.UserRoleEnum.BUYER, me.role)

    say("The vendor opens a store with a logo and adds a product with a picture")
    store = expect(
        op("stores", "stores_create").sync_detailed(
            client=vendor,
            body=models.StoreInputRequest(
                name=f"Journey store {suffix}", description="Made by a client."
            ),
        ),
        201,
        "create a store",
    )
    store = expect(
        op("stores", "stores_logo_create").sync_detailed(
            store.id,
            client=vendor,
            body=models.LogoInputRequest(
                logo=types.File(
                    payload=png(), file_name="logo.png", mime_type="image/png"
                )
            ),
        ),
        200,
        "upload the store's logo",
    )
    check(store.logo is not None and store.logo.thumbnail, store.logo)
    product = expect(
        op("products", "products_create").sync_detailed(
            client=vendor,
            body=models.ProductInputRequest(
                store=store.id,
                name=f"Journey mug {suffix}",
                price="12.50",
                stock_quantity=5,
                description="A mug.\n\nMade for the journey.",
            ),
        ),
        201,
        "create a product",
    )
    product = expect(
        op("products", "products_image_create").sync_detailed(
            product.id,
            client=vendor,
            body=models.ImageInputRequest(
                image=types.File(
                    payload=png(), file_name="mug.png", mime_type="image/png"
                )
            ),
        ),
        200,
        "upload the product's picture",
    )
    check(product.image is not None and product.image.large, product.image)
    anonymous_read = expect(
        op("products", "products_retrieve").sync_detailed(product.id, client=anonymous),
        200,
        "read the product anonymously",
    )
    check(anonymous_read.name == product.name, "")

    say("The buyer buys it and reviews it")
    line = expect(
        op("cart", "cart_items_create").sync_detailed(
            client=buyer,
            body=models.CartItemInputRequest(product=product.id, quantity=2),
        ),
        201,
        "add to the cart",
    )
    check(line.quantity == 2, "")
    refused = op("cart", "cart_items_partial_update").sync_detailed(
        product.id, client=buyer, body=models.CartQuantityInputRequest(quantity=0)
    )
    expect(refused, 400, "a zero quantity")
    check(isinstance(refused.parsed, models.FieldErrors), refused.parsed)
    cart = expect(op("cart", "cart_retrieve").sync_detailed(client=buyer), 200, "cart")
    check(cart.total == "25.00", cart.total)
    order = expect(
        op("orders", "orders_create").sync_detailed(
            client=buyer,
            body=models.CheckoutInputRequest(
                payment_method=models.PaymentMethodEnum.TEST,
                shipping_address=models.AddressRequest(
                    full_name="Journey Buyer",
                    address="1 Client Street",
                    city="Lyon",
                    zipcode="69001",
                    country="FR",
                ),
            ),
        ),
        201,
        "check out",
    )
    check(order.status == models.OrderStatusEnum.PAID, order.status)
    expect(
        op("orders", "orders_retrieve").sync_detailed(order.id, client=buyer),
        200,
        "read the order",
    )
    review = expect(
        op("reviews", "reviews_create").sync_detailed(
            client=buyer,
            body=models.ReviewInputRequest(
                product=product.id, rating=5, comment="Generated, and it works."
            ),
        ),
        201,
        "review the product",
    )
    check(review.is_verified and review.reply is None, review)
    expect(
        op("reviews", "products_reviews_list").sync_detailed(
            product.id, client=anonymous
        ),
        200,
        "list the product's reviews",
    )

    say("Refused tokens get the declared 401, public reads included")
    buyer_id = me.id  # registration answers no id (accounts.registration)
    for label, token in [
        ("expired", expired_token_for(buyer_id)),
        ("invalid", "not-a-token"),
    ]:
        for call in (
            lambda client: op("products", "products_list").sync_detailed(client=client),
            lambda client: op("orders", "orders_list").sync_detailed(client=client),
        ):
            refusal = call(signed_in(token))
            error = expect(refusal, 401, f"an {label} token")
            check(isinstance(error, models.TokenError), error)
            check(error.code == "token_not_valid", error.code)
    missing = op("products", "products_retrieve").sync_detailed(2**62, client=anonymous)
    detail = expect(missing, 404, "an unknown product").detail
    check(detail == "Product not found.", detail)

    say(f"Journey passed: {len(seen)} responses, each valid against the schema.")


if __name__ == "__main__":
    main(*sys.argv[1:4])
