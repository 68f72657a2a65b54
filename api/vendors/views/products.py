from django.db import transaction
from django.db.models import Q
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.permissions import IsAuthenticated, IsAuthenticatedOrReadOnly
from rest_framework.response import Response

from api.fields import is_valid_id
from api.images import image_from_upload
from api.pagination import CappedPageNumberPagination
from api.permissions import IsVendorOrAdmin, ManagesProduct
from api.schema import errors
from api.vendors.filters import ProductFilter
from api.vendors.querysets import products_for_api, products_reachable
from api.vendors.serializers import ProductInput, ProductOutput, ProductUpdateInput
from api.vendors.views.common import (
    DOMAIN_FIELD_NAMES,
    PARSERS,
    PRODUCT_LIST_PARAMETERS,
    WRITE_ERRORS,
    IdLookupMixin,
    ListFiltersMixin,
    image_or_none,
)
from pagecache.api import CachedPublicReadMixin
from pagecache.generations import CATALOG, SITE, product_key
from vendors.models import ProductPage, StorePage
from vendors.selectors import products_public, stores_managed_by, stores_visible
from vendors.services import (
    page_manage_check,
    product_create,
    product_delete,
    product_update,
)


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
    CachedPublicReadMixin,
    IdLookupMixin,
    ListFiltersMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = ProductOutput
    filterset_class = ProductFilter
    pagination_class = CappedPageNumberPagination
    parser_classes = PARSERS
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    domain_field_names = DOMAIN_FIELD_NAMES

    def get_permissions(self):
        if self.action == "create":
            return [IsAuthenticated(), IsVendorOrAdmin()]
        return [IsAuthenticatedOrReadOnly(), ManagesProduct()]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            # Schema generation (also run by `check`) must not touch the database.
            return ProductPage.objects.none()
        if self.action == "list":
            return products_for_api(products_public())
        return products_reachable(self.request.user)

    def cache_dependencies(self) -> list[str] | None:
        if self.action == "list":
            return [SITE, CATALOG]
        # A vendor also reaches their drafts by id: only anonymous answers are shared.
        pk = self.kwargs.get("pk")
        if self.request.user.is_authenticated or not is_valid_id(pk):
            return None
        return [SITE, CATALOG, product_key(int(pk))]

    def _respond(self, product, *, status_code=status.HTTP_200_OK):
        product = products_reachable(self.request.user).get(pk=product.pk)
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
        title = fields.pop("name")
        with transaction.atomic():
            # The service checks the actor again; asked first, no image is
            # uploaded into another vendor's collection on the way to a 403.
            page_manage_check(actor=user, page=store)
            image = image_or_none(
                upload=fields.pop("image", None), vendor=store.vendor, title=title
            )
            product = product_create(
                actor=user, store=store, title=title, image=image, **fields
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
