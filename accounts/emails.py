"""A user's e-mail address and allauth's address records, kept in step."""

from allauth.account.models import EmailAddress
from django.db import transaction

from accounts.models import User


def email_is_taken(email: str, *, exclude_user: User | None = None) -> bool:
    """Whether another account signs in with, or receives mail at, this address
    (its User.email or any of its allauth addresses, in any case)."""
    users = User.objects.filter(email__iexact=email)
    addresses = EmailAddress.objects.filter(email__iexact=email)
    if exclude_user is not None and exclude_user.pk is not None:
        users = users.exclude(pk=exclude_user.pk)
        addresses = addresses.exclude(user_id=exclude_user.pk)
    return users.exists() or addresses.exists()


@transaction.atomic
def user_email_addresses_sync(*, user: User) -> EmailAddress:
    """Make `user.email`, set outside allauth (the admin's user editor), the
    user's primary allauth address.

    The address is unverified unless the user had already verified it: the admin
    does not own the mailbox, so the user confirms it through allauth's usual
    flow. The previous primary address is removed, so it can no longer sign in
    or receive a password reset (a changed address is often a lost mailbox);
    other secondary addresses stay.
    """
    # allauth stores and looks up addresses in lower case.
    email = user.email.lower()
    addresses = EmailAddress.objects.select_for_update().filter(user=user)
    current = next(
        (address for address in addresses if address.email.lower() == email), None
    )
    stale = addresses.filter(primary=True)
    if current is not None:
        stale = stale.exclude(pk=current.pk)
    stale.delete()
    if current is None:
        return EmailAddress.objects.create(
            user=user, email=email, primary=True, verified=False
        )
    if not current.primary or current.email != email:
        current.primary = True
        current.email = email
        current.save(update_fields=["primary", "email"])
    return current
