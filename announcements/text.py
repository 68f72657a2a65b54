"""The words of an announcement, made to fit X's limit as X counts it.

X counts a post's length with weights (twitter-text 3, "v3" configuration): after
NFC normalisation each code point in the ranges below counts 1, any other (CJK,
emoji, most symbols) counts 2, and a link counts 23 whatever its length; the total
may not pass 280. X also counts a whole emoji sequence as 2 where this counts each
of its code points, and treats as links only names with a known top-level domain
where this treats any `name.tld` so: both only ever overcount, so a text that fits
here fits on X.
"""

import re
import unicodedata
from collections.abc import Callable

TWEET_MAX_WEIGHT = 280
LINK_WEIGHT = 23
ELLIPSIS = "…"
_LIGHT_RANGES = ((0, 4351), (8192, 8205), (8208, 8223), (8242, 8247))
# Punctuation X leaves out of a link that ends a sentence stays outside the match,
# so it is counted as text.
_LINK = re.compile(
    r"(?P<scheme>https?://)?(?:[\w-]+\.)+[^\W\d_]{2,}(?:[/?#]\S*)?(?<![.,;:!?'\")\]])",
    re.IGNORECASE,
)


# What X would turn into a link or a mention in a vendor's words: any address
# (with or without a scheme, "www." or just "name.tld", e-mail addresses too)
# and "@name" (also with the full-width at sign X accepts).
_VENDOR_LINK = re.compile(
    r"(?:[a-z][a-z0-9+.-]*://\S*|www\.\S*"
    r"|(?:[\w.+-]+@)?(?:[\w-]+\.)+[^\W\d_]{2,}(?:[/?#:]\S*)?)",
    re.IGNORECASE,
)
_MENTION_SIGN = re.compile(r"[@\uff20](?=\w)")


def vendor_words(value: str) -> str:
    """A vendor's text as it may be posted: links removed, "@name" made plain
    "name", so the marketplace's account never links or mentions on a vendor's
    behalf. Only our own link to the page is added after it."""
    value = unicodedata.normalize("NFKC", value)
    value = _VENDOR_LINK.sub(" ", value)
    return " ".join(_MENTION_SIGN.sub("", value).split())


def _char_weight(char: str) -> int:
    code = ord(char)
    return 1 if any(low <= code <= high for low, high in _LIGHT_RANGES) else 2


def _plain_weight(text: str) -> int:
    return sum(_char_weight(char) for char in text)


def tweet_weight(text: str) -> int:
    """The length of `text` as X counts it against TWEET_MAX_WEIGHT."""
    text = unicodedata.normalize("NFC", text)
    weight = 0
    position = 0
    for link in _LINK.finditer(text):
        weight += _plain_weight(text[position : link.start()])
        if link["scheme"]:
            weight += LINK_WEIGHT
        else:
            # X may or may not see a link here: count whichever is longer.
            weight += max(LINK_WEIGHT, _plain_weight(link[0]))
        position = link.end()
    return weight + _plain_weight(text[position:])


def _shorten(value: str, fits: Callable[[str], bool]) -> str:
    """The longest start of `value` that `fits` with an ellipsis after it, cut
    after a whole word when the value has several; "" when nothing fits."""
    for end in range(len(value) - 1, 0, -1):
        start = value[:end].rstrip()
        if not start or not fits(f"{start}{ELLIPSIS}"):
            continue
        if not value[end].isspace() and " " in start:
            start = start.rsplit(" ", 1)[0].rstrip(" ,;:") or start
        return f"{start}{ELLIPSIS}"
    return ""


def _fit(compose: Callable[..., str], fields: dict[str, str], shrink: list[str]) -> str:
    """`compose(**fields)`, shortening the `shrink` fields in turn until the text
    is within TWEET_MAX_WEIGHT."""
    fields = {name: " ".join(value.split()) for name, value in fields.items()}
    for name in shrink:
        if tweet_weight(compose(**fields)) <= TWEET_MAX_WEIGHT:
            break
        fields[name] = _shorten(
            fields[name],
            lambda value, name=name: (
                tweet_weight(compose(**{**fields, name: value})) <= TWEET_MAX_WEIGHT
            ),
        )
    return unicodedata.normalize("NFC", compose(**fields))


def _store_text(*, name: str, description: str, url: str) -> str:
    lines = [f"New store: {name}", description, url]
    return "\n".join(line for line in lines if line)


def _product_text(*, name: str, price: str, store: str, url: str) -> str:
    return f"New at {store}: {name}, {price}\n{url}"


def store_announcement_text(*, name: str, description: str, url: str) -> str:
    """`name` and `description` are the vendor's words (`vendor_words`)."""
    return _fit(
        _store_text,
        {
            "name": vendor_words(name),
            "description": vendor_words(description),
            "url": url,
        },
        shrink=["description", "name"],
    )


def product_announcement_text(*, name: str, price: str, store: str, url: str) -> str:
    """`price` is already formatted in the shop's currency; `name` and `store`
    are the vendor's words (`vendor_words`)."""
    return _fit(
        _product_text,
        {
            "name": vendor_words(name),
            "price": price,
            "store": vendor_words(store),
            "url": url,
        },
        shrink=["name", "store"],
    )
