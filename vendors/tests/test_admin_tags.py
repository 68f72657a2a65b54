"""The admin's tag autocomplete offers a vendor only their own images' tags."""

import pytest
from django.urls import reverse

from accounts.tests.factories import VendorFactory
from vendors.access import vendor_workspace_ensure
from vendors.tests.factories import ImageFactory

URL = reverse("wagtailadmin_tag_autocomplete")


@pytest.fixture
def tagged(vendor):
    mine = ImageFactory(collection=vendor_workspace_ensure(vendor=vendor).collection)
    mine.tags.add("kiln-glaze", "blue")
    bramble = VendorFactory(username="bramble")
    theirs = ImageFactory(collection=vendor_workspace_ensure(vendor=bramble).collection)
    theirs.tags.add("bramble-secret-launch", "blue")


def _suggest(client, term):
    response = client.get(URL, {"term": term})
    assert response.status_code == 200
    return response.json()


@pytest.mark.django_db
def test_a_vendor_is_offered_only_their_own_tags(vendor_client, tagged):
    assert _suggest(vendor_client, "b") == ["blue"]
    assert _suggest(vendor_client, "k") == ["kiln-glaze"]
    assert _suggest(vendor_client, "") == []


@pytest.mark.django_db
def test_an_admin_is_offered_every_tag(admin_client, tagged):
    assert _suggest(admin_client, "b") == ["blue", "bramble-secret-launch"]


@pytest.mark.django_db
def test_a_buyer_is_sent_to_log_in(buyer_client, tagged):
    response = buyer_client.get(URL, {"term": "b"})

    assert response.status_code == 302
    assert "bramble" not in response.content.decode()
