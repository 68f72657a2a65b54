import pytest
from django.core.exceptions import ValidationError

from accounts.models import User
from accounts.services import VENDOR_GROUP_NAME, user_create, user_set_role


@pytest.mark.django_db
def test_user_set_role_moves_the_user_in_and_out_of_the_vendor_group(buyer):
    user_set_role(user=buyer, role="vendor")
    assert buyer.groups.filter(name=VENDOR_GROUP_NAME).exists()

    user_set_role(user=buyer, role="buyer")

    buyer.refresh_from_db()
    assert buyer.role == "buyer"
    assert not buyer.groups.filter(name=VENDOR_GROUP_NAME).exists()


@pytest.mark.django_db
def test_user_set_role_refuses_unknown_roles(buyer):
    with pytest.raises(ValueError, match="Unknown role"):
        user_set_role(user=buyer, role="overlord")

    buyer.refresh_from_db()
    assert buyer.role == "buyer"


@pytest.mark.django_db
def test_user_create_validates_before_saving(buyer):
    with pytest.raises(ValidationError):
        user_create(username="x", email=buyer.email, password="pw-123456789")

    assert User.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("username", "email", "field"),
    [
        ("MARIA", "new@example.com", "username"),
        ("someone", "Maria@Example.COM", "email"),
    ],
)
def test_user_create_takes_names_and_addresses_in_any_case(username, email, field):
    user_create(username="maria", email="maria@example.com", password="pw-123456789")

    with pytest.raises(ValidationError) as error:
        user_create(username=username, email=email, password="pw-123456789")

    assert list(error.value.message_dict) == [field]
    assert User.objects.count() == 1
