from django.apps import AppConfig


class AnnouncementsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "announcements"

    def ready(self):
        # Connects the receiver that queues an announcement when a page is published.
        import announcements.signals  # noqa: F401
