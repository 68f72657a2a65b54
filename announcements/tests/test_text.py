import pytest

from announcements.text import (
    TWEET_MAX_WEIGHT,
    product_announcement_text,
    store_announcement_text,
    tweet_weight,
)

URL = "https://shop.example.com/stores/kiln-studio/"


@pytest.mark.parametrize(
    ("text", "weight"),
    [
        ("Hello, world", 12),
        ("日本語", 6),
        ("한국어 ok", 9),
        ("café", 4),
        ("cafe\u0301", 4),  # decomposed é: X counts after NFC normalisation
        ("“quoted” – dash…", 17),
        ("😀", 2),
        ("https://shop.example.com/stores/a-very-long-store-name-indeed/", 23),
        ("http://x.co", 23),
        ("See https://a.example/ now.", 32),
        ("Visit kiln.studio today", 35),
        ("A sentence. Another one", 23),
        ("Price 3.50", 10),
    ],
)
def test_tweet_weight_counts_as_x_does(text, weight):
    assert tweet_weight(text) == weight


def test_store_text_has_name_description_and_url():
    text = store_announcement_text(
        name="Kiln Studio", description="Stoneware,\n  fired by hand.", url=URL
    )

    assert text == f"New store: Kiln Studio\nStoneware, fired by hand.\n{URL}"


def test_store_text_without_description_has_no_empty_line():
    text = store_announcement_text(name="Kiln Studio", description="", url=URL)

    assert text == f"New store: Kiln Studio\n{URL}"


def test_store_text_shortens_a_long_description_to_the_limit():
    text = store_announcement_text(
        name="Kiln Studio", description="Stoneware " * 50, url=URL
    )

    assert tweet_weight(text) == TWEET_MAX_WEIGHT - 2
    assert text == f"New store: Kiln Studio\n{'Stoneware ' * 22}Stoneware…\n{URL}"


def test_store_text_counts_cjk_as_two():
    text = store_announcement_text(
        name="窯のアトリエ", description="陶器" * 200, url=URL
    )

    assert tweet_weight(text) == TWEET_MAX_WEIGHT
    assert text == f"New store: 窯のアトリエ\n{'陶器' * 57}陶…\n{URL}"


def test_store_text_shortens_the_name_once_the_description_is_gone():
    text = store_announcement_text(name="N" * 300, description="Stoneware", url=URL)

    assert tweet_weight(text) == TWEET_MAX_WEIGHT
    assert text == f"New store: {'N' * 243}…\n{URL}"


def test_product_text_has_name_price_store_and_url():
    text = product_announcement_text(
        name="Speckled mug", price="$24.00", store="Kiln Studio", url=URL
    )

    assert text == f"New at Kiln Studio: Speckled mug, $24.00\n{URL}"


def test_product_text_shortens_the_name_and_keeps_the_price():
    text = product_announcement_text(
        name="Mug " * 100, price="$24.00", store="Kiln Studio", url=URL
    )

    assert tweet_weight(text) == TWEET_MAX_WEIGHT - 3
    assert text == f"New at Kiln Studio: {'Mug ' * 55}Mug…, $24.00\n{URL}"
