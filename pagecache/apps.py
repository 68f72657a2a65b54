from django.apps import AppConfig


class PagecacheConfig(AppConfig):
    name = "pagecache"
    verbose_name = "page cache"

    def ready(self):
        from pagecache import checks, signals  # noqa: F401
