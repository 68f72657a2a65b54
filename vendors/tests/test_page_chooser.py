"""The admin's page chooser (a call-to-action link in a store's body) leads a vendor
from the root down to their own pages, and past nobody else's."""

import pytest

from vendors.tests.factories import StorePageFactory


def _chooser_html(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.json()["html"]


@pytest.mark.django_db
def test_page_chooser_walks_a_vendor_from_the_root_to_their_products(
    vendor_client, home_page, store_index, store, product
):
    StorePageFactory(title="Elsewhere Books")

    at_root = _chooser_html(vendor_client, "/admin/choose-page/")
    at_home = _chooser_html(vendor_client, f"/admin/choose-page/{home_page.pk}/")
    at_index = _chooser_html(vendor_client, f"/admin/choose-page/{store_index.pk}/")
    in_store = _chooser_html(vendor_client, f"/admin/choose-page/{store.pk}/")

    assert f'data-id="{home_page.pk}"' in at_root
    assert f'data-id="{store_index.pk}"' in at_home
    assert f'data-id="{store.pk}"' in at_index
    assert "Elsewhere Books" not in at_index
    assert f'data-id="{product.pk}"' in in_store


@pytest.mark.django_db
def test_page_chooser_shows_a_vendor_without_a_store_no_page(vendor_client):
    StorePageFactory(title="Elsewhere Books")

    at_root = _chooser_html(vendor_client, "/admin/choose-page/")

    assert "data-id=" not in at_root
