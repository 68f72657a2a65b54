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
from accounts.registration import registration_register
from accounts.services import user_log_out_everywhere
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
REGISTERED = (
    "Check your e-mail: we sent a message to this address. A new account "
    "confirms its address with the link in it."
)


class RegisterView(APIView):
    permission_classes = [AllowAny]
    throttle_classes = [RegisterRateThrottle]

    @extend_schema(
        tags=[TAG],
        request=RegisterInput,
        responses={201: RegisterOutput, **errors(400, 429)},
        auth=[],
        summary="Create a buyer or vendor account",
        description="The answer is the same whether the e-mail address is new or "
        "already has an account, so it cannot be used to find out which: no id, no "
        "tokens. A new account gets a mail with a link to confirm its address, and "
        "can log in (POST /api/auth/login/); the owner of a taken address gets a "
        "mail saying someone tried to register with it. A taken username is a 400.",
    )
    def post(self, request):
        data = RegisterInput(data=request.data)
        data.is_valid(raise_exception=True)
        registration_register(request=request._request, **data.validated_data)
        fields = {
            name: data.validated_data[name] for name in ("username", "email", "role")
        }
        return Response(
            RegisterOutput({**fields, "detail": REGISTERED}).data,
            status=status.HTTP_201_CREATED,
        )


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
