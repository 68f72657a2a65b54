from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.generics import ListAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from alerts.models import Alert
from alerts.selectors import alerts_of
from alerts.services import alert_cancel, alert_create
from api.alerts.serializers import AlertInput, AlertOutput
from api.fields import is_valid_id
from api.schema import errors

TAGS = ["alerts"]


@extend_schema(
    tags=TAGS,
    summary="Your alerts, newest first",
    parameters=[
        OpenApiParameter(
            "status", OpenApiTypes.STR, enum=Alert.Status.values, required=False
        )
    ],
    responses={200: AlertOutput(many=True), **errors(400, 401, 429)},
)
class AlertListCreateView(ListAPIView):
    serializer_class = AlertOutput
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Alert.objects.none()
        wanted = self.request.query_params.get("status")
        if wanted is not None and wanted not in Alert.Status.values:
            raise ValidationError(
                {"status": [f"One of: {', '.join(Alert.Status.values)}."]}
            )
        return alerts_of(user=self.request.user, status=wanted)

    @extend_schema(
        tags=TAGS,
        summary="Ask to be told when a product is back or cheaper (200: the same "
        "active alert already exists)",
        request=AlertInput,
        responses={201: AlertOutput, 200: AlertOutput, **errors(400, 401, 429)},
    )
    def post(self, request):
        data = AlertInput(data=request.data)
        data.is_valid(raise_exception=True)
        alert, created = alert_create(
            user=request.user,
            product=data.validated_data["product"],
            kind=data.validated_data["kind"],
            target_price=data.validated_data.get("target_price"),
        )
        return Response(
            AlertOutput(alert).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )


class AlertDeleteView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        tags=TAGS,
        summary="Cancel one of your alerts",
        responses={204: None, **errors(401, 404, 429)},
    )
    def delete(self, request, alert_id: str):
        alert = None
        if is_valid_id(alert_id):
            alert = alert_cancel(user=request.user, alert_id=int(alert_id))
        if alert is None:
            raise NotFound("No such alert.")
        return Response(status=status.HTTP_204_NO_CONTENT)
