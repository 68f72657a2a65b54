from rest_framework import serializers

from api.fields import IdRelatedField
from vendors.models import ProductPage

MONEY = {"max_digits": 12, "decimal_places": 2}


class WishlistItemOutput(serializers.Serializer):
    id = serializers.IntegerField(source="product.pk", help_text="The product's id.")
    product = serializers.IntegerField(source="product.pk")
    product_name = serializers.CharField(source="product.title")
    url = serializers.SerializerMethodField()
    price = serializers.DecimalField(source="product.price", **MONEY)
    price_when_added = serializers.DecimalField(**MONEY)
    in_stock = serializers.BooleanField(source="product.is_in_stock")
    added_at = serializers.DateTimeField()

    def get_url(self, line) -> str:
        request = self.context.get("request")
        url = line.product.get_url(request=request) or ""
        return request.build_absolute_uri(url) if request else url


class WishlistOutput(serializers.Serializer):
    items = WishlistItemOutput(many=True)
    count = serializers.IntegerField()
    share_url = serializers.URLField(allow_null=True)


class WishlistItemInput(serializers.Serializer):
    # Any product by id here (a queryset built at import must not query: Wagtail's
    # public() reads the view restrictions); the service refuses what is hidden.
    product = IdRelatedField(
        queryset=ProductPage.objects.all(),
        error_messages={"does_not_exist": "No such product."},
    )


class WishlistShareOutput(serializers.Serializer):
    share_url = serializers.URLField()
    token = serializers.CharField()


class SharedWishlistOutput(serializers.Serializer):
    owner = serializers.CharField(help_text="First name, or username: no e-mail.")
    items = WishlistItemOutput(many=True)
    count = serializers.IntegerField()
