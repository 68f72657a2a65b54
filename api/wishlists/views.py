from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from api.fields import is_valid_id
from api.schema import errors
from api.wishlists.serializers import (
    SharedWishlistOutput,
    WishlistItemInput,
    WishlistItemOutput,
    WishlistOutput,
    WishlistShareOutput,
)
from wishlists.selectors import (
    wishlist_items_of,
    wishlist_owner_name,
    wishlist_share_token,
    wishlist_shared,
    wishlist_shared_items,
)
from wishlists.services import (
    wishlist_add,
    wishlist_remove,
    wishlist_share,
    wishlist_unshare,
)

TAGS = ["wishlist"]


def _share_url(request, token: str | None) -> str | None:
    if not token:
        return None
    return request.build_absolute_uri(reverse("wishlists:shared", args=[token]))


class WishlistView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        tags=TAGS,
        summary="Your wishlist",
        responses={200: WishlistOutput, **errors(401, 429)},
    )
    def get(self, request):
        items = wishlist_items_of(user=request.user, session=request.session)
        data = {
            "items": items,
            "count": len(items),
            "share_url": _share_url(request, wishlist_share_token(user=request.user)),
        }
        return Response(WishlistOutput(data, context={"request": request}).data)


class WishlistItemCreateView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        tags=TAGS,
        summary="Save a product (200 when it was saved already)",
        request=WishlistItemInput,
        responses={
            201: WishlistItemOutput,
            200: WishlistItemOutput,
            **errors(400, 401, 429),
        },
    )
    def post(self, request):
        data = WishlistItemInput(data=request.data)
        data.is_valid(raise_exception=True)
        product, added = wishlist_add(
            user=request.user,
            session=request.session,
            product_id=data.validated_data["product"].pk,
        )
        line = next(
            line
            for line in wishlist_items_of(user=request.user, session=request.session)
            if line.product.pk == product.pk
        )
        return Response(
            WishlistItemOutput(line, context={"request": request}).data,
            status=status.HTTP_201_CREATED if added else status.HTTP_200_OK,
        )


class WishlistItemDeleteView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        tags=TAGS,
        summary="Take a product off your wishlist",
        responses={204: None, **errors(401, 404, 429)},
    )
    def delete(self, request, product_id: str):
        removed = is_valid_id(product_id) and wishlist_remove(
            user=request.user, session=request.session, product_id=int(product_id)
        )
        if not removed:
            raise NotFound("That product is not in your wishlist.")
        return Response(status=status.HTTP_204_NO_CONTENT)


class WishlistShareView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        tags=TAGS,
        summary="Share your wishlist: a read-only link with an unguessable token",
        request=None,
        responses={200: WishlistShareOutput, **errors(401, 429)},
    )
    def post(self, request):
        wishlist = wishlist_share(user=request.user)
        token = wishlist.share_token
        return Response({"share_url": _share_url(request, token), "token": token})

    @extend_schema(
        tags=TAGS,
        summary="Stop sharing: the old link answers 404 from now on",
        responses={204: None, **errors(401, 429)},
    )
    def delete(self, request):
        wishlist_unshare(user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class SharedWishlistView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        tags=TAGS,
        summary="A wishlist shared with you (public, read-only)",
        responses={200: SharedWishlistOutput, **errors(404, 429)},
    )
    def get(self, request, token: str):
        wishlist = wishlist_shared(token=token)
        if wishlist is None:
            raise NotFound("No such wishlist.")
        items = wishlist_shared_items(wishlist=wishlist)
        data = {
            "owner": wishlist_owner_name(wishlist=wishlist),
            "items": items,
            "count": len(items),
        }
        response = Response(
            SharedWishlistOutput(data, context={"request": request}).data
        )
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response
