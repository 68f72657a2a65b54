from dataclasses import replace

from drf_spectacular.utils import extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from api.schema import errors
from api.search.serializers import SuggestionsOutput, SuggestQuery
from searches.suggest import suggestions


class SuggestView(APIView):
    """Suggestions for the search box; the site's header asks here too. The
    answer is cached per query until the catalogue changes (searches.suggest)."""

    permission_classes = [AllowAny]

    @extend_schema(
        summary="Search suggestions: products and stores as a buyer types",
        parameters=[SuggestQuery],
        responses={200: SuggestionsOutput, **errors(400, 429)},
    )
    def get(self, request):
        params = SuggestQuery(data=request.query_params)
        params.is_valid(raise_exception=True)
        found = suggestions(query=params.validated_data.get("q", ""))

        def absolute(url):
            return request.build_absolute_uri(url) if url else url

        found = replace(
            found,
            products=[
                replace(
                    item, url=absolute(item.url), thumbnail=absolute(item.thumbnail)
                )
                for item in found.products
            ],
            stores=[replace(item, url=absolute(item.url)) for item in found.stores],
        )
        return Response(SuggestionsOutput(found).data)
