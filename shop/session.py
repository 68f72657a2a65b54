from collections.abc import Mapping

from django.contrib.sessions.backends.base import SessionBase

SESSION_KEY = "cart"


class SessionCart:
    """A guest's cart: {product id: quantity} kept in the session."""

    def __init__(self, session: SessionBase):
        self.session = session

    def __repr__(self):
        return f"SessionCart({self.quantities()!r})"

    def quantities(self) -> dict[int, int]:
        """The stored lines; anything malformed in the session is ignored."""
        raw = self.session.get(SESSION_KEY)
        if not isinstance(raw, dict):
            return {}
        return {
            int(key): value
            for key, value in raw.items()
            if str(key).isdigit()
            and isinstance(value, int)
            and not isinstance(value, bool)
            and value > 0
        }

    def store(self, quantities: Mapping[int, int]) -> None:
        self.session[SESSION_KEY] = {str(pid): qty for pid, qty in quantities.items()}

    def forget(self) -> None:
        self.session.pop(SESSION_KEY, None)


# Set at sign-in or sign-up on the way to the checkout, read there once.
CHECKOUT_WELCOME_KEY = "checkout_welcome"


def is_heading_to_checkout(request) -> bool:
    """Whether the sign-in form sends the visitor on to the checkout."""
    from django.urls import reverse

    target = request.POST.get("next") or request.GET.get("next") or ""
    if target.split("?")[0] == reverse("shop:checkout"):
        return True
    # A new account made on the way to the checkout signs in from its e-mail
    # confirmation link (accounts.registration), which carries no `next` but
    # continues to the checkout.
    session = getattr(request, "session", None)
    welcome = session.get(CHECKOUT_WELCOME_KEY) if session is not None else None
    return bool(welcome and welcome.get("new_account"))
