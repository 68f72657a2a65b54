from django.urls import path

from pagecache import views

app_name = "pagecache"

urlpatterns = [
    path("session-state/", views.session_state, name="session_state"),
]
