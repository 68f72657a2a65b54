"""Presentation helpers for the storefront's lists: page numbers and the
catalogue's active filters as removable chips."""

from django import template

register = template.Library()


@register.filter
def elided_pages(paginator, number):
    """Page numbers around the current one, with the first and last, and
    Paginator.ELLIPSIS for the gaps (1 … 4 5 6 … 20)."""
    return list(paginator.get_elided_page_range(number, on_each_side=1, on_ends=1))


@register.simple_tag(takes_context=True)
def active_filters(context, form) -> list[dict]:
    """The filters in use, each with the link that drops it (and goes back to
    page 1): [{"label": "Store: Kiln Studio", "url": "?min_price=5"}]."""
    request = context["request"]
    if not form.is_bound or not form.is_valid():
        data = {}
    else:
        data = form.cleaned_data
    chips = []
    for name, field in form.fields.items():
        if name in ("sort", "ordering", "q", "page") or not request.GET.get(name):
            continue
        value = data.get(name)
        if value in (None, "", False):
            continue
        if hasattr(field, "choices"):
            shown = {str(key): label for key, label in field.choices if key != ""}.get(
                str(getattr(value, "pk", value)), value
            )
        elif value is True:
            shown = ""
        else:
            shown = value
        params = request.GET.copy()
        for key in [name, "page", *(k for k, v in params.items() if v == "")]:
            params.pop(key, None)  # and the form's empty fields: a shorter link
        query = params.urlencode()
        chips.append(
            {
                "label": f"{field.label}: {shown}" if shown != "" else field.label,
                "url": f"?{query}" if query else request.path,
            }
        )
    return chips
