from rest_framework import pagination
from rest_framework.exceptions import ValidationError

from vendors.selectors import CappedPaginator


class PageNumberPagination(pagination.PageNumberPagination):
    """`?page=N&page_size=N`: 20 a page unless asked, never more than 100.

    A page size that is not a whole number of at least 1 is refused (400); a
    larger one than 100 gives 100.
    """

    page_size_query_param = "page_size"
    max_page_size = 100

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        try:
            size = int(raw)
        except (TypeError, ValueError):
            size = 0
        if size < 1:
            raise ValidationError(
                {self.page_size_query_param: ["Enter a whole number from 1."]}
            )
        return min(size, self.max_page_size)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                parameter["description"] = (
                    f"Results per page: {self.page_size} unless asked, "
                    f"at most {self.max_page_size}."
                )
        return parameters


class CappedPageNumberPagination(PageNumberPagination):
    """For lists that grow with the catalog: `count` stops at MAX_RESULTS and
    pages past it are a 404, so no request counts or skips every row."""

    MAX_RESULTS = 2_000

    def django_paginator_class(self, object_list, per_page):
        return CappedPaginator(
            object_list, per_page, max_pages=max(1, self.MAX_RESULTS // per_page)
        )
