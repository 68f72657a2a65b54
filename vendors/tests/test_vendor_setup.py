import pytest
from django.urls import reverse

from accounts.tests.factories import VendorFactory
from vendors.selectors import VendorSetup, vendor_setup
from vendors.tests.factories import ImageFactory, ProductPageFactory, StorePageFactory


@pytest.mark.django_db
def test_a_new_vendor_has_done_nothing_yet(vendor):
    setup = vendor_setup(user=vendor)

    assert setup == VendorSetup(
        store_id=None,
        is_store_live=False,
        has_logo=False,
        has_product=False,
        is_published=False,
    )
    assert setup.has_store is False
    assert setup.is_complete is False


@pytest.mark.django_db
def test_a_draft_store_with_a_logo_and_a_draft_product(store_index, vendor):
    store = StorePageFactory(vendor=vendor, logo=ImageFactory(), publish=False)
    ProductPageFactory(store=store, publish=False)

    setup = vendor_setup(user=vendor)

    assert setup == VendorSetup(
        store_id=store.pk,
        is_store_live=False,
        has_logo=True,
        has_product=True,
        is_published=False,
    )


@pytest.mark.django_db
def test_a_product_published_in_a_draft_store_is_not_yet_published(store_index, vendor):
    store = StorePageFactory(vendor=vendor, publish=False)
    ProductPageFactory(store=store, publish=True)

    assert vendor_setup(user=vendor).is_published is False


@pytest.mark.django_db
def test_a_live_store_with_a_logo_and_a_live_product_is_complete(store_index, vendor):
    store = StorePageFactory(vendor=vendor, logo=ImageFactory())
    ProductPageFactory(store=store)

    setup = vendor_setup(user=vendor)

    assert setup.is_published is True
    assert setup.is_complete is True


@pytest.mark.django_db
def test_another_vendors_pages_count_for_nothing(store_index, vendor):
    other = StorePageFactory(vendor=VendorFactory(), logo=ImageFactory())
    ProductPageFactory(store=other)

    assert vendor_setup(user=vendor).has_store is False


@pytest.mark.django_db
def test_the_setup_is_read_in_one_query(store_index, vendor, django_assert_num_queries):
    for _ in range(3):
        store = StorePageFactory(vendor=vendor)
        ProductPageFactory.create_batch(2, store=store)

    with django_assert_num_queries(1):
        vendor_setup(user=vendor)


@pytest.mark.django_db
def test_the_dashboard_shows_a_new_vendor_the_checklist_with_links(
    vendor_client,
):
    response = vendor_client.get(reverse("wagtailadmin_home"))

    content = response.content.decode()
    assert response.status_code == 200
    assert "Get your store selling" in content
    assert "0 of 4 done" in content
    assert f'href="{reverse("vendors_admin:store_open")}"' in content


@pytest.mark.django_db
def test_the_checklist_ticks_what_the_vendor_has_done(
    vendor_client, vendor, store_index
):
    store = StorePageFactory(vendor=vendor, publish=False)

    response = vendor_client.get(reverse("wagtailadmin_home"))

    content = response.content.decode()
    assert "1 of 4 done" in content
    assert f'href="/admin/pages/add/vendors/productpage/{store.pk}/"' in content
    assert f'href="/admin/pages/{store.pk}/edit/"' in content
    assert 'data-setup-step="1" data-done="true"' in content
    assert 'data-setup-step="3" data-done="false"' in content


@pytest.mark.django_db
def test_the_checklist_goes_once_everything_is_done(vendor_client, vendor, store):
    store.logo = ImageFactory()
    store.save_revision().publish()
    ProductPageFactory(store=store)

    response = vendor_client.get(reverse("wagtailadmin_home"))

    assert response.status_code == 200
    assert "Get your store selling" not in response.content.decode()


@pytest.mark.django_db
def test_admins_see_no_vendor_checklist(admin_client):
    response = admin_client.get(reverse("wagtailadmin_home"))

    assert response.status_code == 200
    assert "Get your store selling" not in response.content.decode()
