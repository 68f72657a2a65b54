from django.conf import settings
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from accounts import views as accounts_views
from config.csp import csp_report

urlpatterns = [
    # Every sign-in goes through allauth, which throttles failed attempts.
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
    ),
    # Password resets go through allauth's throttled flow only (the admin's is off).
    path(
        "admin/password_reset/",
        RedirectView.as_view(pattern_name="account_reset_password"),
    ),
    path("csp-report/", csp_report, name="csp_report"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # Before allauth's own: the role preset by "Become a vendor" (?role=vendor).
    path("accounts/signup/", accounts_views.signup, name="account_signup"),
    path("accounts/login/", accounts_views.login, name="account_login"),
    path("accounts/", include("allauth.urls")),
    path("account/", include("accounts.urls")),
    path("", include("shop.urls")),
    path("", include("reviews.urls")),
    path("notifications/", include("notifications.urls")),
    path("", include("wishlists.urls")),
    path("alerts/", include("alerts.urls")),
    path("api/", include("api.urls")),
    path("", include("pagecache.urls")),
    path("", include("searches.urls")),
    path("", include("vendors.urls")),
    # robots.txt and sitemap.xml (home.seo).
    path("", include("home.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
