import json
from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.tests.factories import TEST_PASSWORD, UserFactory
from shop.models import CartItem
from vendors.tests.factories import ProductPageFactory
from wishlists.models import Wishlist, WishlistItem

pytestmark = pytest.mark.django_db


def _add(client, product, **headers):
    return client.post(
        reverse("wishlists:item_add"), {"product": product.pk, "next": "/"}, **headers
    )


def test_saving_twice_keeps_one_line(buyer_client, buyer, product):
    _add(buyer_client, product)
    response = _add(buyer_client, product, HTTP_ACCEPT="application/json")

    assert response.status_code == 200
    assert json.loads(response.content) == {"product": product.pk, "saved": True}
    assert list(
        WishlistItem.objects.filter(wishlist__user=buyer).values_list(
            "product_id", "price_when_added"
        )
    ) == [(product.pk, Decimal("10.00"))]


def test_removing_takes_it_off(buyer_client, buyer, product):
    _add(buyer_client, product)

    response = buyer_client.post(
        reverse("wishlists:item_remove"),
        {"product": product.pk},
        HTTP_ACCEPT="application/json",
    )

    assert json.loads(response.content) == {"product": product.pk, "saved": False}
    assert WishlistItem.objects.count() == 0


def test_an_unpublished_product_cannot_be_saved(buyer_client, store):
    draft = ProductPageFactory(store=store, publish=False)

    response = _add(buyer_client, draft, HTTP_ACCEPT="application/json")

    assert response.status_code == 400
    assert WishlistItem.objects.count() == 0


def test_a_guest_list_merges_at_login(client, product, store):
    other = ProductPageFactory(store=store, title="Bowl", price=Decimal("4.00"))
    user = UserFactory()
    Wishlist.objects.create(user=user).items.create(
        product=other, price_when_added=Decimal("3.00")
    )
    _add(client, product)
    _add(client, other)

    client.post(
        reverse("account_login"), {"login": user.username, "password": TEST_PASSWORD}
    )

    rows = WishlistItem.objects.filter(wishlist__user=user).order_by("product_id")
    assert [(row.product_id, row.price_when_added) for row in rows] == [
        (product.pk, Decimal("10.00")),
        (other.pk, Decimal("3.00")),
    ]
    assert "wishlist" not in client.session


def test_the_wishlist_page_shows_price_now_and_when_saved(buyer_client, buyer, product):
    Wishlist.objects.create(user=buyer).items.create(
        product=product, price_when_added=Decimal("12.00")
    )

    response = buyer_client.get(reverse("wishlists:detail"))

    content = response.content.decode()
    assert "$10.00" in content
    assert "$12.00 when saved" in content
    assert "In stock" in content


def test_share_then_revoke_makes_the_old_link_404(buyer_client, buyer, product):
    buyer.first_name = "Ada"
    buyer.email = "ada@example.com"
    buyer.save()
    _add(buyer_client, product)
    buyer_client.post(reverse("wishlists:share"))
    token = Wishlist.objects.get(user=buyer).share_token
    assert len(token) >= 32

    shared = buyer_client.get(reverse("wishlists:shared", args=[token]))
    content = shared.content.decode()
    assert shared.status_code == 200
    assert "Ada’s wishlist" in content
    assert "ada@example.com" not in content
    assert buyer.last_name not in content or not buyer.last_name
    assert shared["X-Robots-Tag"] == "noindex, nofollow"
    assert '<meta name="robots" content="noindex, nofollow">' in content

    buyer_client.post(reverse("wishlists:unshare"))

    assert (
        buyer_client.get(reverse("wishlists:shared", args=[token])).status_code == 404
    )
    buyer_client.post(reverse("wishlists:share"))
    assert Wishlist.objects.get(user=buyer).share_token != token


def test_a_visitor_adds_a_shared_list_to_their_own_cart(client, buyer, product):
    wishlist = Wishlist.objects.create(user=buyer, share_token="t" * 32)
    wishlist.items.create(product=product, price_when_added=product.price)
    visitor = UserFactory()
    client.force_login(visitor)

    response = client.post(reverse("wishlists:shared_add_all", args=["t" * 32]))

    assert response.status_code == 302
    assert list(
        CartItem.objects.filter(cart__user=visitor).values_list(
            "product_id", "quantity"
        )
    ) == [(product.pk, 1)]
    assert not CartItem.objects.filter(cart__user=buyer).exists()


def test_add_all_skips_what_is_sold_out(buyer_client, buyer, product, store):
    sold_out = ProductPageFactory(store=store, stock_quantity=0)
    wishlist = Wishlist.objects.create(user=buyer)
    wishlist.items.create(product=product, price_when_added=product.price)
    wishlist.items.create(product=sold_out, price_when_added=sold_out.price)

    buyer_client.post(reverse("wishlists:add_all"))

    assert list(
        CartItem.objects.filter(cart__user=buyer).values_list("product_id", flat=True)
    ) == [product.pk]


def test_session_state_lists_the_saved_products_of_the_page(
    buyer_client, product, store
):
    other = ProductPageFactory(store=store)
    _add(buyer_client, product)

    response = buyer_client.get(
        reverse("pagecache:session_state"), {"saved": f"{product.pk},{other.pk},x"}
    )

    assert json.loads(response.content)["wishlist_saved"] == [product.pk]


def test_a_guest_heart_state_comes_from_the_session(client, product):
    _add(client, product)

    response = client.get(reverse("pagecache:session_state"), {"saved": product.pk})

    assert json.loads(response.content)["wishlist_saved"] == [product.pk]


def test_the_vendor_dashboard_shows_how_many_saved_each_product(
    client, vendor, product, store
):
    other_product = ProductPageFactory(store=store, title="Plain bowl")
    for user in UserFactory.create_batch(3):
        Wishlist.objects.create(user=user).items.create(
            product=product, price_when_added=product.price
        )
    shopper = UserFactory(email="secret@example.com")
    Wishlist.objects.create(user=shopper).items.create(
        product=other_product, price_when_added=product.price
    )
    client.force_login(vendor)

    content = client.get(reverse("wagtailadmin_home")).content.decode()

    assert f'data-saved-count="{product.pk}">3<' in content
    assert f'data-saved-count="{other_product.pk}">1<' in content
    assert "secret@example.com" not in content
    assert shopper.username not in content


def test_another_vendors_dashboard_shows_none_of_it(client, product):
    from accounts.tests.factories import VendorFactory

    Wishlist.objects.create(user=UserFactory()).items.create(
        product=product, price_when_added=product.price
    )
    client.force_login(VendorFactory())

    content = client.get(reverse("wagtailadmin_home")).content.decode()

    assert "data-saved-count" not in content
