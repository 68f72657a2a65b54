"""The API's one exception handler: domain exceptions become the status codes
that API.md promises."""

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.views import exception_handler as drf_exception_handler

from reviews.exceptions import ReviewError
from shop.exceptions import ShopError

NON_FIELD_KEY = "detail"


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "The request conflicts with the current state."
    default_code = "conflict"


def validation_error_detail(error: DjangoValidationError, *, field_names=None):
    """`{"field": ["message", ...]}`, or `{"detail": "..."}` for an error about
    no field; `field_names` renames model fields to the API's names."""
    field_names = field_names or {}
    if not hasattr(error, "error_dict"):
        return {NON_FIELD_KEY: " ".join(error.messages)}
    detail = {}
    for field, messages in error.message_dict.items():
        if field == NON_FIELD_ERRORS:
            detail[NON_FIELD_KEY] = " ".join(messages)
        else:
            detail[field_names.get(field, field)] = messages
    return detail


def _method_not_allowed(request, view) -> bool:
    """True when the view has no handler for the request's method (a viewset
    binds only the methods its route maps)."""
    if request is None or view is None:
        return False
    method = request.method.lower()
    return method not in view.http_method_names or not hasattr(view, method)


def not_found_detail(view) -> str:
    """A 404's text, naming what the API calls the thing, never a model class
    (Django's get_object_or_404 says "No ProductPage matches the given query.")."""
    basename = getattr(view, "basename", None)
    if basename:
        return f"{basename.replace('-', ' ').capitalize()} not found."
    return exceptions.NotFound.default_detail


def exception_handler(exc, context):
    view = context.get("view")
    request = context.get("request")
    if isinstance(
        exc,
        exceptions.NotAuthenticated
        | exceptions.AuthenticationFailed
        | exceptions.PermissionDenied,
    ) and _method_not_allowed(request, view):
        # DRF checks credentials before it looks for the method's handler: a
        # method the path never allows is 405 for everyone, token or not.
        exc = exceptions.MethodNotAllowed(request.method)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound(not_found_detail(view))
    elif isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(
            validation_error_detail(
                exc, field_names=getattr(view, "domain_field_names", None)
            )
        )
    elif isinstance(exc, PermissionDenied):
        # A service's refusal (it checks the actor itself) keeps its message;
        # DRF's own mapping would replace it with a generic one.
        exc = exceptions.PermissionDenied(str(exc) or None)
    elif isinstance(exc, ShopError | ReviewError):
        exc = Conflict(str(exc) or None)
    return drf_exception_handler(exc, context)
