from rest_framework import serializers

from api.fields import IdRelatedField, StrictCharField
from reviews.models import (
    COMMENT_MAX_LENGTH,
    RATING_MAX,
    RATING_MIN,
    REPLY_MAX_LENGTH,
    REPORT_DETAILS_MAX_LENGTH,
    Review,
    ReviewReply,
    ReviewReport,
)
from vendors.models import ProductPage


class ReplyOutput(serializers.ModelSerializer):
    class Meta:
        model = ReviewReply
        fields = ["text", "created_at", "updated_at"]
        read_only_fields = fields


class ReviewOutput(serializers.ModelSerializer):
    product = serializers.IntegerField(source="product_id")
    user = serializers.IntegerField(source="user_id")
    username = serializers.CharField(source="user.username")
    # A review without a reply raises RelatedObjectDoesNotExist, an
    # AttributeError, which allow_null turns into null.
    reply = ReplyOutput(allow_null=True, read_only=True)

    class Meta:
        model = Review
        fields = [
            "id",
            "product",
            "user",
            "username",
            "rating",
            "comment",
            "is_verified",
            "reply",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


def _rating_field(**kwargs):
    return serializers.IntegerField(
        min_value=RATING_MIN,
        max_value=RATING_MAX,
        help_text=f"Whole stars, {RATING_MIN} to {RATING_MAX}.",
        **kwargs,
    )


class ReviewInput(serializers.Serializer):
    product = IdRelatedField(queryset=ProductPage.objects.none())
    rating = _rating_field()
    comment = StrictCharField(
        max_length=COMMENT_MAX_LENGTH, required=False, allow_blank=True, default=""
    )

    def __init__(self, *args, products=None, **kwargs):
        super().__init__(*args, **kwargs)
        if products is not None:
            self.fields["product"].queryset = products


class ReviewUpdateInput(serializers.Serializer):
    rating = _rating_field(required=False)
    comment = StrictCharField(
        max_length=COMMENT_MAX_LENGTH, required=False, allow_blank=True
    )


class ReplyInput(serializers.Serializer):
    text = StrictCharField(max_length=REPLY_MAX_LENGTH)


class ReportInput(serializers.Serializer):
    reason = serializers.ChoiceField(choices=ReviewReport.Reason.choices)
    details = StrictCharField(
        max_length=REPORT_DETAILS_MAX_LENGTH,
        required=False,
        allow_blank=True,
        default="",
    )


class ReportOutput(serializers.ModelSerializer):
    review = serializers.IntegerField(source="review_id")

    class Meta:
        model = ReviewReport
        fields = ["id", "review", "reason", "details", "created_at"]
        read_only_fields = fields
