"""Search reports in the Wagtail admin: what buyers looked for and did not find
(marketplace admins), and the searches that found a vendor's products."""

from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse

from searches.selectors import REPORT_DAYS, top_queries, vendor_top_queries


def search_report(request):
    if not request.user.is_admin:
        raise Http404
    return TemplateResponse(
        request,
        "searches/admin/search_report.html",
        {
            "header_title": "Search terms and misses",
            "header_icon": "search",
            "page_title": "Search terms and misses",
            "days": REPORT_DAYS,
            "top": top_queries(),
            "zero": top_queries(zero_results=True),
            "promotions_url": reverse("wagtailsearchpromotions:index"),
        },
    )


def vendor_search_report(request):
    if not (request.user.is_vendor or request.user.is_admin):
        raise Http404
    return TemplateResponse(
        request,
        "searches/admin/vendor_search_report.html",
        {
            "header_title": "Searches that found your products",
            "header_icon": "search",
            "page_title": "Searches that found your products",
            "days": REPORT_DAYS,
            "rows": vendor_top_queries(user=request.user),
            "all_stores": request.user.is_admin,
        },
    )
