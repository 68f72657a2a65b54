"""`POST /api/stores/{id}/logo/` and `POST /api/products/{id}/image/`: a picture
as its own multipart request, so the JSON writes stay JSON (what generated
clients send) and an upload is one file field a generator turns into working
code. The old multipart create and update keep working too."""

from django.db import transaction
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from api.images import ImageUploadField, image_from_upload
from api.parsers import MultiPartParser
from api.vendors.serializers import ProductOutput, StoreOutput
from api.vendors.views.products import ProductViewSet
from api.vendors.views.stores import StoreViewSet
from vendors.services import product_update, store_update


class LogoInput(serializers.Serializer):
    logo = ImageUploadField(help_text="The store's logo: an image file.")


class ImageInput(serializers.Serializer):
    image = ImageUploadField(help_text="The product's picture: an image file.")


class _PictureUploadView(APIView):
    """Finds the object as the resource's own viewset does (same 404 for what
    is unknown or private, 403 for another vendor's), then saves the picture
    through the domain service."""

    parser_classes = [MultiPartParser]
    permission_classes = [IsAuthenticated]
    viewset = None
    field = ""
    input_class = None

    basename = ""  # names the resource in 404 texts (api.exceptions)

    def _resource_view(self, request, pk):
        return self.viewset(
            request=request,
            args=(),
            kwargs={"pk": pk},
            action="partial_update",
            format_kwarg=None,
        )

    def post(self, request, pk):
        resource_view = self._resource_view(request, pk)
        obj = resource_view.get_object()
        data = self.input_class(data=request.data)
        data.is_valid(raise_exception=True)
        with transaction.atomic():
            image = image_from_upload(
                upload=data.validated_data[self.field],
                vendor=self.vendor_of(obj),
                title=obj.title,
            )
            obj = self.save(obj=obj, actor=request.user, image=image)
        resource_view.action = "retrieve"
        obj = resource_view.get_queryset().get(pk=obj.pk)
        return Response(resource_view.get_serializer(obj).data)


class StoreLogoView(_PictureUploadView):
    viewset = StoreViewSet
    field = "logo"
    input_class = LogoInput
    basename = "store"

    @staticmethod
    def vendor_of(store):
        return store.vendor

    @staticmethod
    def save(*, obj, actor, image):
        return store_update(store=obj, actor=actor, logo=image)

    @extend_schema(
        tags=["stores"],
        summary="Upload the store's logo (its vendor, admins)",
        request=LogoInput,
        responses={200: StoreOutput},
    )
    def post(self, request, pk):
        return super().post(request, pk)


class ProductImageView(_PictureUploadView):
    viewset = ProductViewSet
    field = "image"
    input_class = ImageInput
    basename = "product"

    @staticmethod
    def vendor_of(product):
        return product.store.vendor

    @staticmethod
    def save(*, obj, actor, image):
        return product_update(product=obj, actor=actor, image=image)

    @extend_schema(
        tags=["products"],
        summary="Upload the product's picture (its vendor, admins)",
        request=ImageInput,
        responses={200: ProductOutput},
    )
    def post(self, request, pk):
        return super().post(request, pk)
