from django.apps import AppConfig


class SearchesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "searches"
    verbose_name = "search suggestions and statistics"

    def ready(self):
        from searches import signals  # noqa: F401
