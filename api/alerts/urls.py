from django.urls import path

from api.alerts import views

urlpatterns = [
    path("alerts/", views.AlertListCreateView.as_view(), name="alert-list"),
    path(
        "alerts/<str:alert_id>/", views.AlertDeleteView.as_view(), name="alert-detail"
    ),
]
