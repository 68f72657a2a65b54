"""Reading the rollups: sales reports over a date range, a few rows whatever
the number of orders behind them."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Count, Sum

from accounts.models import User
from analytics.models import MarketDay, StoreDay
from analytics.months import top_products
from analytics.periods import days, today
from shop.models import OrderPart, OrderStatus
from shop.selectors import ProductSales, SalesSummary
from vendors.models import ProductPage
from vendors.selectors import stores_managed_by

MAX_RANGE_DAYS = 366
INTERVALS = ("day", "week", "month")
PRESETS = {"7": 7, "30": 30, "90": 90}
TOP_PRODUCTS = 10
ZERO = Decimal("0.00")
COLUMNS = (
    "revenue",
    "orders",
    "units",
    "commission",
    "refunds",
    "views",
    "add_to_carts",
)


@dataclass(frozen=True)
class ReportRange:
    first: date
    last: date
    interval: str = "day"

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1


def _date(value: str, name: str) -> date:
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise ValidationError({name: "Enter a date as YYYY-MM-DD."}) from None


def report_range_parse(params) -> ReportRange:
    """The range asked for by `from`, `to` and `interval`, or by a `preset`
    (7, 30, 90 days or "year", this year so far), which wins over the dates
    (the admin's preset buttons submit the form's dates too); the last 30 days
    by default. Raises
    ValidationError for a bad date or interval, `from` after `to`, or a range
    over MAX_RANGE_DAYS days."""
    last_day = today()
    preset = params.get("preset", "")
    interval = params.get("interval") or "day"
    if interval not in INTERVALS:
        raise ValidationError({"interval": "Choose day, week or month."})
    if preset:
        if preset == "year":
            return ReportRange(last_day.replace(month=1, day=1), last_day, interval)
        if preset not in PRESETS:
            raise ValidationError({"preset": "Choose 7, 30, 90 or year."})
        return ReportRange(
            last_day - timedelta(days=PRESETS[preset] - 1), last_day, interval
        )
    last = _date(params["to"], "to") if params.get("to") else last_day
    first = (
        _date(params["from"], "from")
        if params.get("from")
        else last - timedelta(days=29)
    )
    if first > last:
        raise ValidationError({"from": "The range starts after it ends."})
    if (last - first).days + 1 > MAX_RANGE_DAYS:
        raise ValidationError({"to": f"A range is at most {MAX_RANGE_DAYS} days."})
    return ReportRange(first, last, interval)


@dataclass
class Period:
    period: date
    revenue: Decimal = ZERO
    orders: int = 0
    units: int = 0
    commission: Decimal = ZERO
    refunds: Decimal = ZERO
    views: int = 0
    add_to_carts: int = 0
    sessions: int = 0

    @property
    def net(self) -> Decimal:
        return self.revenue - self.commission

    @property
    def conversion(self) -> Decimal | None:
        """Orders per session that viewed a product, as a percentage."""
        if not self.sessions:
            return None
        return (Decimal(self.orders) * 100 / self.sessions).quantize(Decimal("0.1"))


@dataclass
class SalesReport:
    range: ReportRange
    totals: Period
    series: list[Period]
    top_products: list[dict]
    by_vendor: list[dict] | None = None
    currency: str = field(default_factory=lambda: settings.CURRENCY)
    is_marketplace: bool = False


def _period_start(day: date, interval: str) -> date:
    if interval == "week":
        return day - timedelta(days=day.weekday())
    if interval == "month":
        return day.replace(day=1)
    return day


def _series(rows, report_range: ReportRange) -> list[Period]:
    """One Period per day, week or month of the range, zeros where nothing sold."""
    periods: dict[date, Period] = {}
    for day in days(report_range.first, report_range.last):
        start = _period_start(day, report_range.interval)
        periods.setdefault(start, Period(period=start))
    for row in rows:
        period = periods[_period_start(row["day"], report_range.interval)]
        for name, value in row.items():
            if name != "day" and value is not None:
                setattr(period, name, getattr(period, name) + value)
    return list(periods.values())


def _totals(series: list[Period]) -> Period:
    total = Period(period=series[0].period if series else today())
    for period in series:
        for name in (*COLUMNS, "sessions"):
            setattr(total, name, getattr(total, name) + getattr(period, name))
    return total


def _sums(*names: str) -> dict:
    return {name: Sum(name) for name in names}


def _top_products(report_range: ReportRange, store_ids=None) -> list[dict]:
    top = top_products(
        first=report_range.first,
        last=report_range.last,
        store_ids=store_ids,
        limit=TOP_PRODUCTS,
    )
    names = dict(
        ProductPage.objects.filter(
            pk__in=[row["product_id"] for row in top]
        ).values_list("pk", "title")
    )
    for row in top:
        row["name"] = names.get(row["product_id"], "")
    return top


def vendor_sales_report(*, user: User, report_range: ReportRange) -> SalesReport:
    """The sales of the stores `user` manages (a vendor's own; an admin's: all)."""
    stores = stores_managed_by(user).values("pk")
    series = vendor_series(user=user, report_range=report_range)
    top = _top_products(report_range, store_ids=stores)
    return SalesReport(
        range=report_range, totals=_totals(series), series=series, top_products=top
    )


def vendor_series(*, user: User, report_range: ReportRange) -> list[Period]:
    rows = (
        StoreDay.objects.filter(
            store_id__in=stores_managed_by(user).values("pk"),
            day__gte=report_range.first,
            day__lte=report_range.last,
        )
        .values("day")
        .annotate(**_sums(*COLUMNS))
        .order_by("day")
    )
    return _series(rows, report_range)


def marketplace_sales_report(*, report_range: ReportRange) -> SalesReport:
    """The whole marketplace's sales, with every vendor's totals."""
    window = {"day__gte": report_range.first, "day__lte": report_range.last}
    series = marketplace_series(report_range)
    top = _top_products(report_range)
    by_vendor = list(
        StoreDay.objects.filter(**window)
        .values("vendor_id", "vendor__username")
        .annotate(**_sums(*COLUMNS))
        .order_by("-revenue", "vendor_id")
    )
    for row in by_vendor:
        row["vendor"] = row.pop("vendor__username") or "(no vendor)"
        row["net"] = (row["revenue"] or ZERO) - (row["commission"] or ZERO)
    return SalesReport(
        range=report_range,
        totals=_totals(series),
        series=series,
        top_products=top,
        by_vendor=by_vendor,
        is_marketplace=True,
    )


def marketplace_series(report_range: ReportRange) -> list[Period]:
    rows = (
        MarketDay.objects.filter(
            day__gte=report_range.first, day__lte=report_range.last
        )
        .values("day", *COLUMNS, "sessions")
        .order_by("day")
    )
    return _series(rows, report_range)


@dataclass
class Health:
    tasks_waiting: int | None
    tasks_failed: int | None
    reviews_reported: int
    pages_in_moderation: int
    emails_failed: int
    announcements_failed: int


def marketplace_health() -> Health:
    """What needs an admin now: the task queue, failures, moderation."""
    from wagtail.models import WorkflowState

    from announcements.models import Announcement
    from notifications.models import Notification
    from reviews.selectors import reviews_reported

    waiting = failed = None
    if settings.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend":
        from django_tasks.base import TaskResultStatus
        from django_tasks_db.models import DBTaskResult

        waiting = DBTaskResult.objects.filter(status=TaskResultStatus.READY).count()
        failed = DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).count()
    return Health(
        tasks_waiting=waiting,
        tasks_failed=failed,
        reviews_reported=reviews_reported().count(),
        pages_in_moderation=WorkflowState.objects.filter(
            status=WorkflowState.STATUS_IN_PROGRESS
        ).count(),
        emails_failed=Notification.objects.filter(
            email_status=Notification.EmailStatus.FAILED
        ).count(),
        announcements_failed=Announcement.objects.filter(
            status=Announcement.Status.FAILED
        ).count(),
    )


def dashboard_sales_summary(*, user: User, days: int = 30, top: int = 5):
    """The dashboard's sales panel (shop.selectors.SalesSummary) from the
    rollups: the last `days` local days of the user's stores (the marketplace
    for admins), plus the parts waiting on the seller; four queries whatever
    the number of orders."""
    last = today()
    window = {"day__gte": last - timedelta(days=days - 1), "day__lte": last}
    parts = OrderPart.objects.all()
    if user.is_admin:
        totals = MarketDay.objects.filter(**window).aggregate(
            **_sums("revenue", "orders", "units")
        )
        store_ids = None
    else:
        stores = stores_managed_by(user).values("pk")
        totals = StoreDay.objects.filter(store_id__in=stores, **window).aggregate(
            **_sums("revenue", "orders", "units")
        )
        store_ids = stores
        parts = parts.filter(store__in=stores)
    waiting = dict(
        parts.filter(status__in=[OrderStatus.PAID, OrderStatus.PROCESSING])
        .order_by()
        .values("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return SalesSummary(
        days=days,
        revenue=totals["revenue"] or ZERO,
        orders=totals["orders"] or 0,
        units=totals["units"] or 0,
        to_process=waiting.get(OrderStatus.PAID, 0),
        to_ship=waiting.get(OrderStatus.PROCESSING, 0),
        top_products=[
            ProductSales(name=row["name"], units=row["units"], revenue=row["revenue"])
            for row in _top_products(
                ReportRange(window["day__gte"], last), store_ids=store_ids
            )[:top]
        ],
    )
