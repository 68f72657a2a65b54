"""Reading the mails allauth sends, as their recipient would."""

import re

from django.core import mail

_CONFIRMATION_LINK = re.compile(r"https?://[^/\s]+(/accounts/confirm-email/\S+/)")


def confirmation_path(to: str) -> str:
    """The path of the e-mail confirmation link last sent to `to`."""
    for message in reversed(mail.outbox):
        if to.lower() in (address.lower() for address in message.to):
            link = _CONFIRMATION_LINK.search(message.body)
            if link:
                return link[1]
    raise AssertionError(f"No confirmation link was sent to {to}.")
