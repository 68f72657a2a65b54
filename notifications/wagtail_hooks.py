"""Vendors work in the Wagtail admin: their notifications are there too, as a
menu item with the unread count and a dashboard panel with the latest ones."""

from django.urls import reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from notifications.selectors import notifications_of, unread_count

PANEL_SIZE = 5


class NotificationsMenuItem(MenuItem):
    def render_component(self, request):
        unread = unread_count(user=request.user)
        self.label = f"Notifications ({unread})" if unread else "Notifications"
        return super().render_component(request)


@hooks.register("register_admin_menu_item")
def register_notifications_menu_item():
    return NotificationsMenuItem(
        "Notifications",
        reverse("notifications:list"),
        name="notifications",
        icon_name="mail",
        order=175,
    )


class NotificationsPanel(Component):
    name = "notifications"
    order = 40
    template_name = "notifications/admin/panel.html"

    def __init__(self, *, user):
        self.user = user

    def get_context_data(self, parent_context):
        return {
            "notifications": list(notifications_of(user=self.user)[:PANEL_SIZE]),
            "unread": unread_count(user=self.user),
            "list_url": reverse("notifications:list"),
        }


@hooks.register("construct_homepage_panels")
def add_notifications_panel(request, panels):
    panels.append(NotificationsPanel(user=request.user))
