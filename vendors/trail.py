"""A page's ancestors, read once per request.

Routing a store or product page loads every page above it: Wagtail's Page.route
and vendors' own routing leave each child's parent on it (`_cached_parent_obj`,
which treebeard's get_parent reads). The breadcrumb, the BreadcrumbList JSON-LD
and the view-restriction check before serving all need those ancestors; they take
them from there instead of three queries of their own. A page that was not routed
(a preview, a page loaded by hand) costs one query, once.
"""

from wagtail.models import Page, PageViewRestriction

_ANCESTORS = "_trail_ancestors"


def _routed_ancestors(page: Page) -> list[Page] | None:
    """The ancestors below the tree's root, top down, when routing loaded them
    all up to the site's root page (at depth 2); None otherwise."""
    ancestors = []
    node = page
    while node.depth > 2:
        parent = node.__dict__.get("_cached_parent_obj")
        if parent is None or parent.depth != node.depth - 1:
            return None
        ancestors.append(parent)
        node = parent
    ancestors.reverse()
    return ancestors


def page_ancestors(page: Page) -> list[Page]:
    """The page's ancestors without the tree's root, top down (the breadcrumb)."""
    ancestors = page.__dict__.get(_ANCESTORS)
    if ancestors is None:
        ancestors = _routed_ancestors(page) if page.depth else None
        if ancestors is None:
            ancestors = [p for p in page.get_ancestors() if not p.is_root()]
        page.__dict__[_ANCESTORS] = ancestors
    return ancestors


def view_restrictions(page: Page):
    """What Page.get_view_restrictions answers, in one query when routing loaded
    the ancestors: the restrictions on the page's path and every prefix of it
    (the root's too). Wagtail reads the ancestors first to swap an alias for its
    source page; when any of them is an alias it does just that."""
    ancestors = _routed_ancestors(page) if page.depth else None
    if ancestors is None or any(p.alias_of_id for p in (page, *ancestors)):
        return None
    steplen = page.steplen
    paths = [page.path[:end] for end in range(steplen, len(page.path) + 1, steplen)]
    return PageViewRestriction.objects.filter(page__path__in=paths)
