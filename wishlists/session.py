from datetime import datetime
from decimal import Decimal, InvalidOperation

from django.contrib.sessions.backends.base import SessionBase
from django.utils import timezone

SESSION_KEY = "wishlist"


class SessionWishlist:
    """A guest's wishlist: {product id: {"price": "9.50", "added_at": ISO}} kept
    in the session, merged into their own list at sign-in."""

    def __init__(self, session: SessionBase):
        self.session = session

    def entries(self) -> dict[int, tuple[Decimal, datetime]]:
        """The stored entries; anything malformed in the session is ignored."""
        raw = self.session.get(SESSION_KEY)
        if not isinstance(raw, dict):
            return {}
        entries = {}
        for key, value in raw.items():
            if not str(key).isdigit() or not isinstance(value, dict):
                continue
            try:
                price = Decimal(str(value.get("price")))
                added_at = datetime.fromisoformat(str(value.get("added_at")))
            except (InvalidOperation, ValueError):
                continue
            if not price.is_finite() or timezone.is_naive(added_at):
                continue
            entries[int(key)] = (price, added_at)
        return entries

    def add(self, *, product_id: int, price: Decimal) -> bool:
        """Keep the product; False when it was kept already."""
        raw = self.session.get(SESSION_KEY)
        raw = dict(raw) if isinstance(raw, dict) else {}
        if str(product_id) in raw:
            return False
        raw[str(product_id)] = {
            "price": str(price),
            "added_at": timezone.now().isoformat(),
        }
        self.session[SESSION_KEY] = raw
        return True

    def remove(self, *, product_id: int) -> bool:
        raw = self.session.get(SESSION_KEY)
        if not isinstance(raw, dict) or str(product_id) not in raw:
            return False
        raw = dict(raw)
        del raw[str(product_id)]
        self.session[SESSION_KEY] = raw
        return True

    def forget(self) -> None:
        self.session.pop(SESSION_KEY, None)
