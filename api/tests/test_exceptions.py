import pytest
from django.core.exceptions import ValidationError

from api.exceptions import validation_error_detail


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (
            ValidationError({"title": ["Required."], "price": ["Too low."]}),
            {"name": ["Required."], "price": ["Too low."]},
        ),
        (
            ValidationError({"__all__": ["Your cart is empty."]}),
            {"detail": "Your cart is empty."},
        ),
        (ValidationError("Your cart is empty."), {"detail": "Your cart is empty."}),
        (
            ValidationError(["One.", "Two."]),
            {"detail": "One. Two."},
        ),
    ],
)
def test_domain_validation_errors_become_the_apis_400_body(error, expected):
    assert validation_error_detail(error, field_names={"title": "name"}) == expected
