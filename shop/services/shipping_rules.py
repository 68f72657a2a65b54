"""A store's shipping rules: changed by its vendor (admin or API) or an admin."""

from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction

from accounts.models import User
from pagecache.generations import stores_changed
from shop.models import ShippingRule
from shop.shipping import country_codes_clean
from vendors.selectors import stores_managed_by

UNSET = object()


def shipping_rule_of(*, store) -> ShippingRule:
    """The store's rule, or an unsaved free-everywhere one."""
    rule = ShippingRule.objects.filter(store=store).first()
    return rule if rule is not None else ShippingRule(store=store)


@transaction.atomic
def shipping_rule_set(
    *,
    store,
    actor: User,
    flat_rate: Decimal | object = UNSET,
    per_additional_item: Decimal | object = UNSET,
    free_over: Decimal | None | object = UNSET,
    countries: Iterable[str] | object = UNSET,
) -> ShippingRule:
    """Set what the store charges to ship and where it ships; fields left out
    keep their value. `countries`: ISO alpha-2 codes, empty for everywhere.

    PermissionDenied unless `actor` manages the store; ValidationError for a
    negative amount or an unknown country. The store's public page and API
    answers show the rules, so their cached copies are dropped.
    """
    if not stores_managed_by(actor).filter(pk=store.pk).exists():
        raise PermissionDenied("You may change only your own stores' shipping.")
    rule = ShippingRule.objects.select_for_update().filter(store=store).first()
    rule = rule or ShippingRule(store=store)
    if flat_rate is not UNSET:
        rule.flat_rate = flat_rate
    if per_additional_item is not UNSET:
        rule.per_additional_item = per_additional_item
    if free_over is not UNSET:
        rule.free_over = free_over
    if countries is not UNSET:
        rule.countries = country_codes_clean(countries)
    rule.full_clean(exclude=["store"])
    rule.save()
    stores_changed(store_ids=[store.pk])
    return rule
