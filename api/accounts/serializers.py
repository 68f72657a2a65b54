from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

from accounts.models import User
from accounts.selectors import LOGIN_NAME_MAX_LENGTH
from accounts.services import username_available_check

# Hashing is slow on purpose: a huge password would be a cheap way to load the server.
PASSWORD_MAX_LENGTH = 128

REGISTRABLE_ROLES = [User.Role.BUYER, User.Role.VENDOR]


class RegisterInput(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    email = serializers.EmailField(max_length=254)
    password = serializers.CharField(
        write_only=True, max_length=PASSWORD_MAX_LENGTH, trim_whitespace=False
    )
    role = serializers.ChoiceField(choices=REGISTRABLE_ROLES)

    # Asked here too (accounts.services.user_create asks again): a taken
    # username is a 400 even when the address is taken, which makes no account.
    def validate_username(self, value):
        try:
            username_available_check(value)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.message_dict["username"]) from error
        return value

    # No check that the e-mail address is free: the answer must not tell
    # (accounts.registration); a taken one gets the owner a mail instead.

    def validate(self, attrs):
        # The validators compare the password with the username and e-mail.
        candidate = User(username=attrs["username"], email=attrs["email"])
        try:
            password_validation.validate_password(attrs["password"], user=candidate)
        except DjangoValidationError as error:
            raise serializers.ValidationError({"password": error.messages}) from error
        return attrs


class UserOutput(serializers.ModelSerializer):
    is_admin = serializers.BooleanField(read_only=True)
    vendor_status = serializers.SerializerMethodField(
        help_text="Vendors only (null for others): approved, pending, rejected or "
        "suspended."
    )

    class Meta:
        model = User
        fields = [
            "id",
            "username",
            "email",
            "role",
            "first_name",
            "last_name",
            "is_admin",
            "date_joined",
            "vendor_status",
        ]
        read_only_fields = fields

    def get_vendor_status(self, user) -> str | None:
        return user.vendor_status if user.is_vendor else None


class RegisterOutput(serializers.Serializer):
    """The same whether the address was new or taken: no id, no tokens."""

    username = serializers.CharField(read_only=True)
    email = serializers.EmailField(read_only=True)
    role = serializers.CharField(read_only=True)
    detail = serializers.CharField(
        read_only=True,
        help_text="What happens next: a mail went to the address, with a link to "
        "confirm a new account; log in with the username and password.",
    )


class LoginInput(serializers.Serializer):
    username = serializers.CharField(
        max_length=LOGIN_NAME_MAX_LENGTH, help_text="The username or e-mail address."
    )
    password = serializers.CharField(
        write_only=True, max_length=PASSWORD_MAX_LENGTH, trim_whitespace=False
    )


class TokenPairOutput(serializers.Serializer):
    access = serializers.CharField()
    refresh = serializers.CharField()


class RefreshInput(serializers.Serializer):
    refresh = serializers.CharField()


class RefreshOutput(serializers.Serializer):
    access = serializers.CharField()
    refresh = serializers.CharField(
        required=False, help_text="A new refresh token: the old one stops working."
    )
