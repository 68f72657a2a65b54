import pytest
from django.urls import reverse

from accounts.models import User
from accounts.tests.factories import VendorFactory
from home.models import SiteSettings
from notifications.models import Notification
from vendor_accounts.models import VendorAccount

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending_vendor(site):
    settings = SiteSettings.load()
    settings.vendor_accounts_need_approval = True
    settings.save()
    vendor = VendorFactory(username="potter")
    VendorAccount.objects.filter(vendor=vendor).update(business_name="Potter & Co")
    return User.objects.get(pk=vendor.pk)


def test_an_admin_lists_applications_and_approves_one(admin_client, pending_vendor):
    listing = admin_client.get(
        reverse("vendor_accounts_admin:index"), {"status": "pending"}
    )
    assert "Potter &amp; Co" in listing.content.decode()

    response = admin_client.post(
        reverse("vendor_accounts_admin:detail", args=[pending_vendor.pk]),
        {"action": "decide", "to_status": "approved", "reason": ""},
    )

    assert response.status_code == 302
    pending_vendor.refresh_from_db()
    assert pending_vendor.vendor_status == "approved"
    assert Notification.objects.filter(
        user=pending_vendor, kind="vendor_status_changed"
    ).exists()


def test_rejecting_without_a_reason_changes_nothing(admin_client, pending_vendor):
    response = admin_client.post(
        reverse("vendor_accounts_admin:detail", args=[pending_vendor.pk]),
        {"action": "decide", "to_status": "rejected", "reason": ""},
        follow=True,
    )

    assert "Tell the vendor why" in response.content.decode()
    pending_vendor.refresh_from_db()
    assert pending_vendor.vendor_status == "pending"


def test_an_admin_sets_a_vendors_commission_rate(admin_client, pending_vendor):
    admin_client.post(
        reverse("vendor_accounts_admin:detail", args=[pending_vendor.pk]),
        {"action": "commission", "commission_percent": "7.5"},
    )

    assert str(VendorAccount.objects.get(vendor=pending_vendor).commission_rate) == (
        "0.0750"
    )


def test_a_vendor_fills_in_their_application_and_sees_their_status(
    client, pending_vendor
):
    client.force_login(pending_vendor)

    page = client.get(reverse("vendor_accounts_admin:application"))
    response = client.post(
        reverse("vendor_accounts_admin:application"),
        {
            "business_name": "Potter & Co",
            "contact_name": "Pia Potter",
            "contact_phone": "+33 1 23",
            "website": "potter.example",
            "what_they_sell": "Stoneware",
            "payout_details": "FR76 0000",
        },
    )

    assert "Awaiting approval" in page.content.decode()
    assert response.status_code == 302
    account = VendorAccount.objects.get(vendor=pending_vendor)
    assert (account.website, account.what_they_sell) == (
        "https://potter.example",
        "Stoneware",
    )
    assert account.applied_at is not None
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Your vendor account is awaiting approval" in dashboard


@pytest.mark.parametrize(
    "name", ["vendor_accounts_admin:index", "ledger_admin:payout_list"]
)
def test_vendors_cannot_reach_the_admins_screens(vendor_client, name):
    assert vendor_client.get(reverse(name)).status_code == 404


def test_vendor_sign_up_with_approval_on_asks_for_the_application(client, site):
    settings = SiteSettings.load()
    settings.vendor_accounts_need_approval = True
    settings.save()
    data = {
        "username": "newpotter",
        "email": "newpotter@example.com",
        "role": "vendor",
        "password1": "a-Long-passphrase-9",
        "password2": "a-Long-passphrase-9",
    }

    refused = client.post(reverse("account_signup"), data)
    client.post(
        reverse("account_signup"),
        {**data, "business_name": "New Potter", "what_they_sell": "Bowls"},
    )

    assert "Vendors tell us this to be approved." in refused.content.decode()
    vendor = User.objects.get(username="newpotter")
    assert vendor.vendor_status == "pending"
    assert VendorAccount.objects.get(vendor=vendor).business_name == "New Potter"
