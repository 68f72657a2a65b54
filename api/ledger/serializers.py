from decimal import Decimal

from rest_framework import serializers

from config.validators import MONEY_MAX
from ledger.models import LedgerEntry, Payout


class BalanceOutput(serializers.Serializer):
    currency = serializers.CharField()
    commission_rate = serializers.DecimalField(
        max_digits=5,
        decimal_places=4,
        help_text="The marketplace's share of your sales from now on, as a "
        "fraction (0.1000 is 10%).",
    )
    pending = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        help_text="Earned on parts paid but not yet delivered.",
    )
    available = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        help_text="Earned on delivered parts, less payouts: what you may request.",
    )
    paid_out = serializers.DecimalField(max_digits=12, decimal_places=2)


class LedgerEntryOutput(serializers.ModelSerializer):
    amount = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        help_text="Signed: sales are positive; commission, refunds and payouts "
        "negative.",
    )

    class Meta:
        model = LedgerEntry
        fields = ["id", "kind", "amount", "order_number", "created_at"]
        read_only_fields = fields


class PayoutInput(serializers.Serializer):
    amount = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        min_value=Decimal("0.01"),
        max_value=MONEY_MAX,
    )


class PayoutOutput(serializers.ModelSerializer):
    class Meta:
        model = Payout
        fields = ["id", "amount", "status", "reference", "created_at", "decided_at"]
        read_only_fields = fields
