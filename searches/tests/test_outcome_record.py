"""A search's outcome is written once while it holds, not on every rendering."""

import pytest

from searches.models import QueryOutcome, QueryStoreMatch
from searches.services import search_outcome_recorded
from searches.tests.outcomes import outcomes_made_stale
from vendors.tests.factories import ProductPageFactory

pytestmark = pytest.mark.django_db


def _record(products, stores=()):
    search_outcome_recorded(
        query="Mug",
        store_ids=[store.pk for store in stores],
        product_ids=[product.pk for product in products],
    )


def _matches() -> dict[int, int]:
    return dict(QueryStoreMatch.objects.values_list("store_id", "product_count"))


def test_the_same_outcome_again_is_one_read(store, django_assert_num_queries):
    mugs = [ProductPageFactory(store=store, title=f"Mug {n}") for n in range(2)]
    _record(mugs)

    with django_assert_num_queries(1):
        _record(mugs)

    assert QueryOutcome.objects.get(query__query_string="mug").result_count == 2


def test_a_different_number_of_results_is_written_at_once(store):
    mugs = [ProductPageFactory(store=store, title=f"Mug {n}") for n in range(2)]
    _record(mugs)

    _record(mugs[:1])

    assert QueryOutcome.objects.get(query__query_string="mug").result_count == 1
    assert _matches() == {store.pk: 1}


def test_an_old_record_is_written_again(store):
    mugs = [ProductPageFactory(store=store, title=f"Mug {n}") for n in range(2)]
    _record(mugs)
    outcomes_made_stale()
    before = QueryOutcome.objects.get().updated_at

    _record(mugs)

    assert QueryOutcome.objects.get().updated_at > before
