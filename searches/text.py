from wagtail.search.utils import MAX_QUERY_STRING_LENGTH

from vendors.search import search_words


def query_text(query: str) -> str:
    """A query as it is counted and promoted: its words, lower case, single
    spaces. "Mugs!" and " mugs" are one query; punctuation alone is none."""
    return " ".join(search_words(query))[:MAX_QUERY_STRING_LENGTH]
