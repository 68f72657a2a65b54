"""Each event, driven through the real domain services, makes one in-site
notification for the right person and, per their preferences, zero or one
e-mail, however often the e-mail task runs."""

import pytest
from django.core import mail

from notifications.models import EmailPreference, Notification
from notifications.services import notification_email_send
from notifications.tasks import notification_email_task
from reviews.services import review_create, review_reply_create
from shop.services.orders import order_cancel, order_part_advance
from shop.tests.conftest import paypal_accepts_order
from shop.tests.factories import order_for
from vendors.models import ProductPage

pytestmark = pytest.mark.django_db
Status = Notification.EmailStatus


def _advance(part, vendor, *statuses, capture):
    for status in statuses:
        with capture(execute=True):
            order_part_advance(part=part, to_status=status, actor=vendor)


def _tasks_run_again(kind):
    for notification in Notification.objects.filter(kind=kind):
        notification_email_task.enqueue(notification.pk)
        assert notification_email_send(notification_id=notification.pk) is None


def test_a_paid_order_tells_the_buyer_and_each_vendor_once(
    paid_order, buyer, vendor, other_vendor
):
    buyer_note = Notification.objects.get(kind="order_paid")
    vendor_notes = Notification.objects.filter(kind="order_received")

    _tasks_run_again("order_paid")
    _tasks_run_again("order_received")

    assert buyer_note.user == buyer
    assert buyer_note.url == f"/orders/{paid_order.number}/"
    assert sorted(n.user_id for n in vendor_notes) == sorted(
        [vendor.pk, other_vendor.pk]
    )
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [buyer.email, vendor.email, other_vendor.email]
    )
    confirmation = next(m for m in mail.outbox if m.to == [buyer.email])
    assert confirmation.subject == f"[Marketplace] Order {paid_order.number} confirmed"
    assert "2 × Speckled mug" in confirmation.body
    assert "$34.50" in confirmation.body
    assert "/notifications/preferences/" in confirmation.body
    html, mimetype = confirmation.alternatives[0]
    assert mimetype == "text/html"
    assert paid_order.number in html and "Speckled mug" in html
    # A receipt is transactional: no unsubscribe header.
    assert "List-Unsubscribe" not in confirmation.extra_headers
    to_vendor = next(m for m in mail.outbox if m.to == [vendor.email])
    assert to_vendor.subject == (
        f"[Marketplace] New order {paid_order.number} for Kiln Studio"
    )
    assert "Speckled mug" in to_vendor.body
    assert "Ethiopia beans" not in to_vendor.body
    assert set(Notification.objects.values_list("email_status", flat=True)) == {
        Status.SENT
    }


def test_shipped_and_delivered_parts_tell_the_buyer(
    paid_order, buyer, vendor, django_capture_on_commit_callbacks
):
    part = paid_order.parts.get(store__vendor=vendor)
    mail.outbox.clear()

    _advance(
        part,
        vendor,
        "processing",
        "shipped",
        "delivered",
        capture=django_capture_on_commit_callbacks,
    )
    _tasks_run_again("order_shipped")
    _tasks_run_again("order_delivered")

    shipped = Notification.objects.get(kind="order_shipped")
    delivered = Notification.objects.get(kind="order_delivered")
    assert (shipped.user, delivered.user) == (buyer, buyer)
    assert shipped.title == (
        f"Order {paid_order.number}: Kiln Studio has shipped your items"
    )
    assert shipped.body == "They are on their way to you."  # no tracking given
    assert [m.subject for m in mail.outbox] == [
        f"[Marketplace] Order {paid_order.number}: Kiln Studio has shipped your items",
        f"[Marketplace] Order {paid_order.number}: "
        "Kiln Studio has delivered your items",
    ]
    assert "2 × Speckled mug" in mail.outbox[0].body
    assert "Ethiopia beans" not in mail.outbox[0].body
    assert not Notification.objects.filter(kind="order_processing").exists()


def test_the_shipped_notification_gives_the_tracking_number(
    paid_order, vendor, django_capture_on_commit_callbacks
):
    part = paid_order.parts.get(store__vendor=vendor)
    with django_capture_on_commit_callbacks(execute=True):
        order_part_advance(part=part, to_status="processing", actor=vendor)
    with django_capture_on_commit_callbacks(execute=True):
        order_part_advance(
            part=part,
            to_status="shipped",
            actor=vendor,
            carrier="ups",
            tracking_number="1Z999AA10123456784",
        )

    shipped = Notification.objects.get(kind="order_shipped")
    assert shipped.body == "They are on their way to you: UPS 1Z999AA10123456784."


def test_a_paid_order_cancelled_is_refunded_and_says_so(
    paid_order, buyer, django_capture_on_commit_callbacks
):
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        order_cancel(order=paid_order, actor=buyer)
    _tasks_run_again("order_refunded")

    note = Notification.objects.get(kind="order_refunded")
    assert note.user == buyer
    assert not Notification.objects.filter(kind="order_cancelled").exists()
    to_buyer = [m for m in mail.outbox if m.to == [buyer.email]]
    assert len(to_buyer) == 1
    assert to_buyer[0].subject == (
        f"[Marketplace] Order {paid_order.number} cancelled and refunded"
    )
    assert "$34.50 you paid is being refunded" in to_buyer[0].body


def test_an_unpaid_order_cancelled_tells_the_buyer_nothing_was_charged(
    buyer,
    mug,
    paypal_api,
    django_capture_on_commit_callbacks,
):
    paypal_accepts_order(paypal_api)
    with django_capture_on_commit_callbacks(execute=True):
        order = order_for(buyer=buyer, items=[(mug, 1)], payment_method="paypal")
        order_cancel(order=order, actor=buyer)
    _tasks_run_again("order_cancelled")

    assert Notification.objects.get().kind == "order_cancelled"
    assert [m.subject for m in mail.outbox] == [
        f"[Marketplace] Order {order.number} cancelled"
    ]
    assert "Nothing was charged." in mail.outbox[0].body


def test_a_review_tells_the_vendor_with_a_one_click_unsubscribe(
    buyer, vendor, mug, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        review = review_create(
            user=buyer, product=mug, rating=4, comment="<b>Lovely</b> mug"
        )
    _tasks_run_again("review_received")

    note = Notification.objects.get()
    assert (note.kind, note.user) == ("review_received", vendor)
    assert note.url.endswith(f"#review-{review.pk}")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "[Marketplace] New 4-star review of Speckled mug"
    assert "<b>Lovely</b> mug" in message.body
    assert "&lt;b&gt;Lovely&lt;/b&gt; mug" in message.alternatives[0][0]
    unsubscribe = message.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith("<http://testserver/notifications/unsubscribe/")
    assert message.extra_headers["List-Unsubscribe-Post"] == (
        "List-Unsubscribe=One-Click"
    )
    assert unsubscribe.strip("<>") in message.body


def test_a_reply_tells_the_reviewer(
    buyer, vendor, mug, django_capture_on_commit_callbacks
):
    review = review_create(user=buyer, product=mug, rating=2, comment="Chipped.")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        review_reply_create(review=review, user=vendor, text="Sorry! New one sent.")
    _tasks_run_again("review_replied")

    note = Notification.objects.get(kind="review_replied")
    assert note.user == buyer
    assert note.title == "Kiln Studio answered your review of Speckled mug"
    assert [m.to for m in mail.outbox] == [[buyer.email]]
    assert "Sorry! New one sent." in mail.outbox[0].body
    assert "List-Unsubscribe" in mail.outbox[0].extra_headers


def test_with_email_off_the_notification_is_made_but_no_email_is_sent(
    buyer, vendor, mug, beans, django_capture_on_commit_callbacks
):
    EmailPreference.objects.create(user=buyer, kind="order_paid", email=False)

    with django_capture_on_commit_callbacks(execute=True):
        order_for(buyer=buyer, items=[(mug, 1)])
    _tasks_run_again("order_paid")

    note = Notification.objects.get(kind="order_paid")
    assert note.email_status == Status.OFF
    assert [m.to for m in mail.outbox] == [[vendor.email]]


def test_email_switched_off_after_the_event_is_not_sent(
    buyer, mug, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        order_for(buyer=buyer, items=[(mug, 1)])
    EmailPreference.objects.create(user=buyer, kind="order_paid", email=False)
    for callback in callbacks:
        callback()

    assert Notification.objects.get(kind="order_paid").email_status == Status.OFF
    assert all(m.to != [buyer.email] for m in mail.outbox)


def test_nothing_is_made_or_sent_when_the_action_rolls_back(
    buyer, mug, django_capture_on_commit_callbacks
):
    from django.db import transaction

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        order_for(buyer=buyer, items=[(mug, 1)])
        raise RuntimeError("the action failed after the event")

    assert not Notification.objects.exists()
    assert mail.outbox == []


def test_a_subject_never_breaks_on_odd_characters(
    buyer, mug, django_capture_on_commit_callbacks
):
    ProductPage.objects.filter(pk=mug.pk).update(title="Mug\r\nBcc: x@example.com")
    mug.refresh_from_db()

    with django_capture_on_commit_callbacks(execute=True):
        review_create(user=buyer, product=mug, rating=4)

    assert mail.outbox[0].subject == (
        "[Marketplace] New 4-star review of Mug Bcc: x@example.com"
    )
    assert mail.outbox[0].message()["Bcc"] is None


class BrokenSMTP:
    """The mail server refuses every message (the SMTP boundary, faked)."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise OSError("421 Service not available")


def test_a_failed_send_is_retried_then_recorded_and_the_action_stands(
    settings, buyer, mug, django_capture_on_commit_callbacks
):
    from notifications.services import EMAIL_MAX_ATTEMPTS

    settings.EMAIL_BACKEND = f"{__name__}.BrokenSMTP"
    with django_capture_on_commit_callbacks(execute=True):
        order = order_for(buyer=buyer, items=[(mug, 1)])
    note = Notification.objects.get(kind="order_paid")
    assert order.status == "paid"
    assert (note.email_status, note.email_attempts) == (Status.PENDING, 1)
    assert "421" in note.email_error

    for _ in range(EMAIL_MAX_ATTEMPTS - 1):
        # What `notifications_enqueue_due` does once the retry is due.
        Notification.objects.filter(pk=note.pk).update(email_next_attempt_at=None)
        notification_email_send(notification_id=note.pk)

    note.refresh_from_db()
    assert note.email_status == Status.FAILED
    assert note.email_attempts == EMAIL_MAX_ATTEMPTS
    assert "gave up after" in note.email_error
    assert notification_email_send(notification_id=note.pk) is None


def test_a_retry_that_works_sends_once(
    settings, buyer, mug, django_capture_on_commit_callbacks
):
    from notifications.services import notification_emails_enqueue_due

    settings.EMAIL_BACKEND = f"{__name__}.BrokenSMTP"
    with django_capture_on_commit_callbacks(execute=True):
        order_for(buyer=buyer, items=[(mug, 1)])
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    Notification.objects.update(email_next_attempt_at=None)

    assert notification_emails_enqueue_due() == 2
    assert notification_emails_enqueue_due() == 0

    assert len([m for m in mail.outbox if m.to == [buyer.email]]) == 1
    assert Notification.objects.get(kind="order_paid").email_status == Status.SENT


def test_an_event_announced_twice_notifies_once(paid_order, buyer):
    from notifications import events

    again = events.emit("order_paid", order=paid_order)

    assert again == []
    assert Notification.objects.filter(kind="order_paid").count() == 1


def test_a_broken_event_never_fails_the_action(monkeypatch, buyer, mug, caplog):
    from notifications import events

    def broken(**objects):
        raise KeyError("a bug in a builder")

    monkeypatch.setitem(events.BUILDERS, "order_paid", broken)

    order = order_for(buyer=buyer, items=[(mug, 1)])

    assert order.status == "paid"
    assert not Notification.objects.filter(kind="order_paid").exists()
    assert Notification.objects.filter(kind="order_received").exists()
    assert "could not be made" in caplog.text


def test_every_kind_has_its_templates_and_announced_kinds_are_declared():
    from django.template.loader import get_template

    from notifications.events import BUILDERS
    from notifications.kinds import KINDS

    assert set(BUILDERS) <= set(KINDS)
    for kind in KINDS:
        get_template(f"notifications/email/{kind}.txt")
        get_template(f"notifications/email/{kind}.html")


def test_one_stores_part_cancelled_then_the_rest_refunds_what_is_left(
    paid_order, buyer, django_capture_on_commit_callbacks
):
    from shop.services.orders import order_part_cancel

    beans_part = paid_order.parts.get(store_name="Bean Roasters")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        order_part_cancel(part=beans_part, actor=buyer)
    with django_capture_on_commit_callbacks(execute=True):
        order_cancel(order=paid_order, actor=buyer)
    _tasks_run_again("order_part_cancelled")
    _tasks_run_again("order_refunded")

    part_note = Notification.objects.get(kind="order_part_cancelled")
    assert part_note.user == buyer
    to_buyer = [m for m in mail.outbox if m.to == [buyer.email]]
    assert [m.subject for m in to_buyer] == [
        f"[Marketplace] Order {paid_order.number}: your items from Bean Roasters "
        "are cancelled",
        f"[Marketplace] Order {paid_order.number} cancelled and refunded",
    ]
    assert "$14.50 you paid for them is being refunded" in to_buyer[0].body
    # $34.50 paid, $14.50 given back with the part: $20.00 left to refund.
    assert "The $20.00 you paid is being refunded" in to_buyer[1].body


def test_vendors_are_told_not_to_send_a_paid_order_that_is_cancelled(
    paid_order, buyer, vendor, other_vendor, django_capture_on_commit_callbacks
):
    from shop.services.orders import order_part_cancel

    beans_part = paid_order.parts.get(store_name="Bean Roasters")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        order_part_cancel(part=beans_part, actor=buyer)
    with django_capture_on_commit_callbacks(execute=True):
        order_cancel(order=paid_order, actor=buyer)
    _tasks_run_again("order_withdrawn")

    withdrawn = Notification.objects.filter(kind="order_withdrawn")
    assert sorted(n.user_id for n in withdrawn) == sorted([vendor.pk, other_vendor.pk])
    to_vendor = next(m for m in mail.outbox if m.to == [vendor.email])
    assert to_vendor.subject == (
        f"[Marketplace] Order {paid_order.number} for Kiln Studio is cancelled"
    )
    assert "do not send it" in to_vendor.body
    assert "2 × Speckled mug" in to_vendor.body
    assert "Ethiopia beans" not in to_vendor.body
    assert len([m for m in mail.outbox if m.to == [other_vendor.email]]) == 1


def test_a_vendor_cancelling_their_own_part_is_not_told_about_it(
    paid_order, buyer, other_vendor, django_capture_on_commit_callbacks
):
    from shop.services.orders import order_part_cancel

    beans_part = paid_order.parts.get(store_name="Bean Roasters")

    with django_capture_on_commit_callbacks(execute=True):
        order_part_cancel(part=beans_part, actor=other_vendor)

    assert not Notification.objects.filter(kind="order_withdrawn").exists()
    assert Notification.objects.get(kind="order_part_cancelled").user == buyer


def test_an_unpaid_order_cancelled_tells_no_vendor(
    buyer, mug, paypal_api, django_capture_on_commit_callbacks
):
    paypal_accepts_order(paypal_api)
    with django_capture_on_commit_callbacks(execute=True):
        order = order_for(buyer=buyer, items=[(mug, 1)], payment_method="paypal")
        order_cancel(order=order, actor=buyer)

    assert not Notification.objects.filter(kind="order_withdrawn").exists()
