from rest_framework import pagination


class PageNumberPagination(pagination.PageNumberPagination):
    """`?page=N&page_size=N`: 20 a page unless asked, never more than 100."""

    page_size_query_param = "page_size"
    max_page_size = 100
