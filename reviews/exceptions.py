class ReviewError(Exception):
    """A review action that conflicts with the current state (→ 409)."""


class ReviewAlreadyReplied(ReviewError):
    def __init__(self, *, review_id: int):
        self.review_id = review_id
        super().__init__("This review already has a reply; edit it instead.")
