from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.generics import ListAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from api.ledger.serializers import (
    BalanceOutput,
    LedgerEntryOutput,
    PayoutInput,
    PayoutOutput,
)
from api.permissions import IsVendor
from api.schema import errors
from ledger.models import LedgerEntry, Payout
from ledger.selectors import ledger_entries_for, payouts_for, vendor_balance
from ledger.services import payout_request

TAGS = ["vendor money"]


class VendorBalanceView(APIView):
    permission_classes = [IsAuthenticated, IsVendor]

    @extend_schema(
        tags=TAGS,
        summary="Your balance: pending, available and paid out",
        responses={200: BalanceOutput, **errors(401, 403, 429)},
    )
    def get(self, request):
        return Response(BalanceOutput(vendor_balance(vendor=request.user)).data)


@extend_schema(
    tags=TAGS,
    summary="Your ledger entries, newest first",
    responses={200: LedgerEntryOutput(many=True), **errors(400, 401, 403, 404, 429)},
)
class VendorLedgerView(ListAPIView):
    permission_classes = [IsAuthenticated, IsVendor]
    serializer_class = LedgerEntryOutput

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return LedgerEntry.objects.none()
        return ledger_entries_for(user=self.request.user)


class VendorPayoutListView(ListAPIView):
    permission_classes = [IsAuthenticated, IsVendor]
    serializer_class = PayoutOutput

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Payout.objects.none()
        return payouts_for(user=self.request.user)

    @extend_schema(
        tags=TAGS,
        summary="Your payouts, newest first",
        responses={200: PayoutOutput(many=True), **errors(400, 401, 403, 404, 429)},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        tags=TAGS,
        summary="Request a payout of up to your available balance",
        description="One open request at a time; an admin marks it paid or "
        "rejected in the admin.",
        request=PayoutInput,
        responses={201: PayoutOutput, **errors(400, 401, 403, 429)},
    )
    def post(self, request):
        data = PayoutInput(data=request.data)
        data.is_valid(raise_exception=True)
        payout = payout_request(
            vendor=request.user, actor=request.user, **data.validated_data
        )
        return Response(PayoutOutput(payout).data, status=status.HTTP_201_CREATED)
