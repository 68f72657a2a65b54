from drf_spectacular.contrib.rest_framework_simplejwt import SimpleJWTScheme
from rest_framework_simplejwt.authentication import JWTAuthentication

from api.accounts.tokens import token_check


class RevocableJWTAuthentication(JWTAuthentication):
    """simplejwt's bearer authentication, refusing (401 token_not_valid) a token
    whose pair was ended by logout, "log out everywhere" or a new password."""

    def get_user(self, validated_token):
        user = super().get_user(validated_token)
        token_check(token=validated_token, user=user)
        return user


class RevocableJWTScheme(SimpleJWTScheme):
    """The OpenAPI description of the bearer scheme (drf-spectacular matches the
    exact class)."""

    target_class = RevocableJWTAuthentication
