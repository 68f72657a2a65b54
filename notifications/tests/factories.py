import factory

from accounts.tests.factories import UserFactory
from notifications.models import Notification


class NotificationFactory(factory.django.DjangoModelFactory):
    """A notification as notifications.events makes them (for lists and counts;
    the events themselves are tested through the real services)."""

    class Meta:
        model = Notification

    user = factory.SubFactory(UserFactory)
    kind = "order_shipped"
    key = factory.Sequence(lambda n: f"part:{n}")
    title = factory.Sequence(lambda n: f"Order {n:08d}: Kiln Studio has shipped")
    body = "They are on their way to you."
    url = factory.Sequence(lambda n: f"/orders/{n:08d}/")
    email_status = Notification.EmailStatus.SENT
