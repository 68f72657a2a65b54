from rest_framework import serializers

SUGGEST_QUERY_MAX_LENGTH = 200


class SuggestQuery(serializers.Serializer):
    q = serializers.CharField(
        required=False,
        allow_blank=True,
        trim_whitespace=False,
        max_length=SUGGEST_QUERY_MAX_LENGTH,
        help_text="What the buyer typed; under 2 characters suggests nothing.",
    )


class ProductSuggestionOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    url = serializers.URLField(help_text="The product's page on the site.")
    price = serializers.DecimalField(max_digits=12, decimal_places=2)
    thumbnail = serializers.URLField(allow_null=True, help_text="160×120 picture.")


class StoreSuggestionOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    url = serializers.URLField(help_text="The store's page on the site.")


class SuggestionsOutput(serializers.Serializer):
    query = serializers.CharField()
    products = ProductSuggestionOutput(many=True)
    stores = StoreSuggestionOutput(many=True)
