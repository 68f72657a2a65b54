from rest_framework import serializers

from alerts.models import Alert
from api.fields import IdRelatedField
from vendors.models import ProductPage


class AlertOutput(serializers.ModelSerializer):
    product = serializers.IntegerField(source="product_id")

    class Meta:
        model = Alert
        fields = [
            "id",
            "product",
            "kind",
            "target_price",
            "status",
            "created_at",
            "fired_at",
        ]
        read_only_fields = fields


class AlertInput(serializers.Serializer):
    # Any product by id here (a queryset built at import must not query: Wagtail's
    # public() reads the view restrictions); the service refuses what is hidden.
    product = IdRelatedField(
        queryset=ProductPage.objects.all(),
        error_messages={"does_not_exist": "No such product."},
    )
    kind = serializers.ChoiceField(choices=Alert.Kind.choices)
    target_price = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        required=False,
        allow_null=True,
        help_text="price_drop only: fire at this price or below (> 0, below today's).",
    )
