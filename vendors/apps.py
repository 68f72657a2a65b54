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
        from vendors.models import StorePage
        from vendors.page_forms import OwnMediaPageForm

        # Set here while vendors/models/stores.py is being changed by another piece
        # of work; ProductPage's form (vendors.forms) inherits the same checks.
        StorePage.base_form_class = OwnMediaPageForm
