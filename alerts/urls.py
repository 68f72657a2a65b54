from django.urls import path

from alerts import views

app_name = "alerts"

urlpatterns = [
    path("", views.alert_list, name="list"),
    path("new/", views.alert_create_view, name="create"),
    path("<str:alert_id>/cancel/", views.alert_cancel_view, name="cancel"),
]
