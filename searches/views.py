import base64

from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from searches.services import search_counted

# A transparent 1×1 GIF.
PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")


@never_cache
@require_safe
def search_seen(request):
    """Counts a search when its results page is shown: the page holds this as
    an image, so a page served from the cache (which runs no query) is counted
    too, with or without JavaScript. Never cached, by the browser or a CDN."""
    if request.method == "GET":
        search_counted(query=request.GET.get("q", "")[:200])
    return HttpResponse(PIXEL, content_type="image/gif")
