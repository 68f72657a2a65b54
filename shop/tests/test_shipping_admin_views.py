"""The admin screens for a store's shipping rules and a digital product's files."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.tests.factories import VendorFactory
from shop.models import ProductFile, ShippingRule
from vendors.tests.factories import ProductPageFactory


@pytest.fixture
def ebook(store):
    return ProductPageFactory(store=store, title="Glaze e-book", digital=True)


def test_the_owner_sets_the_stores_shipping(vendor_client, store):
    url = reverse("shop_admin:store_shipping", args=[store.pk])

    form = vendor_client.get(url)
    response = vendor_client.post(
        url,
        {
            "flat_rate": "4.90",
            "per_additional_item": "1.00",
            "free_over": "",
            "countries": ["FR", "BE"],
        },
    )

    assert form.status_code == 200
    assert response.status_code == 302
    rule = ShippingRule.objects.get(store=store)
    assert (rule.flat_rate, rule.free_over, rule.country_codes) == (
        Decimal("4.90"), None, ["BE", "FR"],
    )  # fmt: skip


def test_another_vendor_reaches_neither_screen(client, store, ebook):
    client.force_login(VendorFactory())

    assert (
        client.get(reverse("shop_admin:store_shipping", args=[store.pk])).status_code
        == 404
    )
    assert (
        client.get(reverse("shop_admin:product_files", args=[ebook.pk])).status_code
        == 404
    )


def test_the_owner_attaches_and_removes_a_file(vendor_client, ebook):
    url = reverse("shop_admin:product_files", args=[ebook.pk])

    vendor_client.post(
        url,
        {"name": "The book (PDF)", "file": SimpleUploadedFile("b.pdf", b"%PDF")},
    )
    listing = vendor_client.get(url)
    product_file = ProductFile.objects.get(product=ebook)
    vendor_client.post(
        reverse("shop_admin:product_file_delete", args=[ebook.pk, product_file.pk])
    )

    assert "The book (PDF)" in listing.content.decode()
    assert "data-download-count>0<" in listing.content.decode()
    assert not ProductFile.objects.exists()
