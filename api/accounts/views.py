from django.contrib.auth.models import update_last_login
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import AuthenticationFailed, Throttled
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework_simplejwt.exceptions import InvalidToken, TokenError
from rest_framework_simplejwt.tokens import RefreshToken

from accounts.exceptions import LoginThrottled
from accounts.login import login_authenticate
from accounts.models import User
from accounts.services import user_create, user_log_out_everywhere
from api.accounts.serializers import (
    LoginInput,
    RefreshInput,
    RefreshOutput,
    RegisterInput,
    RegisterOutput,
    TokenPairOutput,
    UserOutput,
)
from api.accounts.tokens import token_family_end, token_pair_issue, token_refresh
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


class _RefreshTokenAuthMixin:
    """Endpoints whose credential is in the body: a refusal is still a Bearer 401."""

    permission_classes = [AllowAny]
    authentication_classes = []

    def get_authenticate_header(self, request):
        return 'Bearer realm="api"'


class LoginView(_RefreshTokenAuthMixin, APIView):
    throttle_classes = [LoginRateThrottle]

    @extend_schema(
        tags=[TAG],
        request=LoginInput,
        responses={200: TokenPairOutput, **errors(400, 401, 429)},
        auth=[],
        summary="Exchange a username (or e-mail address) and password for an "
        "access and a refresh token",
        description="Failed attempts count per account and per client address "
        "together with the site's and the admin's login: once either is spent, "
        "429 with Retry-After.",
    )
    def post(self, request):
        data = LoginInput(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            user = login_authenticate(
                request=request._request,
                login=data.validated_data["username"],
                password=data.validated_data["password"],
            )
        except LoginThrottled as error:
            raise Throttled(wait=error.retry_after, detail=str(error)) from error
        if user is None:
            raise AuthenticationFailed(
                "No active account found with the given credentials",
                code="no_active_account",
            )
        refresh = token_pair_issue(user=user)
        update_last_login(None, user)
        return Response({"access": str(refresh.access_token), "refresh": str(refresh)})


class RefreshView(_RefreshTokenAuthMixin, APIView):
    @extend_schema(
        tags=[TAG],
        request=RefreshInput,
        responses={200: RefreshOutput, **errors(400, 401, 429)},
        auth=[],
        summary="A new access token and a new refresh token for a refresh token",
        description="The old refresh token stops working. Refused (401) after "
        'logout, a password change, "log out everywhere", or once the chain '
        "of refreshes is older than JWT_REFRESH_CHAIN_MAX_DAYS: log in again.",
    )
    def post(self, request):
        data = RefreshInput(data=request.data)
        data.is_valid(raise_exception=True)
        refresh = _refresh_token(data.validated_data["refresh"])
        user = User.objects.filter(pk=refresh.get("user_id"), is_active=True).first()
        if user is None:
            raise InvalidToken("No active account for this token.")
        refresh = token_refresh(refresh=refresh, user=user)
        return Response({"access": str(refresh.access_token), "refresh": str(refresh)})


class LogoutView(_RefreshTokenAuthMixin, APIView):
    @extend_schema(
        tags=[TAG],
        request=RefreshInput,
        responses={
            205: OpenApiResponse(
                description="The refresh token and its access tokens no longer work."
            ),
            **errors(400, 401, 429),
        },
        auth=[],
        summary="End a token pair (log out this device)",
    )
    def post(self, request):
        data = RefreshInput(data=request.data)
        data.is_valid(raise_exception=True)
        token_family_end(refresh=_refresh_token(data.validated_data["refresh"]))
        return Response(status=status.HTTP_205_RESET_CONTENT)


class LogoutEverywhereView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        tags=[TAG],
        request=None,
        responses={
            204: OpenApiResponse(
                description="Every token pair and site session of the user ended."
            ),
            **errors(401, 429),
        },
        summary="Log out everywhere: end every token pair of the signed-in user",
    )
    def post(self, request):
        user_log_out_everywhere(user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


def _refresh_token(raw: str) -> RefreshToken:
    try:
        return RefreshToken(raw)
    except TokenError as error:
        raise InvalidToken(error.args[0]) from error


class MeView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        tags=[TAG],
        responses={200: UserOutput, **errors(401, 429)},
        summary="The signed-in user",
    )
    def get(self, request):
        return Response(UserOutput(request.user).data)
