from django.db import models
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.fields import MAX_ID, StrictCharField
from shop.models import Address, Order, OrderLine, OrderPart, OrderStatus, Payment
from shop.services.cart import MAX_LINE_QUANTITY
from shop.services.downloads import order_downloads

# Output only, and no digit limit: a stored amount, however large (an old row,
# a sum of lines), is shown, never a 500. Checkout keeps totals within the column.
MONEY = {"max_digits": None, "decimal_places": 2}


# --- Cart ---------------------------------------------------------------------
class CartLineOutput(serializers.Serializer):
    id = serializers.IntegerField(
        help_text="The line's id: the product's id (one line per product)."
    )
    product = serializers.IntegerField(source="product.pk")
    product_name = serializers.CharField(source="product.title")
    store = serializers.IntegerField(source="product.store_id")
    quantity = serializers.IntegerField()
    unit_price = serializers.DecimalField(**MONEY)
    line_total = serializers.DecimalField(**MONEY)
    available = serializers.IntegerField(
        allow_null=True, help_text="Units that may be bought; null when digital."
    )


class CartOutput(serializers.Serializer):
    items = CartLineOutput(source="lines", many=True)
    total = serializers.DecimalField(**MONEY)
    item_count = serializers.IntegerField()
    removed = serializers.ListField(
        child=serializers.CharField(),
        help_text="Products that are no longer for sale and left the cart.",
    )


def _quantity_field(**kwargs):
    # The cart's own bounds, also in the schema (a generated client checks them).
    return serializers.IntegerField(
        min_value=1,
        max_value=MAX_LINE_QUANTITY,
        error_messages={"min_value": "The quantity must be at least 1."},
        **kwargs,
    )


class CartItemInput(serializers.Serializer):
    product = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    quantity = _quantity_field(required=False, default=1)


class CartQuantityInput(serializers.Serializer):
    quantity = _quantity_field()


# --- Orders -------------------------------------------------------------------
class AddressSerializer(serializers.ModelSerializer):
    # Text only, as the schema says: DRF would take 75001 as "75001".
    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.CharField: StrictCharField,
    }

    class Meta:
        model = Address
        fields = ["full_name", "address", "city", "state", "zipcode", "country"]
        extra_kwargs = {"state": {"required": False}}


class CheckoutInput(serializers.Serializer):
    shipping_address = AddressSerializer(
        required=False,
        allow_null=True,
        help_text="Required unless every item in the cart is digital.",
    )
    payment_method = serializers.ChoiceField(choices=Payment.Method.choices)


class DownloadOutput(serializers.Serializer):
    name = serializers.CharField()
    url = serializers.CharField(help_text="Signed; stops working at `expires_at`.")
    expires_at = serializers.DateTimeField()
    downloads_left = serializers.IntegerField()


class OrderLineOutput(serializers.ModelSerializer):
    product = serializers.IntegerField(source="product_id", allow_null=True)
    store = serializers.SerializerMethodField()
    unit_price = serializers.DecimalField(**MONEY)
    line_total = serializers.DecimalField(**MONEY)
    downloads = serializers.SerializerMethodField(
        help_text="A digital item's files once paid ([] before, and after a refund)."
    )

    class Meta:
        model = OrderLine
        fields = [
            "id",
            "product",
            "product_name",
            "store",
            "store_name",
            "digital",
            "quantity",
            "unit_price",
            "line_total",
            "downloads",
        ]
        read_only_fields = fields

    def get_store(self, line) -> int | None:
        return self.context.get("part_stores", {}).get(line.part_id)

    @extend_schema_field(DownloadOutput(many=True))
    def get_downloads(self, line):
        links = self.context.get("downloads", {}).get(line.pk, [])
        request = self.context.get("request")
        return [
            {
                "name": link.name,
                "url": request.build_absolute_uri(link.url) if request else link.url,
                "expires_at": link.expires_at,
                "downloads_left": link.downloads_left,
            }
            for link in links
        ]


class TrackingOutput(serializers.Serializer):
    carrier = serializers.CharField()
    number = serializers.CharField()
    url = serializers.URLField(
        allow_null=True, help_text="The carrier's tracking page; null when unknown."
    )


class TrackingInput(serializers.Serializer):
    carrier = StrictCharField(max_length=64, allow_blank=True, required=False)
    number = StrictCharField(max_length=64, allow_blank=True, required=False)


class _TrackingMixin(serializers.Serializer):
    tracking = serializers.SerializerMethodField(
        help_text="Null until shipped; then the carrier, number and tracking page."
    )

    @extend_schema_field(TrackingOutput(allow_null=True))
    def get_tracking(self, part):
        return part.tracking


class OrderPartOutput(_TrackingMixin, serializers.ModelSerializer):
    subtotal = serializers.DecimalField(**MONEY)
    shipping = serializers.DecimalField(**MONEY)
    store = serializers.IntegerField(source="store_id", allow_null=True)

    class Meta:
        model = OrderPart
        fields = [
            "id",
            "store",
            "store_name",
            "status",
            "subtotal",
            "shipping",
            "tracking",
        ]
        read_only_fields = fields


class PaymentOutput(serializers.ModelSerializer):
    approve_url = serializers.SerializerMethodField(
        help_text="Where to send the buyer to approve a PayPal payment."
    )

    class Meta:
        model = Payment
        fields = ["method", "status", "approve_url"]
        read_only_fields = fields

    def get_approve_url(self, payment) -> str | None:
        return payment.approve_url or None


class OrderOutput(serializers.ModelSerializer):
    items = serializers.SerializerMethodField()
    parts = OrderPartOutput(many=True)
    shipping = serializers.DecimalField(
        **MONEY, help_text="The parts' shipping added up, included in `total`."
    )
    total = serializers.DecimalField(**MONEY)
    shipping_address = AddressSerializer(allow_null=True)
    payment = PaymentOutput(allow_null=True)

    class Meta:
        model = Order
        fields = [
            "id",
            "number",
            "status",
            "items",
            "parts",
            "shipping",
            "total",
            "currency",
            "shipping_address",
            "payment",
            "created_at",
            "paid_at",
        ]
        read_only_fields = fields

    @staticmethod
    def _part_stores(order) -> dict[int, int]:
        return {part.pk: part.store_id for part in order.parts.all()}

    @extend_schema_field(OrderLineOutput(many=True))
    def get_items(self, order):
        context = {
            **self.context,
            "part_stores": self._part_stores(order),
            "downloads": order_downloads(order=order),
        }
        return OrderLineOutput(order.lines.all(), many=True, context=context).data


class VendorOrderOutput(_TrackingMixin, serializers.ModelSerializer):
    """A vendor's part of an order: its own store's lines only."""

    order = serializers.IntegerField(source="order_id")
    number = serializers.CharField(source="order.number")
    order_status = serializers.ChoiceField(
        source="order.status", choices=OrderStatus.choices
    )
    store = serializers.IntegerField(source="store_id", allow_null=True)
    subtotal = serializers.DecimalField(**MONEY)
    shipping = serializers.DecimalField(**MONEY)
    items = serializers.SerializerMethodField()
    buyer = serializers.CharField(source="order.buyer.username")
    shipping_address = AddressSerializer(
        source="order.shipping_address", allow_null=True
    )
    created_at = serializers.DateTimeField(source="order.created_at")

    class Meta:
        model = OrderPart
        fields = [
            "id",
            "order",
            "number",
            "status",
            "order_status",
            "store",
            "store_name",
            "subtotal",
            "shipping",
            "tracking",
            "items",
            "buyer",
            "shipping_address",
            "created_at",
        ]
        read_only_fields = fields

    @extend_schema_field(OrderLineOutput(many=True))
    def get_items(self, part):
        context = {**self.context, "part_stores": {part.pk: part.store_id}}
        return OrderLineOutput(part.lines.all(), many=True, context=context).data


class VendorOrderInput(serializers.Serializer):
    status = serializers.ChoiceField(choices=OrderStatus.choices)
    tracking = TrackingInput(
        required=False,
        allow_null=True,
        help_text="With `status: shipped`: the carrier and tracking number "
        "(optional here; the site asks for them).",
    )


class VendorCancelInput(serializers.Serializer):
    reason = StrictCharField(
        max_length=200, help_text="Why, for the buyer (e.g. out of stock)."
    )
