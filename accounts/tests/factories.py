import factory

from accounts.models import User
from accounts.services import user_sync_role_groups

TEST_PASSWORD = "correct-horse-battery"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    role = User.Role.BUYER
    password = factory.django.Password(TEST_PASSWORD)

    @factory.post_generation
    def role_groups(self, create, extracted, **kwargs):
        if create:
            user_sync_role_groups(user=self)


class VendorFactory(UserFactory):
    username = factory.Sequence(lambda n: f"vendor{n}")
    role = User.Role.VENDOR


class AdminFactory(UserFactory):
    username = factory.Sequence(lambda n: f"admin{n}")
    is_staff = True
    is_superuser = True
