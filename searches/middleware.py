from searches.services import search_counted


class SearchCountMiddleware:
    """Counts every search of a view marked `@counts_search`, before the page
    cache (the next middleware) may answer it: a cached results page is counted
    like a rendered one. One small write per search; never a reason to fail it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if getattr(view_func, "counts_search", False) and request.method == "GET":
            search_counted(query=request.GET.get("q", ""), page=request.GET.get("page"))
        return None


def counts_search(view):
    """Marks a search view for SearchCountMiddleware (the mark survives
    functools.wraps, so it may sit under other decorators)."""
    view.counts_search = True
    return view
