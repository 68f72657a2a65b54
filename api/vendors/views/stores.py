from django.core.exceptions import ValidationError
from django.db import transaction
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated, IsAuthenticatedOrReadOnly
from rest_framework.response import Response

from api.fields import is_valid_id
from api.images import image_from_upload
from api.permissions import IsVendorOrAdmin, ManagesStore
from api.schema import errors
from api.vendors.filters import StoreFilter
from api.vendors.querysets import products_for_api, stores_for_api, stores_reachable
from api.vendors.serializers import (
    ProductOutput,
    StoreInput,
    StoreOutput,
    StoreUpdateInput,
)
from api.vendors.views.common import (
    DOMAIN_FIELD_NAMES,
    PARSERS,
    WRITE_ERRORS,
    IdLookupMixin,
    ListFiltersMixin,
    image_or_none,
)
from pagecache.api import CachedPublicReadMixin
from pagecache.generations import CATALOG, SITE, store_key
from shop.services.shipping_rules import shipping_rule_set
from vendors.models import StorePage
from vendors.selectors import products_public, stores_public
from vendors.services import (
    store_create,
    store_delete,
    store_update,
    store_vendor_choose,
)


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
    CachedPublicReadMixin,
    IdLookupMixin,
    ListFiltersMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = StoreOutput
    filterset_class = StoreFilter
    parser_classes = PARSERS
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    domain_field_names = DOMAIN_FIELD_NAMES

    def get_permissions(self):
        if self.action == "create":
            return [IsAuthenticated(), IsVendorOrAdmin()]
        return [IsAuthenticatedOrReadOnly(), ManagesStore()]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            # Schema generation (also run by `check`) must not touch the database.
            return StorePage.objects.none()
        if self.action == "list":
            return stores_for_api(stores_public())
        return stores_reachable(self.request.user)

    def cache_dependencies(self) -> list[str] | None:
        if self.action == "list":
            return [SITE, CATALOG]
        # A vendor also reaches their drafts by id: only anonymous answers are shared.
        pk = self.kwargs.get("pk")
        if self.request.user.is_authenticated or not is_valid_id(pk):
            return None
        return [SITE, store_key(int(pk))]

    def _respond(self, store, *, status_code=status.HTTP_200_OK):
        store = self.get_queryset().get(pk=store.pk)
        return Response(self.get_serializer(store).data, status=status_code)

    def create(self, request):
        data = StoreInput(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        # Asked first: the logo goes in the vendor's collection.
        vendor = store_vendor_choose(
            actor=request.user, vendor=fields.pop("vendor", None)
        )
        title = fields.pop("name")
        with transaction.atomic():
            logo = image_or_none(
                upload=fields.pop("logo", None), vendor=vendor, title=title
            )
            store = store_create(
                actor=request.user, vendor=vendor, title=title, logo=logo, **fields
            )
        return self._respond(store, status_code=status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        store = self.get_object()
        data = StoreUpdateInput(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        if "name" in fields:
            fields["title"] = fields.pop("name")
        shipping = fields.pop("shipping", None)
        with transaction.atomic():
            if fields.get("logo") is not None:
                fields["logo"] = image_from_upload(
                    upload=fields["logo"], vendor=store.vendor, title=store.title
                )
            if shipping is not None:
                try:
                    shipping_rule_set(store=store, actor=request.user, **shipping)
                except ValidationError as error:
                    raise serializers.ValidationError(
                        {"shipping": error.message_dict}
                    ) from error
            if fields or shipping is None:
                store = store_update(store=store, actor=request.user, **fields)
        return self._respond(store)

    def destroy(self, request, pk=None):
        store_delete(store=self.get_object(), actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @action(detail=True, methods=["get"], serializer_class=ProductOutput)
    def products(self, request, pk=None):
        return self._answer(self._products, request, pk=pk)

    def _products(self, request, pk=None):
        store = self.get_object()
        products = products_for_api(products_public()).filter(store=store)
        page = self.paginate_queryset(products)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)
