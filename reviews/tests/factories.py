import factory

from accounts.tests.factories import UserFactory
from reviews.services import review_create, review_reply_create, review_report
from vendors.tests.factories import ProductPageFactory


class ReviewFactory(factory.Factory):
    """A review written through reviews.services.review_create."""

    class Meta:
        model = dict

    user = factory.SubFactory(UserFactory)
    product = factory.SubFactory(ProductPageFactory)
    rating = 4
    comment = "Does what it says."

    @classmethod
    def _create(cls, model_class, **kwargs):
        return review_create(**kwargs)


class ReviewReplyFactory(factory.Factory):
    """The product's vendor answering a review, through the service."""

    class Meta:
        model = dict

    review = factory.SubFactory(ReviewFactory)
    text = "Thank you for the kind words!"

    @classmethod
    def _create(cls, model_class, **kwargs):
        review = kwargs["review"]
        user = kwargs.pop("user", None) or review.product.store.vendor
        return review_reply_create(user=user, **kwargs)


class ReviewReportFactory(factory.Factory):
    class Meta:
        model = dict

    review = factory.SubFactory(ReviewFactory)
    user = factory.SubFactory(UserFactory)
    reason = "spam"
    details = ""

    @classmethod
    def _create(cls, model_class, **kwargs):
        return review_report(**kwargs)
