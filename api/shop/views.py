from django.urls import reverse
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.generics import ListAPIView
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from api.fields import is_valid_id
from api.permissions import IsVendorOrAdmin
from api.schema import errors
from api.shop.serializers import (
    CartItemInput,
    CartLineOutput,
    CartOutput,
    CartQuantityInput,
    CheckoutInput,
    OrderOutput,
    VendorCancelInput,
    VendorOrderInput,
    VendorOrderOutput,
)
from shop.selectors import order_parts_for_vendor, orders_of
from shop.services.cart import (
    cart_add_item,
    cart_contents,
    cart_for,
    cart_quantities,
    cart_remove_item,
    cart_set_quantity,
)
from shop.services.checkout import order_place
from shop.services.orders import (
    order_cancel,
    order_part_advance,
    order_part_cancel_by_vendor,
    order_part_receive,
)

CART_TAG = "cart"
ORDERS_TAG = "orders"


def _cart(request):
    """Signed-in users (JWT or session) have their cart in the database; anyone
    else the session's, kept by the session cookie."""
    return cart_for(user=request.user, session=request.session)


def _line(cart, product_id: int):
    contents = cart_contents(cart=cart)
    return next(line for line in contents.lines if line.id == product_id)


def _line_product_id(cart, item_id) -> int:
    """The cart line's product id, or 404 for a line not in this cart."""
    if not is_valid_id(item_id) or int(item_id) not in cart_quantities(cart=cart):
        raise NotFound("This item is not in your cart.")
    return int(item_id)


class CartView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        tags=[CART_TAG],
        summary="The cart: the user's, or for anonymous clients the session's",
        responses={200: CartOutput, **errors(401, 429)},
    )
    def get(self, request):
        return Response(CartOutput(cart_contents(cart=_cart(request))).data)


class CartItemCreateView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        tags=[CART_TAG],
        summary="Put a product in the cart (added to its line if there is one)",
        request=CartItemInput,
        responses={
            201: CartLineOutput,
            200: OpenApiResponse(CartLineOutput, description="Added to a line."),
            **errors(400, 401, 409, 429),
        },
    )
    def post(self, request):
        data = CartItemInput(data=request.data)
        data.is_valid(raise_exception=True)
        product_id = data.validated_data["product"]
        if not is_valid_id(product_id):
            raise ValidationError({"product": ["This product is not for sale."]})
        cart = _cart(request)
        had_line = product_id in cart_quantities(cart=cart)
        cart_add_item(
            cart=cart, product_id=product_id, quantity=data.validated_data["quantity"]
        )
        return Response(
            CartLineOutput(_line(cart, product_id)).data,
            status=status.HTTP_200_OK if had_line else status.HTTP_201_CREATED,
        )


class CartItemView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        tags=[CART_TAG],
        summary="Change the quantity of a cart line",
        request=CartQuantityInput,
        responses={200: CartLineOutput, **errors(400, 401, 404, 409, 429)},
    )
    def patch(self, request, item_id):
        cart = _cart(request)
        product_id = _line_product_id(cart, item_id)
        data = CartQuantityInput(data=request.data)
        data.is_valid(raise_exception=True)
        cart_set_quantity(
            cart=cart, product_id=product_id, quantity=data.validated_data["quantity"]
        )
        return Response(CartLineOutput(_line(cart, product_id)).data)

    @extend_schema(
        tags=[CART_TAG],
        summary="Take a line out of the cart",
        responses={
            204: OpenApiResponse(description="Removed."),
            **errors(401, 404, 429),
        },
    )
    def delete(self, request, item_id):
        cart = _cart(request)
        cart_remove_item(cart=cart, product_id=_line_product_id(cart, item_id))
        return Response(status=status.HTTP_204_NO_CONTENT)


def _own_order(request, order_id):
    if not is_valid_id(order_id):
        raise NotFound
    order = orders_of(user=request.user).filter(pk=order_id).first()
    if order is None:
        raise NotFound
    return order


class OrderListCreateView(ListAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = OrderOutput

    def get_queryset(self):
        return orders_of(user=self.request.user)

    @extend_schema(
        tags=[ORDERS_TAG],
        summary="Your orders, newest first",
        responses={200: OrderOutput(many=True), **errors(400, 401, 404, 429)},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        tags=[ORDERS_TAG],
        summary="Check out the cart",
        description="With `test` the order comes back paid; with `paypal` "
        "awaiting payment, with the `approve_url` to send the buyer to.",
        request=CheckoutInput,
        responses={201: OrderOutput, **errors(400, 401, 409, 429)},
    )
    def post(self, request):
        data = CheckoutInput(data=request.data)
        data.is_valid(raise_exception=True)
        order = order_place(
            buyer=request.user,
            cart=_cart(request),
            payment_method=data.validated_data["payment_method"],
            shipping_address=data.validated_data.get("shipping_address"),
            return_url=request.build_absolute_uri(reverse("shop:paypal_return")),
            cancel_url=request.build_absolute_uri(reverse("shop:paypal_cancel")),
        )
        order = _own_order(request, order.pk)
        output = OrderOutput(order, context=self.get_serializer_context())
        return Response(output.data, status=status.HTTP_201_CREATED)


class OrderDetailView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        tags=[ORDERS_TAG],
        summary="One of your orders",
        responses={200: OrderOutput, **errors(401, 404, 429)},
    )
    def get(self, request, order_id):
        order = _own_order(request, order_id)
        return Response(OrderOutput(order, context={"request": request}).data)


class OrderCancelView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        tags=[ORDERS_TAG],
        summary="Cancel an order no store has shipped yet; the stock comes back",
        request=None,
        responses={200: OrderOutput, **errors(400, 401, 404, 409, 429)},
    )
    def post(self, request, order_id):
        order = order_cancel(order=_own_order(request, order_id), actor=request.user)
        order = _own_order(request, order.pk)
        return Response(OrderOutput(order, context={"request": request}).data)


class OrderPartReceivedView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        tags=[ORDERS_TAG],
        summary="Confirm a shipped part arrived: it becomes delivered",
        request=None,
        responses={200: OrderOutput, **errors(400, 401, 404, 429)},
    )
    def post(self, request, order_id, part_id):
        order = _own_order(request, order_id)
        part = next(
            (part for part in order.parts.all() if str(part.pk) == str(part_id)), None
        )
        if part is None:
            raise NotFound
        order_part_receive(part=part, actor=request.user)
        order = _own_order(request, order.pk)
        return Response(OrderOutput(order, context={"request": request}).data)


class VendorOrderListView(ListAPIView):
    permission_classes = [IsAuthenticated, IsVendorOrAdmin]
    serializer_class = VendorOrderOutput

    def get_queryset(self):
        return order_parts_for_vendor(user=self.request.user)

    @extend_schema(
        tags=[ORDERS_TAG],
        summary="Your stores' parts of paid orders (admins: all stores)",
        responses={
            200: VendorOrderOutput(many=True),
            **errors(400, 401, 403, 404, 429),
        },
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class VendorOrderView(APIView):
    permission_classes = [IsAuthenticated, IsVendorOrAdmin]

    def _part(self, part_id):
        if not is_valid_id(part_id):
            raise NotFound
        part = order_parts_for_vendor(user=self.request.user).filter(pk=part_id).first()
        if part is None:
            raise NotFound
        return part

    @extend_schema(
        tags=[ORDERS_TAG],
        summary="Your store's part of an order",
        responses={200: VendorOrderOutput, **errors(401, 403, 404, 429)},
    )
    def get(self, request, part_id):
        return Response(VendorOrderOutput(self._part(part_id)).data)

    @extend_schema(
        tags=[ORDERS_TAG],
        summary="Move your part along paid → processing → shipped → delivered",
        request=VendorOrderInput,
        responses={200: VendorOrderOutput, **errors(400, 401, 403, 404, 429)},
    )
    def patch(self, request, part_id):
        part = self._part(part_id)
        data = VendorOrderInput(data=request.data)
        data.is_valid(raise_exception=True)
        tracking = data.validated_data.get("tracking") or {}
        order_part_advance(
            part=part,
            to_status=data.validated_data["status"],
            actor=request.user,
            carrier=tracking.get("carrier", ""),
            tracking_number=tracking.get("number", ""),
        )
        return Response(VendorOrderOutput(self._part(part.pk)).data)


class VendorOrderCancelView(VendorOrderView):
    http_method_names = ["post", "options"]

    @extend_schema(
        tags=[ORDERS_TAG],
        summary="Cancel your unshipped part with a reason; it alone is refunded",
        request=VendorCancelInput,
        responses={200: VendorOrderOutput, **errors(400, 401, 403, 404, 409, 429)},
    )
    def post(self, request, part_id):
        part = self._part(part_id)
        data = VendorCancelInput(data=request.data)
        data.is_valid(raise_exception=True)
        order_part_cancel_by_vendor(
            part=part, actor=request.user, reason=data.validated_data["reason"]
        )
        return Response(VendorOrderOutput(self._part(part.pk)).data)
