from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

app_name = "api"

urlpatterns = [
    path("auth/", include("api.accounts.urls")),
    path("", include("api.vendors.urls")),
    path("", include("api.shop.urls")),
    path("", include("api.reviews.urls")),
    path("", include("api.notifications.urls")),
    path("", include("api.wishlists.urls")),
    path("", include("api.alerts.urls")),
    path("", include("api.ledger.urls")),
    path("", include("api.search.urls")),
    path("", include("api.analytics.urls")),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api:schema"),
        name="docs",
    ),
]
