import pytest
from django.urls import reverse

from accounts.tests.factories import TEST_PASSWORD
from shop.models import CartItem
from shop.session import SESSION_KEY

CART = reverse("shop:cart_detail")
ADD = reverse("shop:cart_add")


def _messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_a_guest_adds_to_the_cart_without_javascript(client, mug):
    response = client.post(ADD, {"product": mug.pk, "quantity": "2"}, follow=True)

    assert response.redirect_chain == [(CART, 302)]
    assert client.session[SESSION_KEY] == {str(mug.pk): 2}
    assert _messages(response) == ["Added 2 × “Speckled mug” to your cart."]
    content = response.content.decode()
    assert "Speckled mug" in content
    assert "$20.00" in content
    assert "data-cart-count>2<" in content


def test_the_product_page_has_an_add_to_cart_form(client, mug):
    response = client.get(mug.url)

    assert f'action="{ADD}"' in response.content.decode()
    # The page is cached for everyone: static/js/session.js adds the visitor's token.
    assert 'name="csrfmiddlewaretoken"' not in response.content.decode()


def test_adding_to_the_cart_needs_the_csrf_token(mug):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)

    response = client.post(ADD, {"product": mug.pk, "quantity": "1"})

    assert response.status_code == 403
    assert SESSION_KEY not in client.session


@pytest.mark.parametrize(
    "data",
    [
        {"product": "abc", "quantity": "1"},
        {"quantity": "1"},
        {"product": "999999", "quantity": "1"},
        {"product": "99999999999999999999999", "quantity": "1"},
        {"product": "{pk}", "quantity": "0"},
        {"product": "{pk}", "quantity": "-4"},
        {"product": "{pk}", "quantity": "1e9"},
        {"product": "{pk}", "quantity": "lots"},
        {"product": "{pk}", "quantity": "6"},
        {"product": "{pk}", "quantity": "99999999999999999999999"},
    ],
)
def test_junk_is_refused_with_a_message_and_changes_nothing(client, mug, data):
    data = {key: value.replace("{pk}", str(mug.pk)) for key, value in data.items()}

    response = client.post(ADD, data, follow=True)

    assert response.status_code == 200
    assert len(_messages(response)) == 1
    assert SESSION_KEY not in client.session or client.session[SESSION_KEY] == {}


def test_more_than_stock_says_how_many_are_left(client, mug):
    response = client.post(ADD, {"product": mug.pk, "quantity": "6"}, follow=True)

    assert _messages(response) == ["Not enough stock: only 5 of “Speckled mug” left."]


def test_an_error_goes_back_to_the_product_page(client, mug):
    response = client.post(ADD, {"product": mug.pk, "quantity": "0", "next": mug.url})

    assert response.status_code == 302
    assert response["Location"] == mug.url


def test_an_offsite_next_is_ignored(client, mug):
    response = client.post(
        ADD, {"product": mug.pk, "quantity": "0", "next": "https://evil.example/"}
    )

    assert response["Location"] == CART


def test_update_and_remove_lines(buyer_client, buyer, mug, beans):
    buyer_client.post(ADD, {"product": mug.pk, "quantity": "1"})
    buyer_client.post(ADD, {"product": beans.pk, "quantity": "1"})

    buyer_client.post(reverse("shop:cart_update", args=[mug.pk]), {"quantity": "4"})
    buyer_client.post(reverse("shop:cart_remove", args=[beans.pk]))

    assert dict(
        CartItem.objects.filter(cart__user=buyer).values_list("product", "quantity")
    ) == {mug.pk: 4}


@pytest.mark.parametrize("quantity", ["0", "x", "", "6"])
def test_update_refuses_bad_quantities(buyer_client, buyer, mug, quantity):
    buyer_client.post(ADD, {"product": mug.pk, "quantity": "2"}, follow=True)

    response = buyer_client.post(
        reverse("shop:cart_update", args=[mug.pk]), {"quantity": quantity}, follow=True
    )

    assert response.status_code == 200
    assert len(_messages(response)) == 1
    assert CartItem.objects.get(cart__user=buyer).quantity == 2


@pytest.mark.parametrize("product_id", [1, 2**63, 10**30])
def test_update_or_remove_of_unknown_lines_changes_nothing(client, db, product_id):
    update = client.post(f"/cart/{product_id}/update/", {"quantity": "1"})
    remove = client.post(f"/cart/{product_id}/remove/")

    assert (update.status_code, remove.status_code) == (302, 302)
    assert SESSION_KEY not in client.session or client.session[SESSION_KEY] == {}


def test_update_or_remove_of_a_line_not_in_the_cart(buyer_client, mug):
    update = buyer_client.post(
        reverse("shop:cart_update", args=[mug.pk]), {"quantity": "1"}, follow=True
    )
    remove = buyer_client.post(reverse("shop:cart_remove", args=[mug.pk]), follow=True)

    assert _messages(update) == ["This product is not in your cart."]
    assert _messages(remove) == ["This product is not in your cart."]
    assert not CartItem.objects.exists()


def test_cart_pages_refuse_other_methods(client, mug):
    assert client.get(ADD).status_code == 405
    assert client.get(reverse("shop:cart_remove", args=[mug.pk])).status_code == 405
    assert client.post(CART).status_code == 405


def test_an_unpublished_product_drops_out_with_a_message(buyer_client, mug, beans):
    buyer_client.post(ADD, {"product": mug.pk, "quantity": "1"}, follow=True)
    buyer_client.post(ADD, {"product": beans.pk, "quantity": "1"}, follow=True)
    mug.unpublish()

    response = buyer_client.get(CART)

    assert _messages(response) == [
        "Some items are no longer for sale and were taken out of your cart: "
        "“Speckled mug”."
    ]
    assert [line.product for line in response.context["cart"].lines] == [beans]


@pytest.mark.parametrize("who", ["guest", "buyer"])
def test_a_deleted_product_drops_out_with_a_message(client, buyer, mug, beans, who):
    if who == "buyer":
        client.force_login(buyer)
    client.post(ADD, {"product": mug.pk, "quantity": "1"}, follow=True)
    client.post(ADD, {"product": beans.pk, "quantity": "1"}, follow=True)
    mug.delete()

    response = client.get(CART)

    assert _messages(response) == [
        "Some items are no longer for sale and were taken out of your cart: "
        "a product that has been deleted."
    ]
    assert [line.product for line in response.context["cart"].lines] == [beans]


def test_the_guest_cart_merges_at_login(client, buyer, mug, beans):
    client.post(ADD, {"product": mug.pk, "quantity": "3"})
    client.post(ADD, {"product": beans.pk, "quantity": "1"})

    response = client.post(
        reverse("account_login"),
        {"login": buyer.username, "password": TEST_PASSWORD},
        follow=True,
    )

    assert dict(
        CartItem.objects.filter(cart__user=buyer).values_list("product", "quantity")
    ) == {mug.pk: 3, beans.pk: 1}
    assert (
        "We added what you chose before signing in to your cart: "
        "3 × “Speckled mug”; 1 × “Ethiopia beans”."
    ) in _messages(response)
    assert SESSION_KEY not in client.session


def test_the_cart_page_runs_a_bounded_number_of_queries(
    buyer_client, store, django_assert_max_num_queries
):
    from vendors.tests.factories import ProductPageFactory

    for number in range(8):
        product = ProductPageFactory(store=store, title=f"Bowl {number}")
        buyer_client.post(ADD, {"product": product.pk, "quantity": "1"})

    # One more than the lines alone: the stores' shipping rules.
    with django_assert_max_num_queries(15):
        response = buyer_client.get(CART)

    assert len(response.context["cart"].lines) == 8
