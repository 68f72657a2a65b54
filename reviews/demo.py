"""Reviews for the demo site, written and answered through the services."""

from django.db import transaction

from accounts.models import User
from reviews.models import Review
from reviews.services import review_create, review_reply_create
from shop.models import SOLD_STATUSES, OrderLine
from vendors.models import ProductPage
from vendors.selectors import products_visible

COMMENTS = {
    5: [
        "Even better than the pictures. Well packed and quick to arrive.",
        "Beautifully made; it has become my favourite. Buying another as a gift.",
        "Exactly as described, and the seller added a kind handwritten note.",
    ],
    4: [
        "Very nice, and good value. One small flaw, but I would buy it again.",
        "Lovely quality. Delivery took a few days longer than promised.",
    ],
    3: ["It does the job. Nothing special for the price."],
    2: ["Smaller than I expected, and the finish is uneven."],
}
REPLIES = {
    5: "Thank you so much! We are glad it arrived safely.",
    4: "Thank you! Do write to us about the flaw, we would like to make it right.",
    3: "Thanks for the honest words: we are working on it.",
    2: "We are sorry to hear that. Please get in touch and we will sort it out.",
}
# Reviewer, then (position among the visible products, rating) for products
# the reviewer has not bought; bought products get a 5 or a 4.
UNBOUGHT = {
    "buyer1": [(1, 4), (5, 3), (9, 5)],
    "buyer2": [(0, 5), (4, 2), (8, 4), (12, 5)],
    "vendor2": [(2, 4), (3, 5)],
}


def _bought_by(user: User) -> list[int]:
    return list(
        OrderLine.objects.filter(
            order__buyer=user,
            order__status__in=SOLD_STATUSES,
            product__isnull=False,
        )
        .order_by("pk")
        .values_list("product_id", flat=True)
        .distinct()
    )


def _review_once(*, user: User, product: ProductPage, rating: int) -> bool:
    if product.store.vendor_id == user.pk:
        return False
    if Review.objects.filter(user=user, product=product).exists():
        return False
    choices = COMMENTS[rating]
    comment = choices[(product.pk + user.pk) % len(choices)]
    review_create(user=user, product=product, rating=rating, comment=comment)
    return True


@transaction.atomic
def seed_reviews() -> int:
    """Verified reviews of what the demo buyers bought, a few more, and some
    vendor replies; returns how many reviews were created. Safe to run again."""
    users = {user.username: user for user in User.objects.filter(username__in=UNBOUGHT)}
    products = list(products_visible().select_related("store").order_by("pk"))
    by_id = {product.pk: product for product in products}
    created = 0
    for username, picks in UNBOUGHT.items():
        user = users.get(username)
        if user is None:
            continue
        for position, product_id in enumerate(_bought_by(user)):
            if product_id in by_id:
                rating = 5 if position % 2 == 0 else 4
                created += _review_once(
                    user=user, product=by_id[product_id], rating=rating
                )
        for index, rating in picks:
            if index < len(products):
                created += _review_once(
                    user=user, product=products[index], rating=rating
                )
    _seed_replies()
    return created


def _seed_replies() -> None:
    """The store's vendor answers about half the demo reviews, always the same."""
    unanswered = (
        Review.objects.filter(reply__isnull=True, user__username__in=UNBOUGHT)
        .select_related("product__store__vendor")
        .order_by("pk")
    )
    for review in unanswered:
        if review.pk % 2:
            review_reply_create(
                review=review,
                user=review.product.store.vendor,
                text=REPLIES[review.rating],
            )
