from django.http import Http404
from drf_spectacular.utils import OpenApiParameter

from accounts.models import User
from api.fields import is_valid_id
from api.images import image_from_upload
from api.parsers import JSONParser, MultiPartParser
from api.schema import errors

PARSERS = [JSONParser, MultiPartParser]
# The domain's field names where the API uses others (see API.md).
DOMAIN_FIELD_NAMES = {"title": "name", "quantity": "stock_quantity"}


def image_or_none(*, upload, vendor: User, title: str):
    if upload is None:
        return None
    return image_from_upload(upload=upload, vendor=vendor, title=title)


class IdLookupMixin:
    """Ids in the URL: anything but a slash reaches the view, so a malformed or
    out-of-range id gets the API's JSON 404 rather than the site's page."""

    lookup_value_regex = r"[^/]+"

    def get_object(self):
        if not is_valid_id(self.kwargs[self.lookup_field]):
            raise Http404
        return super().get_object()


class ListFiltersMixin:
    """Filters and orderings belong to the list; an object by id is found
    whatever the query string says."""

    def filter_queryset(self, queryset):
        if self.action != "list":
            return queryset
        return super().filter_queryset(queryset)


WRITE_ERRORS = errors(400, 401, 403, 404, 429)
# What django-filter's schema leaves out: bounds, and `digital` is a string.
PRODUCT_LIST_PARAMETERS = [
    OpenApiParameter(
        "min_price", {"type": "number", "minimum": 0}, description="Lowest price."
    ),
    OpenApiParameter(
        "max_price", {"type": "number", "minimum": 0}, description="Highest price."
    ),
    OpenApiParameter(
        "min_rating",
        {"type": "number", "minimum": 0, "maximum": 5},
        description="Lowest average rating, 0-5; above 0, unrated products drop out.",
    ),
    OpenApiParameter(
        "digital",
        str,
        enum=["true", "false"],
        description="true: digital downloads only; false: physical goods only.",
    ),
]
