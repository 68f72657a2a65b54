from django.urls import path

from searches import views

app_name = "searches"

urlpatterns = [
    path("search/seen/", views.search_seen, name="seen"),
]
