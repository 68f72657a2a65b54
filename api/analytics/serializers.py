from rest_framework import serializers


class SalesTotalsOutput(serializers.Serializer):
    revenue = serializers.DecimalField(max_digits=14, decimal_places=2)
    orders = serializers.IntegerField()
    units = serializers.IntegerField()
    commission = serializers.DecimalField(max_digits=14, decimal_places=2)
    net = serializers.DecimalField(max_digits=14, decimal_places=2)
    refunds = serializers.DecimalField(max_digits=14, decimal_places=2)
    views = serializers.IntegerField()
    add_to_carts = serializers.IntegerField()


class MarketplaceTotalsOutput(SalesTotalsOutput):
    sessions = serializers.IntegerField(help_text="Visitors who viewed a product.")
    conversion = serializers.DecimalField(
        max_digits=7,
        decimal_places=1,
        allow_null=True,
        help_text="Orders per session that viewed a product, in percent.",
    )


class SalesPeriodOutput(serializers.Serializer):
    period = serializers.DateField(help_text="The first day of the day, week or month.")
    revenue = serializers.DecimalField(max_digits=14, decimal_places=2)
    orders = serializers.IntegerField()
    units = serializers.IntegerField()
    commission = serializers.DecimalField(max_digits=14, decimal_places=2)
    refunds = serializers.DecimalField(max_digits=14, decimal_places=2)


class TopProductOutput(serializers.Serializer):
    product_id = serializers.IntegerField()
    name = serializers.CharField()
    revenue = serializers.DecimalField(max_digits=14, decimal_places=2)
    units = serializers.IntegerField()
    orders = serializers.IntegerField()
    views = serializers.IntegerField()


class SalesReportOutput(serializers.Serializer):
    currency = serializers.CharField()
    from_ = serializers.DateField(source="range.first")
    to = serializers.DateField(source="range.last")
    interval = serializers.CharField(source="range.interval")
    totals = SalesTotalsOutput()
    series = SalesPeriodOutput(many=True)
    top_products = TopProductOutput(many=True)

    def get_fields(self):
        fields = super().get_fields()
        fields["from"] = fields.pop("from_")
        return fields


class VendorTotalsOutput(serializers.Serializer):
    vendor_id = serializers.IntegerField(allow_null=True)
    vendor = serializers.CharField()
    revenue = serializers.DecimalField(max_digits=14, decimal_places=2)
    orders = serializers.IntegerField()
    units = serializers.IntegerField()
    commission = serializers.DecimalField(max_digits=14, decimal_places=2)
    net = serializers.DecimalField(max_digits=14, decimal_places=2)
    refunds = serializers.DecimalField(max_digits=14, decimal_places=2)


class MarketplaceReportOutput(SalesReportOutput):
    totals = MarketplaceTotalsOutput()
    by_vendor = VendorTotalsOutput(many=True)
