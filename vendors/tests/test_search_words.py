"""MariaDB's table of the words of Wagtail's search index (migration
vendors.0009): the triggers keep it equal to the words of the index through
every write, so what the site ranks from it is what Wagtail indexed."""

import re
from collections import Counter

import pytest
from django.core.management import call_command
from django.db import connection

from vendors.models import ProductPage
from vendors.search import MYSQL_SEARCH_WORDS, ranked_ids
from vendors.services import product_update
from vendors.tests.factories import ProductPageFactory
from vendors.tests.markers import search_db

pytestmark = [
    search_db,
    pytest.mark.skipif(
        connection.vendor != "mysql", reason="the table exists on MariaDB only"
    ),
]


def _words_of(text: str) -> Counter:
    return Counter(
        word for word in re.findall(r"\w+", text.lower()) if 3 <= len(word) <= 84
    )


def _expected() -> set[tuple]:
    """The words of every index entry, cut here in Python."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT content_type_id, object_id, title, body "
            "FROM wagtailsearch_indexentry"
        )
        entries = cursor.fetchall()
    rows = set()
    for content_type_id, object_id, title, body in entries:
        in_title = _words_of(title)
        for word, hits in (in_title + _words_of(body or "")).items():
            rows.add((content_type_id, word, word in in_title, hits, int(object_id)))
    return rows


def _kept() -> set[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT content_type_id, word, in_title, hits, object_id "  # noqa: S608 - a constant
            f"FROM {MYSQL_SEARCH_WORDS}"
        )
        return {
            (ct, word, bool(in_title), hits, oid)
            for ct, word, in_title, hits, oid in cursor.fetchall()
        }


def _assert_words_are_exact():
    assert _kept() == _expected()


def _found(*words: str) -> list[int]:
    return ranked_ids(ProductPage, list(words), limit=10)


def test_a_new_product_is_found_by_the_words_of_its_title_and_text(store):
    product = ProductPageFactory(
        store=store, title="Lantern of brass", summary="Lights a garden path"
    )

    _assert_words_are_exact()
    assert _found("lantern") == [product.pk]
    assert _found("garden", "brass") == [product.pk]
    assert _found("lantern", "copper") == []


def test_a_renamed_product_is_found_by_its_new_name_only(store, vendor):
    product = ProductPageFactory(store=store, title="Lantern of brass")

    product_update(product=product, actor=vendor, title="Kettle of copper")

    _assert_words_are_exact()
    assert _found("kettle") == [product.pk]
    assert _found("lantern") == []


def test_a_deleted_product_leaves_the_table(store):
    product = ProductPageFactory(store=store, title="Lantern of brass")

    ProductPage.objects.get(pk=product.pk).delete()

    _assert_words_are_exact()
    assert _found("lantern") == []


def test_a_rebuilt_index_is_cut_into_words_whole(store):
    ProductPageFactory(store=store, title="Lantern of brass")
    ProductPageFactory(store=store, title="Kettle of copper")

    call_command("update_index", verbosity=0)

    _assert_words_are_exact()
    assert len(_found("lantern")) == 1


def test_rewriting_an_entry_without_changing_its_text_keeps_its_words(store):
    ProductPageFactory(store=store, title="Lantern of brass")
    words = _kept()

    # What Wagtail does after every indexing (title_norm), and a rebuild.
    with connection.cursor() as cursor:
        cursor.execute("UPDATE wagtailsearch_indexentry SET title_norm = 0.5")

    assert _kept() == words
    _assert_words_are_exact()


def test_punctuation_accents_and_overlong_words_are_cut_as_a_query_is(store):
    # A JSON quote or backslash in the text must not break the cutting, and a
    # 100-character code must not fail the save (it is left out).
    product = ProductPageFactory(
        store=store,
        title='Café "Crème" mug',
        summary="Back\\slash; 12oz; " + "x" * 100,
    )

    _assert_words_are_exact()
    assert _found("crème", "café") == [product.pk]
    assert _found("slash") == [product.pk]
    assert _found("x" * 100) == []


def test_words_in_the_title_rank_first_then_the_most_hits_then_the_newest(store):
    in_text = ProductPageFactory(store=store, title="Plain cup", summary="Oak inlay")
    older = ProductPageFactory(store=store, title="Oak cup")
    newer = ProductPageFactory(store=store, title="Oak bowl")
    twice = ProductPageFactory(store=store, title="Oak stool", summary="Solid oak")

    assert _found("oak") == [twice.pk, newer.pk, older.pk, in_text.pk]


def _rows_for(rows_read, *words: str) -> tuple[list[int], int]:
    before = rows_read()
    found = ranked_ids(ProductPage, list(words), limit=5)
    return found, rows_read() - before


def test_a_word_reads_as_many_rows_as_it_returns_however_many_entries_hold_it(
    store, rows_read
):
    for number in range(8):
        ProductPageFactory(store=store, title=f"Lantern {number}")
    _rows_for(rows_read, "lantern")  # warms what a first query loads
    found, few = _rows_for(rows_read, "lantern")
    for number in range(40):
        ProductPageFactory(store=store, title=f"Lantern {number + 8}")

    found_more, many = _rows_for(rows_read, "lantern")

    # InnoDB's full-text index read and ranked every match (14 -> 54 rows here).
    assert len(found) == len(found_more) == 5
    assert many == few <= 10, (few, many)
