from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from config.validators import (
    MAX_PRICE,
    MONEY_MAX,
    email_subject,
    is_safe_link,
    validate_no_control_characters,
)
from home.blocks import CallToActionBlock
from notifications.models import Notification
from notifications.services import notification_email_send
from reviews.tests.factories import ReviewFactory
from shop.services.cart import MAX_LINE_QUANTITY
from vendors.models import ProductPage


@pytest.mark.parametrize(
    "link",
    [
        "/stores/",
        "/stores/?page=2#top",
        "https://example.com/a",
        "HTTP://example.com",
        "mailto:shop@example.com",
    ],
)
def test_safe_links_pass(link):
    assert is_safe_link(link)


@pytest.mark.parametrize(
    "link",
    [
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox",
        "//evil.example/",
        "/\\evil.example/",
        "https:///nohost",
        "ftp://example.com/",
        "mailto:",
        "stores/",
        "https://exa\u202emple.com",
    ],
)
def test_unsafe_links_are_refused(link):
    assert not is_safe_link(link)


@pytest.mark.parametrize(
    "title", ["Mug\r\nBcc: x@example.com", "Tab\there", "Null\x00", "Bidi\u202etxt"]
)
def test_titles_with_control_characters_are_refused(title):
    with pytest.raises(ValidationError):
        validate_no_control_characters(title)


def test_ordinary_titles_pass():
    validate_no_control_characters("Crème brûlée – 2 × 250 g (50% off!)")


def test_email_subjects_are_one_line():
    assert email_subject(" New\r\n review\tof  Mug\x00\u2028 ") == "New review of Mug"


def test_no_cart_line_can_overflow_a_money_column():
    assert MAX_PRICE * MAX_LINE_QUANTITY < MONEY_MAX
    assert MONEY_MAX == Decimal("9999999999.99")


def test_a_call_to_action_refuses_a_javascript_link():
    block = CallToActionBlock()
    value = block.to_python(
        {"title": "Go", "link_label": "Go", "link_url": "javascript:alert(1)"}
    )

    with pytest.raises(ValidationError):
        block.clean(value)


def test_a_call_to_action_takes_a_site_path():
    block = CallToActionBlock()
    value = block.to_python({"title": "Go", "link_label": "Go", "link_url": "/stores/"})

    assert block.clean(value)["link_url"] == "/stores/"


@pytest.mark.django_db
def test_the_home_page_hero_link_refuses_javascript(home_page):
    home_page.hero_cta_link = "javascript:alert(1)"

    with pytest.raises(ValidationError) as error:
        home_page.full_clean()

    assert "hero_cta_link" in error.value.message_dict


@pytest.mark.django_db
def test_a_review_alert_for_a_title_with_line_breaks_is_sent_on_one_line(
    buyer, product
):
    ProductPage.objects.filter(pk=product.pk).update(title="Mug\r\nBcc: x@example.com")
    product.refresh_from_db()
    ReviewFactory(user=buyer, product=product)
    alert = Notification.objects.get(kind="review_received")
    mail.outbox.clear()

    status = notification_email_send(notification_id=alert.pk)

    assert status == "sent"
    assert mail.outbox[0].subject == (
        "[Marketplace] New 4-star review of Mug Bcc: x@example.com"
    )
