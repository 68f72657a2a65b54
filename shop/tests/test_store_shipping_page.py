"""A store's page says what it charges to ship and where it ships, and shows a
change of its rules on the next request (the page cache is on in tests)."""

from decimal import Decimal

from shop.services.shipping_rules import shipping_rule_set


def _rules(client, store) -> str:
    content = client.get(store.url).content.decode()
    start = content.index("data-store-shipping-rules")
    return " ".join(content[start : content.index("</ul>", start)].split())


def test_a_store_without_rules_ships_free_everywhere(client, store):
    text = _rules(client, store)

    assert "Free shipping" in text
    assert "Ships everywhere" in text


def test_the_store_page_shows_its_rules_and_their_changes_at_once(
    client, store, vendor
):
    assert "Free shipping" in _rules(client, store)  # now in the cache

    shipping_rule_set(
        store=store,
        actor=vendor,
        flat_rate=Decimal("4.90"),
        per_additional_item=Decimal("1.00"),
        free_over=Decimal("50.00"),
        countries=["FR", "BE"],
    )

    text = _rules(client, store)
    assert "$4.90 an order, plus $1.00 for each item after the first" in text
    assert "Free on orders of $50.00 or more" in text
    assert "Ships to Belgium, France" in text
    assert "Free shipping" not in text
