from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.generics import ListAPIView
from rest_framework.permissions import IsAuthenticated, IsAuthenticatedOrReadOnly
from rest_framework.response import Response

from api.fields import is_valid_id
from api.reviews.filters import ReviewFilter
from api.reviews.serializers import (
    ReplyInput,
    ReportInput,
    ReportOutput,
    ReviewInput,
    ReviewOutput,
    ReviewUpdateInput,
)
from api.schema import errors
from api.vendors.views.common import WRITE_ERRORS, IdLookupMixin, ListFiltersMixin
from pagecache.api import CachedPublicReadMixin
from pagecache.generations import SITE, product_key
from reviews.models import Review, ReviewReply
from reviews.selectors import can_review, reviews_reachable, reviews_visible
from reviews.services import (
    review_create,
    review_delete,
    review_reply_create,
    review_reply_update,
    review_report,
    review_update,
)
from vendors.selectors import products_visible

TAGS = ["reviews"]


@extend_schema_view(
    list=extend_schema(
        tags=TAGS,
        summary="Published reviews (filter by ?product=ID)",
        responses={200: ReviewOutput(many=True), **errors(400, 404, 429)},
    ),
    retrieve=extend_schema(
        tags=TAGS,
        summary="A review",
        responses={200: ReviewOutput, **errors(404, 429)},
    ),
    create=extend_schema(
        tags=TAGS,
        summary="Review a product (one review per product; not your own store's)",
        request=ReviewInput,
        responses={201: ReviewOutput, **errors(400, 401, 403, 429)},
    ),
    partial_update=extend_schema(
        tags=TAGS,
        summary="Change your review (admins: any)",
        request=ReviewUpdateInput,
        responses={200: ReviewOutput, **WRITE_ERRORS},
    ),
    destroy=extend_schema(
        tags=TAGS,
        summary="Delete your review (admins: any)",
        responses={
            204: OpenApiResponse(description="Deleted."),
            **errors(401, 403, 404, 429),
        },
    ),
)
class ReviewViewSet(
    IdLookupMixin,
    ListFiltersMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = ReviewOutput
    filterset_class = ReviewFilter
    permission_classes = [IsAuthenticatedOrReadOnly]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            # Schema generation (also run by `check`) must not touch the database.
            return Review.objects.none()
        if self.action == "list":
            return reviews_visible()
        return reviews_reachable(user=self.request.user)

    def _respond(self, review, *, status_code=status.HTTP_200_OK):
        review = reviews_reachable(user=self.request.user).get(pk=review.pk)
        return Response(ReviewOutput(review).data, status=status_code)

    def create(self, request):
        data = ReviewInput(data=request.data, products=products_visible())
        data.is_valid(raise_exception=True)
        product = data.validated_data["product"]
        if not can_review(user=request.user, product=product):
            raise PermissionDenied("You cannot review a product of your own store.")
        review = review_create(
            user=request.user,
            product=product,
            rating=data.validated_data["rating"],
            comment=data.validated_data["comment"],
        )
        return self._respond(review, status_code=status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        review = self.get_object()
        data = ReviewUpdateInput(data=request.data)
        data.is_valid(raise_exception=True)
        review = review_update(review=review, user=request.user, **data.validated_data)
        return self._respond(review)

    def destroy(self, request, pk=None):
        review_delete(review=self.get_object(), user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    def _visible_review(self) -> Review:
        """Replies and reports are for published reviews only."""
        review = self.get_object()
        if review.is_hidden:
            raise NotFound
        return review

    @extend_schema(
        methods=["post"],
        tags=TAGS,
        summary="Reply to a review of your store's product (once; admins too)",
        request=ReplyInput,
        responses={201: ReviewOutput, **errors(400, 401, 403, 404, 409, 429)},
    )
    @extend_schema(
        methods=["patch"],
        tags=TAGS,
        summary="Change your reply",
        request=ReplyInput,
        responses={200: ReviewOutput, **WRITE_ERRORS},
    )
    @action(
        detail=True,
        methods=["post", "patch"],
        permission_classes=[IsAuthenticated],
    )
    def reply(self, request, pk=None):
        review = self._visible_review()
        data = ReplyInput(data=request.data)
        data.is_valid(raise_exception=True)
        text = data.validated_data["text"]
        if request.method == "POST":
            review_reply_create(review=review, user=request.user, text=text)
            return self._respond(review, status_code=status.HTTP_201_CREATED)
        reply = ReviewReply.objects.filter(review=review).first()
        if reply is None:
            raise NotFound("This review has no reply yet: POST one.")
        review_reply_update(reply=reply, user=request.user, text=text)
        return self._respond(review)

    @extend_schema(
        tags=TAGS,
        summary="Report a review to the moderators (once per review)",
        request=ReportInput,
        responses={201: ReportOutput, **errors(400, 401, 404, 429)},
    )
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def report(self, request, pk=None):
        review = self._visible_review()
        data = ReportInput(data=request.data)
        data.is_valid(raise_exception=True)
        report = review_report(review=review, user=request.user, **data.validated_data)
        return Response(ReportOutput(report).data, status=status.HTTP_201_CREATED)


class ProductReviewListView(CachedPublicReadMixin, ListAPIView):
    """`/api/products/{id}/reviews/`: the reviews list for one product."""

    serializer_class = ReviewOutput
    filterset_class = ReviewFilter
    permission_classes = [IsAuthenticatedOrReadOnly]

    def cache_dependencies(self) -> list[str] | None:
        product_id = self.kwargs["product_id"]
        return [SITE, product_key(int(product_id))] if is_valid_id(product_id) else None

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Review.objects.none()
        product_id = self.kwargs["product_id"]
        if not is_valid_id(product_id):
            raise NotFound
        product = products_visible().filter(pk=product_id).first()
        if product is None:
            raise NotFound
        return reviews_visible().filter(product=product)

    @extend_schema(
        tags=TAGS,
        summary="A product's published reviews",
        responses={200: ReviewOutput(many=True), **errors(400, 404, 429)},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)
