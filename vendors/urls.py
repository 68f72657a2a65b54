from django.urls import path

from vendors import views

app_name = "vendors"

urlpatterns = [
    path("catalogue/", views.catalogue, name="catalogue"),
    path("search/", views.search, name="search"),
]
