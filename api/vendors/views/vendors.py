from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.generics import ListAPIView
from rest_framework.permissions import AllowAny, IsAuthenticated

from accounts.models import User
from api.permissions import IsVendorOrAdmin
from api.schema import errors
from api.vendors.querysets import (
    products_for_api,
    stores_for_api,
)
from api.vendors.serializers import ProductOutput, StoreOutput, VendorOutput
from api.vendors.views.common import IdLookupMixin
from vendors.selectors import (
    products_managed_by,
    stores_managed_by,
    stores_public,
    stores_visible,
)


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
class VendorViewSet(IdLookupMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = VendorOutput
    permission_classes = [AllowAny]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            # Schema generation (also run by `check`) must not touch the database.
            return User.objects.none()
        return (
            User.objects.filter(
                role=User.Role.VENDOR, pk__in=stores_visible().values("vendor")
            )
            .prefetch_related(
                Prefetch(
                    "stores",
                    queryset=stores_for_api(stores_public()),
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
        return stores_for_api(stores).order_by("title", "pk")


@extend_schema(
    summary="Your products, published or not (admins: every product)",
    responses={200: ProductOutput(many=True), **errors(400, 401, 403, 404, 429)},
)
class VendorProductsView(_VendorOwnListView):
    serializer_class = ProductOutput

    def get_queryset(self):
        return products_for_api(products_managed_by(self.request.user)).order_by(
            "-created_at", "-pk"
        )
