from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def money_round(amount: Decimal | int) -> Decimal:
    """Two places, halves rounded up: the one rounding rule for every amount."""
    return Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)
