"""MariaDB's narrow copy of Wagtail's search index (migration vendors.0008):
the triggers keep it equal to the index through every write, so what the site
ranks from it is what Wagtail indexed."""

import pytest
from django.core.management import call_command
from django.db import connection

from vendors.models import ProductPage
from vendors.search import MYSQL_SEARCH_TEXT, ranked_ids
from vendors.services import product_update
from vendors.tests.factories import ProductPageFactory
from vendors.tests.markers import search_db

pytestmark = [
    search_db,
    pytest.mark.skipif(
        connection.vendor != "mysql", reason="the copy exists on MariaDB only"
    ),
]

COLUMNS = "content_type_id, object_id, title, body"


def _rows(table: str) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {COLUMNS} FROM {table} ORDER BY {COLUMNS}")  # noqa: S608
        return list(cursor.fetchall())


def _doc_ids() -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT FTS_DOC_ID FROM {MYSQL_SEARCH_TEXT} ORDER BY 1")  # noqa: S608
        return [row[0] for row in cursor.fetchall()]


def _assert_copy_is_exact():
    assert _rows(MYSQL_SEARCH_TEXT) == _rows("wagtailsearch_indexentry")


def _found(word: str) -> list[int]:
    return ranked_ids(ProductPage, [word], limit=10)


def test_a_new_product_is_copied_and_found(store):
    product = ProductPageFactory(store=store, title="Lantern of brass")

    _assert_copy_is_exact()
    assert _found("lantern") == [product.pk]


def test_a_renamed_product_is_found_by_its_new_name_only(store, vendor):
    product = ProductPageFactory(store=store, title="Lantern of brass")

    product_update(product=product, actor=vendor, title="Kettle of copper")

    _assert_copy_is_exact()
    assert _found("kettle") == [product.pk]
    assert _found("lantern") == []


def test_a_deleted_product_leaves_the_copy(store):
    product = ProductPageFactory(store=store, title="Lantern of brass")

    ProductPage.objects.get(pk=product.pk).delete()

    _assert_copy_is_exact()
    assert _found("lantern") == []


def test_a_rebuilt_index_is_copied_whole(store):
    ProductPageFactory(store=store, title="Lantern of brass")
    ProductPageFactory(store=store, title="Kettle of copper")

    call_command("update_index", verbosity=0)

    _assert_copy_is_exact()
    assert len(_found("lantern")) == 1


def test_rewriting_an_entry_without_changing_its_text_keeps_its_copy(store):
    ProductPageFactory(store=store, title="Lantern of brass")
    doc_ids = _doc_ids()

    # What Wagtail does after every indexing (title_norm), and a rebuild.
    with connection.cursor() as cursor:
        cursor.execute("UPDATE wagtailsearch_indexentry SET title_norm = 0.5")

    assert _doc_ids() == doc_ids
    _assert_copy_is_exact()
