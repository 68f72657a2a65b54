from django.db.models import Q

from accounts.models import User

# Longer than any username (150) or e-mail address (254) this site accepts; a
# longer name matches no account, and on SQLite a very long one would make the
# case-insensitive lookup fail ("LIKE or GLOB pattern too complex").
LOGIN_NAME_MAX_LENGTH = 254


def user_for_login_name(login: str) -> User | None:
    """The account a login name (username or e-mail address, any case) names."""
    if not login or len(login) > LOGIN_NAME_MAX_LENGTH:
        return None
    return (
        User.objects.filter(Q(username__iexact=login) | Q(email__iexact=login))
        .order_by("pk")
        .first()
    )
