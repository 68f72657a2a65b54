from django.urls import path

from api.search.views import SuggestView

urlpatterns = [
    path("search/suggest/", SuggestView.as_view(), name="search-suggest"),
]
