from django.apps import AppConfig
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"


class MarketplaceUsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, with forms that carry our role, phone and address."""

    user_viewset = "accounts.viewsets.UserViewSet"
