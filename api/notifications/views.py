from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.generics import ListAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from api.fields import is_valid_id
from api.notifications.serializers import (
    NotificationOutput,
    PreferencesSerializer,
    ReadAllOutput,
)
from api.pagination import PageNumberPagination
from api.schema import errors
from notifications.selectors import (
    email_preferences_of,
    notifications_of,
    unread_count,
)
from notifications.services import (
    email_preferences_update,
    notification_mark_read,
    notifications_mark_all_read,
)

TAGS = ["notifications"]
BOOLEAN_VALUES = {"true": True, "1": True, "false": False, "0": False}


class NotificationPagination(PageNumberPagination):
    """The page envelope, plus the user's `unread_count` (all pages)."""

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        response.data["unread_count"] = unread_count(user=self.request.user)
        return response

    def get_paginated_response_schema(self, schema):
        schema = super().get_paginated_response_schema(schema)
        schema["properties"]["unread_count"] = {"type": "integer", "example": 3}
        schema["required"] = [*schema.get("required", []), "unread_count"]
        return schema


@extend_schema(
    tags=TAGS,
    summary="Your notifications, newest first",
    parameters=[
        OpenApiParameter(
            "unread",
            OpenApiTypes.BOOL,
            description="true: only the unread ones.",
        )
    ],
    responses={200: NotificationOutput(many=True), **errors(400, 401, 429)},
)
class NotificationListView(ListAPIView):
    serializer_class = NotificationOutput
    permission_classes = [IsAuthenticated]
    pagination_class = NotificationPagination

    def get_queryset(self):
        raw = self.request.query_params.get("unread")
        unread_only = False
        if raw is not None:
            if raw.lower() not in BOOLEAN_VALUES:
                raise ValidationError({"unread": ["Must be true or false."]})
            unread_only = BOOLEAN_VALUES[raw.lower()]
        return notifications_of(user=self.request.user, unread_only=unread_only)


class NotificationReadView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        tags=TAGS,
        summary="Mark one of your notifications read",
        request=None,
        responses={200: NotificationOutput, **errors(401, 404, 429)},
    )
    def post(self, request, notification_id: str):
        notification = None
        if is_valid_id(notification_id):
            notification = notification_mark_read(
                user=request.user, notification_id=notification_id
            )
        if notification is None:
            raise NotFound("No such notification.")
        return Response(NotificationOutput(notification).data)


class NotificationReadAllView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        tags=TAGS,
        summary="Mark all your notifications read",
        request=None,
        responses={200: ReadAllOutput, **errors(401, 429)},
    )
    def post(self, request):
        updated = notifications_mark_all_read(user=request.user)
        return Response({"updated": updated}, status=status.HTTP_200_OK)


class NotificationPreferencesView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        tags=TAGS,
        summary="Your e-mail preferences per kind",
        responses={200: PreferencesSerializer, **errors(401, 429)},
    )
    def get(self, request):
        return Response({"email": email_preferences_of(user=request.user)})

    @extend_schema(
        tags=TAGS,
        summary="Switch e-mails on or off per kind (only the kinds given change)",
        request=PreferencesSerializer,
        responses={200: PreferencesSerializer, **errors(400, 401, 429)},
    )
    def patch(self, request):
        serializer = PreferencesSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        email_preferences_update(
            user=request.user, email=serializer.validated_data["email"]
        )
        return Response({"email": email_preferences_of(user=request.user)})
