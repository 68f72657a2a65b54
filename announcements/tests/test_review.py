"""Announcements of an untrusted vendor's content wait for an admin; links and
@mentions in vendor text are never posted."""

import json

import pytest
from django.urls import reverse

from accounts.tests.factories import UserFactory
from announcements.exceptions import AnnouncementNotReviewable
from announcements.models import Announcement
from announcements.review import vendor_announces_without_review
from announcements.services import (
    NOT_CONFIGURED,
    announcement_approve,
    announcement_reject,
    announcements_enqueue_due,
)
from announcements.tests.conftest import TWEET_ID, TWEET_URL
from announcements.text import vendor_words
from vendors.tests.factories import ProductPageFactory, StorePageFactory

INDEX = reverse("announcement:index")


def _publish_store(capture, vendor, **fields):
    with capture(execute=True):
        store = StorePageFactory(
            vendor=vendor,
            title=fields.pop("title", "Kiln Studio"),
            description=fields.pop("description", "Stoneware, fired by hand."),
            **fields,
        )
    return store, Announcement.objects.get(page=store)


def test_an_untrusted_vendors_store_waits_for_review_and_posts_nothing(
    store_index, untrusted_vendor, x_accepts, django_capture_on_commit_callbacks
):
    store, announcement = _publish_store(
        django_capture_on_commit_callbacks, untrusted_vendor
    )

    assert announcement.status == Announcement.Status.REVIEW
    assert announcement.next_attempt_at is None
    assert announcements_enqueue_due() == 0
    assert len(x_accepts.calls) == 0


def test_an_untrusted_vendors_product_waits_for_review(
    store_index, untrusted_vendor, x_accepts, django_capture_on_commit_callbacks
):
    store, _ = _publish_store(django_capture_on_commit_callbacks, untrusted_vendor)

    with django_capture_on_commit_callbacks(execute=True):
        product = ProductPageFactory(store=store, title="Speckled mug")

    assert Announcement.objects.get(page=product).status == Announcement.Status.REVIEW
    assert len(x_accepts.calls) == 0


def test_a_trusted_vendors_store_goes_straight_out(
    store_index, untrusted_vendor, x_accepts, django_capture_on_commit_callbacks
):
    untrusted_vendor.is_trusted_vendor = True
    untrusted_vendor.save()

    _, announcement = _publish_store(
        django_capture_on_commit_callbacks, untrusted_vendor
    )

    assert announcement.status == Announcement.Status.SENT
    assert [call.request.url for call in x_accepts.calls] == [TWEET_URL]


def test_the_rule_trusts_flagged_vendors_and_admins_only(untrusted_vendor, admin_user):
    trusted = UserFactory(role="vendor", is_trusted_vendor=True)

    assert not vendor_announces_without_review(untrusted_vendor)
    assert vendor_announces_without_review(trusted)
    assert vendor_announces_without_review(admin_user)


def test_approving_posts_it_and_records_who(
    store_index,
    untrusted_vendor,
    admin_user,
    x_accepts,
    django_capture_on_commit_callbacks,
):
    _, announcement = _publish_store(
        django_capture_on_commit_callbacks, untrusted_vendor
    )

    with django_capture_on_commit_callbacks(execute=True):
        announcement_approve(announcement=announcement, user=admin_user)

    announcement.refresh_from_db()
    assert announcement.status == Announcement.Status.SENT
    assert announcement.tweet_id == TWEET_ID
    assert announcement.reviewed_by == admin_user
    assert announcement.reviewed_at is not None
    assert len(x_accepts.calls) == 1


def test_approving_without_x_credentials_records_it_skipped(
    store_index, untrusted_vendor, admin_user, django_capture_on_commit_callbacks
):
    _, announcement = _publish_store(
        django_capture_on_commit_callbacks, untrusted_vendor
    )
    assert announcement.status == Announcement.Status.REVIEW

    announcement_approve(announcement=announcement, user=admin_user)

    assert announcement.status == Announcement.Status.SKIPPED
    assert announcement.last_error == NOT_CONFIGURED


def test_a_rejected_announcement_is_never_posted_nor_approved_later(
    store_index,
    untrusted_vendor,
    admin_user,
    x_accepts,
    django_capture_on_commit_callbacks,
):
    _, announcement = _publish_store(
        django_capture_on_commit_callbacks, untrusted_vendor
    )

    announcement_reject(announcement=announcement, user=admin_user)
    with (
        pytest.raises(AnnouncementNotReviewable),
        django_capture_on_commit_callbacks(execute=True),
    ):
        announcement_approve(announcement=announcement, user=admin_user)

    announcement.refresh_from_db()
    assert announcement.status == Announcement.Status.REJECTED
    assert announcements_enqueue_due() == 0
    assert len(x_accepts.calls) == 0


def test_links_and_mentions_in_vendor_text_are_never_posted(
    store_index, vendor, x_accepts, django_capture_on_commit_callbacks
):
    store, _ = _publish_store(
        django_capture_on_commit_callbacks,
        vendor,
        title="Kiln Studio @rival",
        description="Deals at https://spam.example/x and kiln-deals.biz, "
        "write to me@kiln.example or ＠friend",
    )

    text = json.loads(x_accepts.calls[0].request.body)["text"]
    assert text == (
        "New store: Kiln Studio rival\nDeals at and , write to or friend\n"
        f"{store.get_full_url()}"
    )


# --- The admin's Announcements screen -------------------------------------------


@pytest.fixture
def waiting(store_index, untrusted_vendor, django_capture_on_commit_callbacks):
    return _publish_store(django_capture_on_commit_callbacks, untrusted_vendor)[1]


def test_admin_sees_to_review_with_approve_and_reject(admin_client, waiting):
    everything = admin_client.get(INDEX)
    to_review = admin_client.get(INDEX, {"status": "review"})

    assert "To review" in everything.content.decode()
    assert [a.pk for a in to_review.context["object_list"]] == [waiting.pk]
    page = to_review.content.decode()
    assert reverse("announcement:approve", args=[waiting.pk]) in page
    assert reverse("announcement:reject", args=[waiting.pk]) in page


def test_admin_approves_on_the_screen(
    admin_client, admin_user, waiting, x_accepts, django_capture_on_commit_callbacks
):
    approve = reverse("announcement:approve", args=[waiting.pk])
    confirm = admin_client.get(approve)

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(approve)

    assert confirm.status_code == 200
    assert waiting.text in confirm.content.decode()
    assert response.status_code == 302
    assert response.url == INDEX
    waiting.refresh_from_db()
    assert waiting.status == Announcement.Status.SENT
    assert waiting.reviewed_by == admin_user


def test_admin_rejects_on_the_screen(
    admin_client, waiting, x_accepts, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("announcement:reject", args=[waiting.pk]), follow=True
        )

    assert "rejected: it will not be posted" in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.status == Announcement.Status.REJECTED
    assert len(x_accepts.calls) == 0


def test_approving_twice_says_why_and_posts_once(
    admin_client, waiting, x_accepts, django_capture_on_commit_callbacks
):
    approve = reverse("announcement:approve", args=[waiting.pk])
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(approve)
    again = admin_client.post(approve, follow=True)

    assert "An announcement that is Sent cannot be approved or rejected." in (
        again.content.decode()
    )
    assert len(x_accepts.calls) == 1


def test_a_vendor_can_neither_approve_nor_reject(
    client, untrusted_vendor, waiting, x_accepts
):
    client.force_login(untrusted_vendor)

    for name in ("approve", "reject"):
        url = reverse(f"announcement:{name}", args=[waiting.pk])
        assert client.get(url).status_code == 404
        assert client.post(url).status_code == 404

    waiting.refresh_from_db()
    assert waiting.status == Announcement.Status.REVIEW


def test_an_admin_trusts_a_vendor_in_the_user_editor(admin_client, untrusted_vendor):
    untrusted_vendor.first_name, untrusted_vendor.last_name = "Vera", "Vendor"
    untrusted_vendor.save()

    response = admin_client.post(
        reverse("wagtailusers_users:edit", args=[untrusted_vendor.pk]),
        {
            "username": untrusted_vendor.username,
            "email": untrusted_vendor.email,
            "first_name": "Vera",
            "last_name": "Vendor",
            "role": "vendor",
            "is_trusted_vendor": "on",
            "phone": "",
            "address": "",
            "is_active": "on",
        },
    )

    assert response.status_code == 302
    untrusted_vendor.refresh_from_db()
    assert untrusted_vendor.is_trusted_vendor


@pytest.mark.parametrize(
    ("written", "posted"),
    [
        ("Kiln Studio", "Kiln Studio"),
        ("Visit https://evil.example/x?y=1 now", "Visit now"),
        ("HTTP://EVIL.EXAMPLE and ftp://files.example", "and"),
        ("buy at www.spam.biz today", "buy at today"),
        ("Go to kiln.shop/sale!", "Go to"),
        ("write to me@kiln.example", "write to"),
        ("Follow @kiln_studio and ＠other", "Follow kiln_studio and other"),
        ("Tea @ home, St. Ives, 12 oz.", "Tea @ home, St. Ives, 12 oz."),
        ("Café Lumière – 3.50 each", "Café Lumière – 3.50 each"),
    ],
)
def test_vendor_words_lose_links_and_mentions(written, posted):
    assert vendor_words(written) == posted
