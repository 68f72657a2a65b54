"""What a search found, next to Wagtail's own query records.

wagtail.contrib.search_promotions counts searches (Query, QueryDailyHits) and
pins pages to them (SearchPromotion); it does not know what a search found.
These rows are written when the search page renders a query (a cache miss), so
they stay true for as long as that rendering is served from the page cache.
"""

from django.db import models
from wagtail.contrib.search_promotions.models import Query


class QueryOutcome(models.Model):
    """How many products and stores the query's last rendering found."""

    query = models.OneToOneField(
        Query, on_delete=models.CASCADE, primary_key=True, related_name="outcome"
    )
    result_count = models.PositiveIntegerField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["result_count"], name="searches_outcome_count")]

    def __str__(self) -> str:
        return f"{self.query}: {self.result_count}"


class QueryStoreMatch(models.Model):
    """How many of a store's products the query found (for its vendor's report)."""

    query = models.ForeignKey(
        Query, on_delete=models.CASCADE, related_name="store_matches"
    )
    store = models.ForeignKey(
        "vendors.StorePage", on_delete=models.CASCADE, related_name="+"
    )
    product_count = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["query", "store"], name="searches_one_match_per_store"
            )
        ]

    def __str__(self) -> str:
        return f"{self.query} → {self.store_id}: {self.product_count}"
