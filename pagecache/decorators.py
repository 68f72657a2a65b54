from functools import wraps

from pagecache.responses import render_begins


def public_page(*dependencies: str):
    """A view whose answer is the same for every visitor and shows only what
    `dependencies` (pagecache.generations keys) stand for: served from the cache."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            render_begins(request, dependencies=list(dependencies))
            return view(request, *args, **kwargs)

        wrapper.is_public_page = True
        return wrapper

    return decorator
