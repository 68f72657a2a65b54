from django.middleware.csrf import CsrfViewMiddleware


class FetchMetadataCsrfViewMiddleware(CsrfViewMiddleware):
    """Django's CSRF protection, where a browser's own word that a form was sent
    from this site stands in for the token.

    Cached pages are the same for everyone, so their forms carry no token; with
    JavaScript, static/js/session.js fills it in. Without it, every current browser
    still sends `Sec-Fetch-Site: same-origin` on a form posted from one of our pages,
    a header no page can forge (browsers forbid scripts to set `Sec-*`) and which a
    cross-site form can never carry. Requests without it (older browsers, other
    clients) need the token as before; the Origin and Referer checks run in any case.
    """

    def _check_token(self, request):
        if request.META.get("HTTP_SEC_FETCH_SITE") == "same-origin":
            return
        super()._check_token(request)
