from django.db import transaction
from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.generics import ListAPIView
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import (
    AllowAny,
    IsAuthenticated,
    IsAuthenticatedOrReadOnly,
)
from rest_framework.response import Response

from accounts.models import User
from api.fields import is_valid_id
from api.images import image_from_upload, image_prefetch
from api.parsers import JSONParser
from api.permissions import IsVendorOrAdmin, ManagesProduct, ManagesStore
from api.schema import errors
from api.vendors.filters import ProductFilter, StoreFilter
from api.vendors.serializers import (
    ProductInput,
    ProductOutput,
    ProductUpdateInput,
    StoreInput,
    StoreOutput,
    StoreUpdateInput,
    VendorOutput,
)
from vendors.access import is_vendor_approval_required
from vendors.models import ProductPage, StorePage
from vendors.selectors import (
    products_managed_by,
    products_public,
    products_visible,
    stores_managed_by,
    stores_public,
    stores_visible,
)
from vendors.services import (
    product_create,
    product_delete,
    product_update,
    store_create,
    store_delete,
    store_update,
)

PARSERS = [JSONParser, MultiPartParser]
# The domain's field names where the API uses others (see API.md).
DOMAIN_FIELD_NAMES = {"title": "name", "quantity": "stock_quantity"}


def _stores_with_product_count(stores: QuerySet[StorePage]) -> QuerySet[StorePage]:
    live_products = (
        ProductPage.objects.live()
        .filter(store=OuterRef("pk"))
        .order_by()
        .values("store")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return stores.annotate(product_count=Coalesce(Subquery(live_products), 0))


def _stores_for_api(stores: QuerySet[StorePage]) -> QuerySet[StorePage]:
    return stores.prefetch_related(None).prefetch_related(image_prefetch("logo"))


def _products_for_api(products: QuerySet[ProductPage]) -> QuerySet[ProductPage]:
    return (
        products.select_related("store", "stock")
        .prefetch_related(None)
        .prefetch_related(image_prefetch("image"))
    )


def _stores_reachable(user) -> QuerySet[StorePage]:
    """Public stores, and the drafts of those the user manages.

    A store taken off the site (deleted through the API, unpublished in the
    admin) is gone here, 404, and listed only in the vendor's own list.
    """
    stores = StorePage.objects.filter(
        Q(pk__in=stores_visible().values("pk"))
        | Q(pk__in=stores_managed_by(user).filter(first_published_at=None).values("pk"))
    )
    return _stores_for_api(_stores_with_product_count(stores)).order_by("title", "pk")


def _products_reachable(user) -> QuerySet[ProductPage]:
    """Public products, and the drafts of those the user manages (as stores)."""
    products = ProductPage.objects.filter(
        Q(pk__in=products_visible().values("pk"))
        | Q(
            pk__in=products_managed_by(user)
            .filter(first_published_at=None)
            .values("pk")
        )
    )
    return _products_for_api(products).order_by("-created_at", "-pk")


def _publishes_directly(user: User) -> bool:
    """What a user creates goes live at once unless vendors need approval."""
    return user.is_admin or not is_vendor_approval_required()


def _image_or_none(*, upload, vendor: User, title: str):
    if upload is None:
        return None
    return image_from_upload(upload=upload, vendor=vendor, title=title)


class _IdLookupMixin:
    """Ids in the URL: anything but a slash reaches the view, so a malformed or
    out-of-range id gets the API's JSON 404 rather than the site's page."""

    lookup_value_regex = r"[^/]+"

    def get_object(self):
        if not is_valid_id(self.kwargs[self.lookup_field]):
            raise Http404
        return super().get_object()


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
        description="Lowest average rating, 0-5 (ratings come with reviews).",
    ),
    OpenApiParameter(
        "digital",
        str,
        enum=["true", "false"],
        description="true: digital downloads only; false: physical goods only.",
    ),
]


@extend_schema_view(
    list=extend_schema(
        summary="Published stores",
        responses={200: StoreOutput(many=True), **errors(400, 404, 429)},
    ),
    retrieve=extend_schema(
        summary="A store", responses={200: StoreOutput, **errors(404, 429)}
    ),
    create=extend_schema(
        summary="Open a store (vendors, admins)",
        request=StoreInput,
        responses={201: StoreOutput, **errors(400, 401, 403, 429)},
    ),
    partial_update=extend_schema(
        summary="Change a store (its vendor, admins)",
        request=StoreUpdateInput,
        responses={200: StoreOutput, **WRITE_ERRORS},
    ),
    destroy=extend_schema(
        summary="Take a store and its products off the site",
        responses={
            204: OpenApiResponse(description="Unpublished."),
            **errors(401, 403, 404, 429),
        },
    ),
    products=extend_schema(
        summary="A store's published products",
        responses={200: ProductOutput(many=True), **errors(400, 404, 429)},
    ),
)
class StoreViewSet(
    _IdLookupMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = StoreOutput
    filterset_class = StoreFilter
    parser_classes = PARSERS
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    domain_field_names = {**DOMAIN_FIELD_NAMES, "logo": "logo"}

    def get_permissions(self):
        if self.action == "create":
            return [IsAuthenticated(), IsVendorOrAdmin()]
        return [IsAuthenticatedOrReadOnly(), ManagesStore()]

    def get_queryset(self):
        if self.action == "list":
            return _stores_for_api(stores_public())
        return _stores_reachable(self.request.user)

    def filter_queryset(self, queryset):
        if self.action != "list":
            return queryset
        return super().filter_queryset(queryset)

    def _respond(self, store, *, status_code=status.HTTP_200_OK):
        store = self.get_queryset().get(pk=store.pk)
        return Response(self.get_serializer(store).data, status=status_code)

    def create(self, request):
        data = StoreInput(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        vendor = self._vendor(chosen=fields.pop("vendor", None))
        title = fields.pop("name")
        with transaction.atomic():
            logo = _image_or_none(
                upload=fields.pop("logo", None), vendor=vendor, title=title
            )
            store = store_create(
                vendor=vendor,
                title=title,
                logo=logo,
                publish=_publishes_directly(request.user),
                **fields,
            )
        return self._respond(store, status_code=status.HTTP_201_CREATED)

    def _vendor(self, *, chosen: User | None) -> User:
        user = self.request.user
        if user.is_admin and chosen is not None:
            return chosen
        if chosen is not None and chosen != user:
            raise ValidationError({"vendor": ["Only admins choose the vendor."]})
        if not user.is_vendor:
            raise ValidationError({"vendor": ["Choose the vendor of the store."]})
        return user

    def partial_update(self, request, pk=None):
        store = self.get_object()
        data = StoreUpdateInput(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        if "name" in fields:
            fields["title"] = fields.pop("name")
        with transaction.atomic():
            if fields.get("logo") is not None:
                fields["logo"] = image_from_upload(
                    upload=fields["logo"], vendor=store.vendor, title=store.title
                )
            store = store_update(store=store, actor=request.user, **fields)
        return self._respond(store)

    def destroy(self, request, pk=None):
        store_delete(store=self.get_object(), actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @action(detail=True, methods=["get"], serializer_class=ProductOutput)
    def products(self, request, pk=None):
        store = self.get_object()
        products = _products_for_api(products_public()).filter(store=store)
        page = self.paginate_queryset(products)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


@extend_schema_view(
    list=extend_schema(
        summary="Published products",
        parameters=PRODUCT_LIST_PARAMETERS,
        responses={200: ProductOutput(many=True), **errors(400, 404, 429)},
    ),
    retrieve=extend_schema(
        summary="A product", responses={200: ProductOutput, **errors(404, 429)}
    ),
    create=extend_schema(
        summary="Add a product to a store (its vendor, admins)",
        request=ProductInput,
        responses={201: ProductOutput, **errors(400, 401, 403, 429)},
    ),
    partial_update=extend_schema(
        summary="Change a product, its price or stock",
        request=ProductUpdateInput,
        responses={200: ProductOutput, **WRITE_ERRORS},
    ),
    destroy=extend_schema(
        summary="Take a product off the site",
        responses={
            204: OpenApiResponse(description="Unpublished."),
            **errors(401, 403, 404, 429),
        },
    ),
)
class ProductViewSet(
    _IdLookupMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = ProductOutput
    filterset_class = ProductFilter
    parser_classes = PARSERS
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    domain_field_names = DOMAIN_FIELD_NAMES

    def get_permissions(self):
        if self.action == "create":
            return [IsAuthenticated(), IsVendorOrAdmin()]
        return [IsAuthenticatedOrReadOnly(), ManagesProduct()]

    def get_queryset(self):
        if self.action == "list":
            return _products_for_api(products_public())
        return _products_reachable(self.request.user)

    def filter_queryset(self, queryset):
        if self.action != "list":
            return queryset
        return super().filter_queryset(queryset)

    def _respond(self, product, *, status_code=status.HTTP_200_OK):
        product = _products_reachable(self.request.user).get(pk=product.pk)
        return Response(self.get_serializer(product).data, status=status_code)

    def create(self, request):
        user = request.user
        data = ProductInput(
            data=request.data,
            stores=StorePage.objects.filter(
                Q(pk__in=stores_visible().values("pk"))
                | Q(pk__in=stores_managed_by(user).values("pk"))
            ),
        )
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        store = fields.pop("store")
        if not stores_managed_by(user).filter(pk=store.pk).exists():
            raise PermissionDenied("You may add products only to your own stores.")
        title = fields.pop("name")
        with transaction.atomic():
            image = _image_or_none(
                upload=fields.pop("image", None), vendor=store.vendor, title=title
            )
            product = product_create(
                store=store,
                title=title,
                image=image,
                publish=_publishes_directly(user),
                **fields,
            )
        return self._respond(product, status_code=status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        product = self.get_object()
        data = ProductUpdateInput(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        if "name" in fields:
            fields["title"] = fields.pop("name")
        with transaction.atomic():
            if fields.get("image") is not None:
                fields["image"] = image_from_upload(
                    upload=fields["image"],
                    vendor=product.store.vendor,
                    title=product.title,
                )
            product = product_update(product=product, actor=request.user, **fields)
        return self._respond(product)

    def destroy(self, request, pk=None):
        product_delete(product=self.get_object(), actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(
    list=extend_schema(
        summary="Vendors with published stores",
        responses={200: VendorOutput(many=True), **errors(400, 404, 429)},
    ),
    retrieve=extend_schema(
        summary="A vendor's public profile",
        responses={200: VendorOutput, **errors(404, 429)},
    ),
)
class VendorViewSet(_IdLookupMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = VendorOutput
    permission_classes = [AllowAny]

    def get_queryset(self):
        return (
            User.objects.filter(
                role=User.Role.VENDOR, pk__in=stores_visible().values("vendor")
            )
            .prefetch_related(
                Prefetch(
                    "stores",
                    queryset=_stores_for_api(stores_public()),
                    to_attr="public_stores",
                )
            )
            .order_by("username", "pk")
        )


class _VendorOwnListView(ListAPIView):
    permission_classes = [IsAuthenticated, IsVendorOrAdmin]


@extend_schema(
    summary="Your stores, published or not (admins: every store)",
    responses={200: StoreOutput(many=True), **errors(400, 401, 403, 404, 429)},
)
class VendorStoresView(_VendorOwnListView):
    serializer_class = StoreOutput

    def get_queryset(self):
        stores = stores_managed_by(self.request.user)
        return _stores_for_api(_stores_with_product_count(stores)).order_by(
            "title", "pk"
        )


@extend_schema(
    summary="Your products, published or not (admins: every product)",
    responses={200: ProductOutput(many=True), **errors(400, 401, 403, 404, 429)},
)
class VendorProductsView(_VendorOwnListView):
    serializer_class = ProductOutput

    def get_queryset(self):
        return _products_for_api(products_managed_by(self.request.user)).order_by(
            "-created_at", "-pk"
        )
