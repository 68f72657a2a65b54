from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework_simplejwt.exceptions import InvalidToken, TokenError
from rest_framework_simplejwt.tokens import RefreshToken
from rest_framework_simplejwt.views import TokenObtainPairView, TokenRefreshView

from accounts.services import user_create
from api.accounts.serializers import (
    LoginInput,
    RefreshInput,
    RefreshOutput,
    RegisterInput,
    RegisterOutput,
    TokenPairOutput,
    UserOutput,
)
from api.schema import errors
from api.throttling import LoginRateThrottle, RegisterRateThrottle

TAG = "auth"


class RegisterView(APIView):
    permission_classes = [AllowAny]
    throttle_classes = [RegisterRateThrottle]

    @extend_schema(
        tags=[TAG],
        request=RegisterInput,
        responses={201: RegisterOutput, **errors(400, 429)},
        auth=[],
        summary="Create a buyer or vendor account",
    )
    def post(self, request):
        data = RegisterInput(data=request.data)
        data.is_valid(raise_exception=True)
        user = user_create(**data.validated_data)
        return Response(RegisterOutput(user).data, status=status.HTTP_201_CREATED)


@extend_schema(
    tags=[TAG],
    request=LoginInput,
    responses={200: TokenPairOutput, **errors(400, 401, 429)},
    auth=[],
    summary="Exchange a username and password for an access and a refresh token",
)
class LoginView(TokenObtainPairView):
    throttle_classes = [LoginRateThrottle]


@extend_schema(
    tags=[TAG],
    request=RefreshInput,
    responses={200: RefreshOutput, **errors(400, 401, 429)},
    auth=[],
    summary="A new access token (and a new refresh token) for a refresh token",
)
class RefreshView(TokenRefreshView):
    pass


class LogoutView(APIView):
    permission_classes = [AllowAny]
    # The refresh token is the credential here; no access token needed.
    authentication_classes = []

    def get_authenticate_header(self, request):
        return 'Bearer realm="api"'

    @extend_schema(
        tags=[TAG],
        request=RefreshInput,
        responses={
            205: OpenApiResponse(description="The refresh token no longer works."),
            **errors(400, 401, 429),
        },
        auth=[],
        summary="Revoke a refresh token",
    )
    def post(self, request):
        data = RefreshInput(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            RefreshToken(data.validated_data["refresh"]).blacklist()
        except TokenError as error:
            raise InvalidToken(error.args[0]) from error
        return Response(status=status.HTTP_205_RESET_CONTENT)


class MeView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        tags=[TAG],
        responses={200: UserOutput, **errors(401, 429)},
        summary="The signed-in user",
    )
    def get(self, request):
        return Response(UserOutput(request.user).data)
