from django.conf import settings
from django.core.checks import Tags, Warning, register
from django.utils.module_loading import import_string


@register(Tags.security, deploy=True)
def csrf_middleware_check(app_configs, **kwargs):
    """Django's W003, silenced in settings because it knows only its own class
    name: a CSRF middleware (Django's or a subclass, pagecache.csrf) must run."""
    from django.middleware.csrf import CsrfViewMiddleware

    for path in settings.MIDDLEWARE:
        middleware = import_string(path)
        if isinstance(middleware, type) and issubclass(middleware, CsrfViewMiddleware):
            return []
    return [
        Warning(
            "No CSRF middleware in MIDDLEWARE: add "
            "pagecache.csrf.FetchMetadataCsrfViewMiddleware.",
            id="pagecache.W001",
        )
    ]
