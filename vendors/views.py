from django.shortcuts import render
from django.views.decorators.http import require_safe

from pagecache.decorators import public_page
from pagecache.generations import CATALOG, SITE
from searches.selectors import search_page
from searches.services import is_refinement, search_outcome_recorded
from vendors.selectors import (
    PageMissing,
    page_of,
    page_or_missing,
    product_list_filtered,
)

CATALOGUE_PER_PAGE = 24
# Deeper pages cost more the bigger the catalog; filters narrow the list instead.
CATALOGUE_MAX_PAGES = 100
SEARCH_PER_PAGE = 24
SEARCH_QUERY_MAX_LENGTH = 200


@require_safe
@public_page(SITE, CATALOG)
def catalogue(request):
    filterset = product_list_filtered(request.GET)
    try:
        products = page_or_missing(
            filterset.qs,
            number=request.GET.get("page"),
            per_page=CATALOGUE_PER_PAGE,
            max_pages=CATALOGUE_MAX_PAGES,
        )
    except PageMissing as missing:
        # Past the last page, or past the pages served: say so, and how to go on.
        return render(
            request,
            "vendors/catalogue_page_missing.html",
            {"missing": missing, "max_products": missing.paginator.max_count},
            status=404,
        )
    return render(
        request,
        "vendors/catalogue.html",
        {"filter_form": filterset.form, "products": products},
    )


@require_safe
@public_page(SITE, CATALOG)
def search(request):
    """A new search (not a refinement) is counted by the image the page holds
    (searches.views.search_seen), so a page served from the cache is counted
    too; what a rendering found is recorded for the search reports."""
    query = request.GET.get("q", "").strip()[:SEARCH_QUERY_MAX_LENGTH]
    found = search_page(query=query, params=request.GET)
    counted = bool(query) and not is_refinement(request.GET)
    if counted:
        search_outcome_recorded(
            query=query,
            store_ids=found.found_store_ids,
            product_ids=found.found_product_ids,
        )
    return render(
        request,
        "vendors/search_results.html",
        {
            "query": query,
            "found": found,
            "counted": counted,
            "stores": found.stores,
            "products": page_of(
                found.products,
                number=request.GET.get("page"),
                per_page=SEARCH_PER_PAGE,
            ),
        },
    )
