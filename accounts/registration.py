"""Registration that does not tell whether an e-mail address is taken.

Site and API answer a new address and a taken one alike, and send exactly one
mail to the address either way: a new account gets its confirmation link, the
owner of a taken address is told someone tried to register with it (allauth's
"account already exists" mail, with a password-reset link). Sign-up's answer never
logs anyone in: a new account signs in once its owner has followed the link (the
site logs them straight in when they do so in the same browser) or, through the
API, with its password.

What this cannot hide: usernames are public, so a taken username is still a
plain error; and whoever registered may try to log in with the name and password
they chose, which works only for an account that was made. Sign-up is throttled
per client address, and the mails per address, to keep such probing slow.
"""

from allauth.account.adapter import get_adapter
from allauth.account.forms import SignupForm
from allauth.account.internal.flows.email_verification import (
    consume_email_verification_rate_limit,
    send_verification_email_to_address,
)
from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest

from accounts.emails import email_is_taken
from accounts.models import User
from accounts.services import user_create


class RegistrationForm(SignupForm):
    """allauth's sign-up form (with our role field, accounts.forms.SignupForm),
    where a taken address is not a form error but `account_already_exists`."""

    def validate_unique_email(self, value: str) -> str:
        email = get_adapter().validate_unique_email(value)
        self.account_already_exists = email_is_taken(email)
        return email


def registration_taken_address_notify(*, request: HttpRequest, email: str) -> None:
    """Tell the owner of a taken address that someone tried to register with it,
    as the site's sign-up does for a new address (same rate limit, same
    "confirmation sent" message)."""
    send_verification_email_to_address(
        request, EmailAddress(user=None, email=email), signup=True
    )


def registration_register(
    *, request: HttpRequest, username: str, email: str, password: str, role: str
) -> User | None:
    """The API's registration: a new account with an unverified primary address
    and its confirmation mail, or, for a taken address, the owner's mail and no
    account. Returns the new user, or None."""
    user = None
    if not email_is_taken(email):
        try:
            with transaction.atomic():
                user = user_create(
                    username=username, email=email, password=password, role=role
                )
                EmailAddress.objects.create(
                    user=user, email=email.lower(), primary=True, verified=False
                )
        except ValidationError as error:
            # A concurrent registration took the address meanwhile.
            if "email" not in getattr(error, "error_dict", {}):
                raise
    if user is None:
        # As long as making an account takes: the hashing shows no difference.
        make_password(password)
    registration_mail_send(request=request, email=email, user=user)
    return user


def registration_mail_send(
    *, request: HttpRequest, email: str, user: User | None
) -> bool:
    """The API's one mail to the address a registration named: `user`'s
    confirmation link, or (None) the "account already exists" mail. At most one
    per address per allauth's `confirm_email` rate; returns whether one went."""
    if not consume_email_verification_rate_limit(request, email):
        return False
    if user is None:
        get_adapter(request).send_account_already_exists_mail(email)
        return True
    address = EmailAddress.objects.get_primary(user) or EmailAddress.objects.create(
        user=user, email=email.lower(), primary=True, verified=False
    )
    address.send_confirmation(request, signup=True)
    return True
