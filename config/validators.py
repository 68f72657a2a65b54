"""Input rules shared by every app: money limits, safe links, clean single-line
text. Model fields, forms and API serializers use the same validators."""

import re
import unicodedata
from decimal import Decimal
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.deconstruct import deconstructible

# The money columns are DECIMAL(12, 2): at most 9,999,999,999.99. A unit price of
# at most MAX_PRICE times at most 99 units gives a line of under 10^8, and checkout
# refuses an order whose total passes MONEY_MAX, so no total can overflow a column.
MONEY_MAX = Decimal("9999999999.99")
MAX_PRICE = Decimal("1000000.00")
price_validators = [MinValueValidator(Decimal("0.00")), MaxValueValidator(MAX_PRICE)]

# Cc (C0, DEL, C1 controls), Cf format characters that reorder or hide text
# (bidi overrides, zero-width), line and paragraph separators, and lone surrogates.
_HIDDEN_CATEGORIES = {"Cc", "Cs", "Zl", "Zp"}
_HIDDEN_FORMAT = (
    set("\u200b\u200c\u200d\u200e\u200f\u2060\ufeff")
    | {chr(c) for c in range(0x202A, 0x202F)}
    | {chr(c) for c in range(0x2066, 0x206A)}
)


def has_control_characters(value: str) -> bool:
    return any(
        unicodedata.category(ch) in _HIDDEN_CATEGORIES or ch in _HIDDEN_FORMAT
        for ch in value
    )


@deconstructible
class NoControlCharactersValidator:
    """A title or name is one line of visible text: no line breaks, tabs, control
    or invisible reordering characters (they break e-mail headers and spoof text)."""

    message = "Use letters, digits, spaces and punctuation only (no line breaks)."
    code = "control_characters"

    def __call__(self, value) -> None:
        if isinstance(value, str) and has_control_characters(value):
            raise ValidationError(self.message, code=self.code)

    def __eq__(self, other) -> bool:
        return isinstance(other, NoControlCharactersValidator)


validate_no_control_characters = NoControlCharactersValidator()

SAFE_LINK_SCHEMES = ("http", "https", "mailto")


def is_safe_link(value: str) -> bool:
    """http(s) and mailto links, and paths on this site ("/shop/", not "//evil")."""
    value = value.strip()
    if has_control_characters(value) or "\\" in value:
        return False
    if value.startswith("/"):
        return not value.startswith("//")
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    if parts.scheme.lower() not in SAFE_LINK_SCHEMES:
        return False
    if parts.scheme.lower() == "mailto":
        return bool(parts.path)
    return bool(parts.netloc)


@deconstructible
class SafeLinkValidator:
    message = (
        "Enter a web address (https://…), an e-mail link (mailto:…) or a path on "
        "this site (/…)."
    )
    code = "unsafe_link"

    def __call__(self, value) -> None:
        if value and not is_safe_link(str(value)):
            raise ValidationError(self.message, code=self.code)

    def __eq__(self, other) -> bool:
        return isinstance(other, SafeLinkValidator)


validate_safe_link = SafeLinkValidator()

_WHITESPACE_RUN = re.compile(r"\s+")


def email_subject(text: str) -> str:
    """One header line: runs of whitespace (CR, LF, tabs) become one space and
    other control characters go, so a title cannot break or fail the e-mail."""
    text = _WHITESPACE_RUN.sub(" ", text)
    return "".join(ch for ch in text if not has_control_characters(ch)).strip()


def validate_page_title(title: str) -> None:
    """For a page's `clean()`: Wagtail's title field is shared by every page type."""
    if has_control_characters(title or ""):
        raise ValidationError(
            {"title": NoControlCharactersValidator.message},
            code=NoControlCharactersValidator.code,
        )
