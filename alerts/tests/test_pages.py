"""The price history from the admin's door, and the "was" price on the (cached)
product page."""

from decimal import Decimal

import pytest
from django.urls import reverse
from freezegun import freeze_time
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from alerts.models import Alert, PriceChange
from alerts.tests.factories import price_set
from vendors.tests.factories import ProductPageFactory

pytestmark = pytest.mark.django_db


def _publish_in_admin(client, product, price: str):
    data = nested_form_data(
        {
            "title": product.title,
            "slug": product.slug,
            "price": price,
            "summary": "",
            "description": rich_text(""),
            "image": "",
            "gallery_images": inline_formset([]),
            "comments": inline_formset([]),
            "action-publish": "action-publish",
        }
    )
    return client.post(reverse("wagtailadmin_pages:edit", args=[product.pk]), data)


def test_a_price_published_in_the_admin_is_recorded(vendor_client, product):
    response = _publish_in_admin(vendor_client, product, "8.25")

    assert response.status_code == 302
    product.refresh_from_db()
    assert product.price == Decimal("8.25")
    assert list(
        PriceChange.objects.filter(product=product)
        .order_by("changed_at", "pk")
        .values_list("price", flat=True)
    ) == [Decimal("10.00"), Decimal("8.25")]


def test_a_price_saved_as_a_draft_in_the_admin_is_not(vendor_client, product):
    data_response = vendor_client.post(
        reverse("wagtailadmin_pages:edit", args=[product.pk]),
        nested_form_data(
            {
                "title": product.title,
                "slug": product.slug,
                "price": "1.00",
                "summary": "",
                "description": rich_text(""),
                "image": "",
                "gallery_images": inline_formset([]),
                "comments": inline_formset([]),
            }
        ),
    )

    assert data_response.status_code == 302
    assert PriceChange.objects.filter(product=product).count() == 1


def test_the_was_price_shows_at_once_on_the_cached_page(client, store):
    with freeze_time("2026-05-01 09:00:00+00:00") as clock:
        product = ProductPageFactory(store=store, price=Decimal("30.00"))
        clock.tick(86400 * 2)
        first = client.get(product.url).content.decode()
        assert "data-was-price" not in first

        price_set(product=product, price="24.00")

        content = client.get(product.url).content.decode()
        assert "$24.00" in content
        assert "data-was-price" in content
        assert '<span class="price-was">$30.00</span>' in content


def test_a_raise_shows_no_was_price(client, product):
    price_set(product=product, price="14.00")

    assert "data-was-price" not in client.get(product.url).content.decode()


def test_the_product_page_offers_back_in_stock_only_when_sold_out(client, store):
    sold_out = ProductPageFactory(store=store, stock_quantity=0)
    in_stock = ProductPageFactory(store=store)

    assert "data-alert-back-in-stock" in client.get(sold_out.url).content.decode()
    assert "data-alert-back-in-stock" not in client.get(in_stock.url).content.decode()


def test_the_alert_form_makes_an_alert(buyer_client, buyer, store):
    sold_out = ProductPageFactory(store=store, stock_quantity=0)

    response = buyer_client.post(
        reverse("alerts:create"),
        {"product": sold_out.pk, "kind": "back_in_stock", "next": sold_out.url},
    )

    assert response.status_code == 302
    assert response["Location"] == sold_out.url
    assert list(Alert.objects.values_list("user_id", "kind")) == [
        (buyer.pk, "back_in_stock")
    ]


def test_a_guest_is_sent_to_sign_in(client, product):
    response = client.post(
        reverse("alerts:create"),
        {"product": product.pk, "kind": "price_drop", "next": product.url},
    )

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert Alert.objects.count() == 0


def test_the_alerts_page_lists_and_cancels(buyer_client, buyer, product):
    alert = Alert.objects.create(
        user=buyer, product=product, kind="price_drop", reference_price=10
    )

    page = buyer_client.get(reverse("alerts:list")).content.decode()
    assert "When it costs less than $10.00" in page

    buyer_client.post(reverse("alerts:cancel", args=[alert.pk]))

    alert.refresh_from_db()
    assert alert.status == "cancelled"
    assert (
        buyer_client.get(reverse("alerts:list"), {"status": "active"})
        .content.decode()
        .count("data-alert=")
        == 0
    )


def test_someone_elses_alert_cannot_be_cancelled_on_the_site(client, buyer, product):
    from accounts.tests.factories import UserFactory

    alert = Alert.objects.create(
        user=buyer, product=product, kind="price_drop", reference_price=10
    )
    client.force_login(UserFactory())

    assert client.post(reverse("alerts:cancel", args=[alert.pk])).status_code == 404
    alert.refresh_from_db()
    assert alert.status == "active"
