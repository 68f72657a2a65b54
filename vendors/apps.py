from django.apps import AppConfig


class VendorsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "vendors"

    def ready(self):
        # The receivers that keep ProductPage.store in step with the tree and the
        # admin's permission rows with ownership; the bulk actions that replace
        # Wagtail's page and image ones.
        import vendors.bulk_actions
        import vendors.signals  # noqa: F401
