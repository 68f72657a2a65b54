from django.shortcuts import render
from django.views.decorators.http import require_safe

from pagecache.decorators import public_page
from pagecache.generations import CATALOG, SITE
from vendors.selectors import catalogue_search, page_of, product_list_filtered

CATALOGUE_PER_PAGE = 24
# Deeper pages cost more the bigger the catalog; filters narrow the list instead.
CATALOGUE_MAX_PAGES = 100
SEARCH_PER_PAGE = 24
SEARCH_QUERY_MAX_LENGTH = 200


@require_safe
@public_page(SITE, CATALOG)
def catalogue(request):
    filterset = product_list_filtered(request.GET)
    products = page_of(
        filterset.qs,
        number=request.GET.get("page"),
        per_page=CATALOGUE_PER_PAGE,
        max_pages=CATALOGUE_MAX_PAGES,
    )
    return render(
        request,
        "vendors/catalogue.html",
        {"filter_form": filterset.form, "products": products},
    )


@require_safe
@public_page(SITE, CATALOG)
def search(request):
    query = request.GET.get("q", "").strip()[:SEARCH_QUERY_MAX_LENGTH]
    stores, products = catalogue_search(query=query)
    return render(
        request,
        "vendors/search_results.html",
        {
            "query": query,
            "stores": stores,
            "products": page_of(
                products, number=request.GET.get("page"), per_page=SEARCH_PER_PAGE
            ),
        },
    )
