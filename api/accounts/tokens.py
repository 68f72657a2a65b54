"""Revocable JWT pairs.

Every pair carries the user's token generation (`gen`, bumped by "log out
everywhere"), a digest of the password hash (`pwd`, so a new password ends every
pair), the pair's family (`fam`, the first refresh token's
jti, kept through rotation) and when its chain started (`auth_time`). The checks
read the user row that authentication loads anyway, plus one cache lookup for a
family ended by logout.
"""

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from rest_framework_simplejwt.exceptions import InvalidToken
from rest_framework_simplejwt.settings import api_settings as jwt_settings
from rest_framework_simplejwt.tokens import RefreshToken, Token
from rest_framework_simplejwt.utils import datetime_to_epoch

from accounts.models import User

GENERATION_CLAIM = "gen"
PASSWORD_CLAIM = "pwd"  # noqa: S105 (a claim name, not a password)
FAMILY_CLAIM = "fam"
CHAIN_START_CLAIM = "auth_time"


def token_pair_issue(*, user: User) -> RefreshToken:
    """A new refresh token (its `.access_token` is the pair's access token)."""
    refresh = RefreshToken.for_user(user)
    refresh[GENERATION_CLAIM] = user.token_generation
    refresh[PASSWORD_CLAIM] = _password_digest(user)
    refresh[FAMILY_CLAIM] = refresh[jwt_settings.JTI_CLAIM]
    refresh[CHAIN_START_CLAIM] = refresh["iat"]
    return refresh


def token_check(*, token: Token, user: User) -> None:
    """Raise InvalidToken when the token's pair was ended."""
    if token.get(GENERATION_CLAIM, 0) != user.token_generation:
        raise InvalidToken("The token was revoked.")
    password_claim = token.get(PASSWORD_CLAIM)
    if password_claim is not None and not constant_time_compare(
        password_claim, _password_digest(user)
    ):
        raise InvalidToken("The password has changed since this token was issued.")
    family = token.get(FAMILY_CLAIM)
    if family and cache.get(_ended_family_key(family)):
        raise InvalidToken("The token was revoked.")


def token_family_end(*, refresh: RefreshToken) -> None:
    """Log out one pair: its refresh token is blacklisted and every access token
    of its family refused until the longest one would have expired anyway."""
    refresh.blacklist()
    family = refresh.get(FAMILY_CLAIM)
    if family:
        cache.set(
            _ended_family_key(family),
            True,
            timeout=int(settings.SIMPLE_JWT["ACCESS_TOKEN_LIFETIME"].total_seconds()),
        )


def token_refresh(*, refresh: RefreshToken, user: User) -> RefreshToken:
    """Rotate: blacklist `refresh` and return its successor, whose expiry never
    passes the chain's absolute limit (JWT_REFRESH_CHAIN_MAX_DAYS)."""
    token_check(token=refresh, user=user)
    now = timezone.now()
    limit = settings.JWT_REFRESH_CHAIN_MAX_LIFETIME
    started = refresh.get(CHAIN_START_CLAIM) or refresh["iat"]
    chain_end = started + int(limit.total_seconds())
    if datetime_to_epoch(now) >= chain_end:
        raise InvalidToken("This sign-in is too old: log in again.")
    refresh.blacklist()
    refresh.set_jti()
    refresh.set_exp()
    refresh.set_iat()
    refresh[CHAIN_START_CLAIM] = started
    refresh[FAMILY_CLAIM] = refresh.get(FAMILY_CLAIM) or refresh["jti"]
    refresh["exp"] = min(refresh["exp"], chain_end)
    refresh.outstand()
    return refresh


def _password_digest(user: User) -> str:
    # Keyed by SECRET_KEY: the token, readable by its holder, reveals nothing of
    # the password hash.
    return salted_hmac(
        "api.accounts.tokens.password", user.password, algorithm="sha256"
    ).hexdigest()[:32]


def _ended_family_key(family: str) -> str:
    return f"jwt:ended-family:{family}"
