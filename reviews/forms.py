from django import forms

from reviews.models import (
    COMMENT_MAX_LENGTH,
    RATING_MAX,
    RATING_MIN,
    REPLY_MAX_LENGTH,
    REPORT_DETAILS_MAX_LENGTH,
    ReviewReport,
)

RATING_CHOICES = [
    (stars, f"{stars} star{'s' if stars > 1 else ''}")
    for stars in range(RATING_MAX, RATING_MIN - 1, -1)
]


class ReviewForm(forms.Form):
    rating = forms.TypedChoiceField(
        choices=RATING_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a rating from 1 to 5 stars."},
    )
    comment = forms.CharField(
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ReplyForm(forms.Form):
    text = forms.CharField(
        label="Your reply",
        max_length=REPLY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReportForm(forms.Form):
    reason = forms.ChoiceField(choices=ReviewReport.Reason.choices)
    details = forms.CharField(
        required=False,
        max_length=REPORT_DETAILS_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
