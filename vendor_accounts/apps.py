from django.apps import AppConfig


class VendorAccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "vendor_accounts"
    verbose_name = "vendor accounts"

    def ready(self):
        import vendor_accounts.signals  # noqa: F401 (connects the receivers)
