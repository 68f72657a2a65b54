import factory

from accounts.tests.factories import UserFactory
from shop.models import Address
from shop.services.cart import cart_add_item, cart_for
from shop.services.checkout import order_place


class AddressFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Address

    user = factory.SubFactory(UserFactory)
    full_name = "Bea Moreau"
    address = "12 Rue des Lilas"
    city = "Lyon"
    state = ""
    zipcode = "69003"
    country = "France"


ADDRESS = {
    "full_name": "Bea Moreau",
    "address": "12 Rue des Lilas",
    "city": "Lyon",
    "state": "",
    "zipcode": "69003",
    "country": "FR",
}


def order_for(*, buyer, items, payment_method="test", shipping_address=None):
    """An order placed through checkout: `items` are (product, quantity) pairs."""
    cart = cart_for(user=buyer, session={})
    for product, quantity in items:
        cart_add_item(cart=cart, product_id=product.pk, quantity=quantity)
    return order_place(
        buyer=buyer,
        cart=cart,
        payment_method=payment_method,
        shipping_address=shipping_address or ADDRESS,
        return_url="http://testserver/checkout/paypal/return/",
        cancel_url="http://testserver/checkout/paypal/cancel/",
    )
