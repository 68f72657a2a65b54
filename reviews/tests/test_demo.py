from accounts.tests.factories import UserFactory, VendorFactory
from reviews.demo import UNBOUGHT, seed_reviews
from reviews.models import ProductRating, Review, ReviewReply
from shop.demo import seed_orders
from vendors.tests.factories import ProductPageFactory, StorePageFactory


def _demo_catalog():
    for number in range(5):
        store = StorePageFactory(title=f"Demo store {number}")
        for position in range(4):
            ProductPageFactory(store=store, title=f"Item {number}.{position}")


def test_seed_reviews_writes_verified_and_answered_reviews_once(store_index):
    for username in ["buyer1", "buyer2"]:
        UserFactory(username=username)
    VendorFactory(username="vendor2")
    _demo_catalog()
    seed_orders()

    created = seed_reviews()
    replies = ReviewReply.objects.count()
    again = seed_reviews()

    assert created == Review.objects.count() > sum(map(len, UNBOUGHT.values()))
    assert again == 0
    assert Review.objects.filter(is_verified=True).count() >= 3
    assert Review.objects.filter(is_verified=False).exists()
    assert 0 < replies == ReviewReply.objects.count() < created
    assert sum(ProductRating.objects.values_list("count", flat=True)) == created


def test_seed_reviews_without_the_demo_users_does_nothing(store_index):
    _demo_catalog()

    assert seed_reviews() == 0
    assert not Review.objects.exists()
