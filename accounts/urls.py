from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("log-out-everywhere/", views.log_out_everywhere, name="log_out_everywhere"),
]
