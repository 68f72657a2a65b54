from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

RATING_MIN = 1
RATING_MAX = 5
COMMENT_MAX_LENGTH = 2000
REPLY_MAX_LENGTH = 2000
REPORT_DETAILS_MAX_LENGTH = 500


class Review(models.Model):
    product = models.ForeignKey(
        "vendors.ProductPage", on_delete=models.CASCADE, related_name="reviews"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviews"
    )
    rating = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(RATING_MIN), MaxValueValidator(RATING_MAX)],
        help_text="Whole stars, 1 to 5.",
    )
    comment = models.TextField(max_length=COMMENT_MAX_LENGTH, blank=True)
    is_verified = models.BooleanField(
        "verified purchase",
        default=False,
        editable=False,
        help_text="Set by the system: the author has a paid order with the product.",
    )
    is_hidden = models.BooleanField(
        "hidden",
        default=False,
        editable=False,
        help_text="Hidden by a moderator: left out of the page and the averages.",
    )
    hidden_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["product", "user"], name="reviews_review_one_per_user"
            ),
            models.CheckConstraint(
                condition=models.Q(rating__gte=RATING_MIN, rating__lte=RATING_MAX),
                name="reviews_review_rating_1_to_5",
            ),
        ]
        indexes = [
            models.Index(
                fields=["product", "is_hidden", "created_at"],
                name="reviews_review_listing_idx",
            )
        ]

    def __str__(self):
        return f"{self.rating}★ by {self.user} on {self.product.title}"


class ReviewReply(models.Model):
    """The vendor's one answer to a review, shown under it."""

    review = models.OneToOneField(
        Review, on_delete=models.CASCADE, related_name="reply"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="review_replies",
    )
    text = models.TextField(max_length=REPLY_MAX_LENGTH)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "review replies"

    def __str__(self):
        return f"Reply to review {self.review_id}"


class ReviewReport(models.Model):
    """A user's flag on a review for the moderators; one per user per review."""

    class Reason(models.TextChoices):
        SPAM = "spam", "Spam or advertising"
        OFFENSIVE = "offensive", "Offensive or abusive"
        OFF_TOPIC = "off_topic", "Not about the product"
        FAKE = "fake", "Fake or misleading"
        OTHER = "other", "Something else"

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="review_reports",
    )
    reason = models.CharField(max_length=20, choices=Reason.choices)
    details = models.TextField(max_length=REPORT_DETAILS_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "reporter"], name="reviews_report_one_per_user"
            )
        ]

    def __str__(self):
        return f"{self.get_reason_display()} (review {self.review_id})"


class ProductRating(models.Model):
    """A product's average and counts over its visible reviews; written only by
    reviews.services.product_rating_recompute, never by hand or from a page."""

    product = models.OneToOneField(
        "vendors.ProductPage",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="rating",
    )
    average = models.DecimalField(
        max_digits=3,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Empty while the product has no visible review.",
    )
    count = models.PositiveIntegerField(default=0)
    count_1 = models.PositiveIntegerField(default=0)
    count_2 = models.PositiveIntegerField(default=0)
    count_3 = models.PositiveIntegerField(default=0)
    count_4 = models.PositiveIntegerField(default=0)
    count_5 = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["average"], name="reviews_rating_average_idx")]

    def __str__(self):
        return f"{self.average or '–'} ({self.count}) for {self.product_id}"

    def breakdown(self) -> list[tuple[int, int, int]]:
        """(stars, count, percent of all) from 5 stars down to 1."""
        rows = []
        for stars in range(RATING_MAX, RATING_MIN - 1, -1):
            count = getattr(self, f"count_{stars}")
            percent = round(100 * count / self.count) if self.count else 0
            rows.append((stars, count, percent))
        return rows
