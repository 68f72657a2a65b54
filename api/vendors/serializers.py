import html
import re

from django.core.exceptions import ObjectDoesNotExist
from django.utils.html import linebreaks, strip_tags
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import User
from alerts.prices import lowest_price_30_days
from api.fields import IdRelatedField, StrictCharField
from api.images import ImageUploadField, RenditionsField
from config.validators import MAX_PRICE
from vendors.models import ProductPage, StorePage

PARAGRAPH_BREAK = re.compile(r"</p>\s*|<br\s*/?>", re.IGNORECASE)
MAX_STOCK = 1_000_000


def text_to_rich_text(text: str) -> str:
    """Plain text as the rich text a product page stores: escaped, in paragraphs."""
    return linebreaks(text.strip(), autoescape=True) if text.strip() else ""


def rich_text_to_text(value: str) -> str:
    return html.unescape(strip_tags(PARAGRAPH_BREAK.sub("\n", value))).strip()


class _PageUrlMixin(serializers.Serializer):
    url = serializers.SerializerMethodField(help_text="The page on the site.")

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, page) -> str:
        return page.get_full_url(request=self.context.get("request"))


# --- Stores -------------------------------------------------------------------
SHIPPING_MONEY = {"max_digits": 12, "decimal_places": 2, "min_value": 0}


class ShippingOutput(serializers.Serializer):
    flat_rate = serializers.DecimalField(
        max_digits=None, decimal_places=2, help_text="Per order, for this store."
    )
    per_additional_item = serializers.DecimalField(max_digits=None, decimal_places=2)
    free_over = serializers.DecimalField(
        max_digits=None, decimal_places=2, allow_null=True
    )
    countries = serializers.ListField(
        child=serializers.CharField(),
        help_text="ISO 3166-1 alpha-2 codes it ships to; empty: everywhere.",
    )


class ShippingInput(serializers.Serializer):
    flat_rate = serializers.DecimalField(**SHIPPING_MONEY, required=False)
    per_additional_item = serializers.DecimalField(**SHIPPING_MONEY, required=False)
    free_over = serializers.DecimalField(
        **SHIPPING_MONEY, required=False, allow_null=True
    )
    countries = serializers.ListField(
        child=StrictCharField(max_length=2, min_length=2),
        max_length=300,
        required=False,
        help_text="ISO 3166-1 alpha-2 codes; empty: everywhere.",
    )


def shipping_payload(store) -> dict:
    """A store's shipping rules as the API shows them (free everywhere until
    its owner sets some)."""
    try:
        rule = store.shipping_rule
    except ObjectDoesNotExist:
        rule = None
    return {
        "flat_rate": rule.flat_rate if rule else "0.00",
        "per_additional_item": rule.per_additional_item if rule else "0.00",
        "free_over": rule.free_over if rule else None,
        "countries": rule.country_codes if rule else [],
    }


class StoreOutput(_PageUrlMixin, serializers.ModelSerializer):
    name = serializers.CharField(source="title")
    # Plain strings: slugs may hold any letters, and a store may have no e-mail.
    slug = serializers.CharField()
    email = serializers.CharField()
    vendor = serializers.IntegerField(source="vendor_id")
    logo = RenditionsField()
    product_count = serializers.IntegerField(
        help_text="Published products of the store."
    )
    live = serializers.BooleanField(help_text="Published on the site.")
    shipping = serializers.SerializerMethodField()

    class Meta:
        model = StorePage
        fields = [
            "id",
            "name",
            "slug",
            "description",
            "address",
            "phone",
            "email",
            "vendor",
            "url",
            "logo",
            "created_at",
            "product_count",
            "live",
            "shipping",
        ]
        read_only_fields = fields

    @extend_schema_field(ShippingOutput)
    def get_shipping(self, store) -> dict:
        return ShippingOutput(shipping_payload(store)).data


class StoreInput(serializers.Serializer):
    name = StrictCharField(max_length=255)
    description = StrictCharField(max_length=500, required=False, allow_blank=True)
    address = StrictCharField(max_length=2000, required=False, allow_blank=True)
    phone = StrictCharField(max_length=32, required=False, allow_blank=True)
    email = serializers.EmailField(max_length=254, required=False, allow_blank=True)
    logo = ImageUploadField(
        required=False, allow_null=True, help_text="An image file (multipart)."
    )
    vendor = IdRelatedField(
        queryset=User.objects.filter(role=User.Role.VENDOR),
        required=False,
        help_text="Admins only: the vendor who will run the store.",
    )


class StoreUpdateInput(StoreInput):
    name = StrictCharField(max_length=255, required=False)
    vendor = None
    shipping = ShippingInput(
        required=False, help_text="Fields left out keep their value."
    )


class StoreSummaryOutput(_PageUrlMixin, serializers.ModelSerializer):
    name = serializers.CharField(source="title")
    slug = serializers.CharField()
    logo = RenditionsField()

    class Meta:
        model = StorePage
        fields = ["id", "name", "slug", "url", "logo"]
        read_only_fields = fields


# --- Products -----------------------------------------------------------------
class ProductOutput(_PageUrlMixin, serializers.ModelSerializer):
    store = serializers.IntegerField(source="store_id")
    vendor = serializers.IntegerField(source="store.vendor_id")
    name = serializers.CharField(source="title")
    slug = serializers.CharField()
    description = serializers.SerializerMethodField()
    price = serializers.DecimalField(max_digits=12, decimal_places=2)
    stock_quantity = serializers.IntegerField()
    in_stock = serializers.BooleanField(source="is_in_stock")
    image = RenditionsField()
    average_rating = serializers.SerializerMethodField(
        help_text="Mean rating of the visible reviews, null until there is one."
    )
    review_count = serializers.SerializerMethodField()
    live = serializers.BooleanField(help_text="Published on the site.")
    lowest_price_30_days = serializers.SerializerMethodField(
        help_text="The lowest price of the 30 days before today's price was set "
        '(the honest "was" price); null when the price has not changed in 30 days.'
    )

    class Meta:
        model = ProductPage
        fields = [
            "id",
            "store",
            "vendor",
            "name",
            "slug",
            "summary",
            "description",
            "sku",
            "price",
            "stock_quantity",
            "in_stock",
            "digital",
            "image",
            "url",
            "average_rating",
            "review_count",
            "created_at",
            "live",
            "lowest_price_30_days",
        ]
        read_only_fields = fields

    def get_description(self, product) -> str:
        return rich_text_to_text(product.description)

    @extend_schema_field(
        serializers.DecimalField(max_digits=3, decimal_places=2, allow_null=True)
    )
    def get_average_rating(self, product):
        rating = _rating_of(product)
        if rating is None or rating.average is None:
            return None
        return f"{rating.average:.2f}"

    def get_review_count(self, product) -> int:
        rating = _rating_of(product)
        return rating.count if rating is not None else 0

    @extend_schema_field(
        serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    )
    def get_lowest_price_30_days(self, product):
        # Annotated by api.vendors.querysets (no query per row); a product
        # fetched some other way (just created) asks the price history.
        if hasattr(product, "lowest_price_30_days"):
            lowest = product.lowest_price_30_days
        else:
            lowest = lowest_price_30_days(product=product)
        return None if lowest is None else f"{lowest:.2f}"


def _rating_of(product):
    """The product's reviews.ProductRating (selected with it), None before its
    first review."""
    try:
        return product.rating
    except ObjectDoesNotExist:
        return None


class ProductInput(serializers.Serializer):
    store = IdRelatedField(queryset=StorePage.objects.none())
    name = StrictCharField(max_length=255)
    summary = StrictCharField(max_length=255, required=False, allow_blank=True)
    description = StrictCharField(
        max_length=20_000,
        required=False,
        allow_blank=True,
        help_text="Plain text; blank lines separate paragraphs.",
    )
    sku = StrictCharField(max_length=64, required=False, allow_blank=True)
    price = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=0, max_value=MAX_PRICE
    )
    stock_quantity = serializers.IntegerField(
        min_value=0, max_value=MAX_STOCK, required=False, default=0
    )
    digital = serializers.BooleanField(required=False, default=False)
    image = ImageUploadField(
        required=False, allow_null=True, help_text="An image file (multipart)."
    )

    def __init__(self, *args, stores=None, **kwargs):
        super().__init__(*args, **kwargs)
        if stores is not None:
            self.fields["store"].queryset = stores

    def validate_description(self, value):
        return text_to_rich_text(value)


class ProductUpdateInput(ProductInput):
    store = None
    name = StrictCharField(max_length=255, required=False)
    price = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        min_value=0,
        max_value=MAX_PRICE,
        required=False,
    )
    stock_quantity = serializers.IntegerField(
        min_value=0, max_value=MAX_STOCK, required=False
    )
    digital = serializers.BooleanField(required=False)


# --- Vendors ------------------------------------------------------------------
class VendorOutput(serializers.ModelSerializer):
    name = serializers.SerializerMethodField()
    stores = StoreSummaryOutput(source="public_stores", many=True)

    class Meta:
        model = User
        fields = ["id", "username", "name", "stores"]
        read_only_fields = fields

    def get_name(self, vendor) -> str:
        return vendor.get_full_name() or vendor.username
