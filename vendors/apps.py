from django.apps import AppConfig


class VendorsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "vendors"

    def ready(self):
        # Connects the receivers that keep ProductPage.store in step with the tree.
        import vendors.signals  # noqa: F401
