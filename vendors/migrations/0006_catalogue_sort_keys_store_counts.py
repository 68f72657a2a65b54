from django.db import migrations, models
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

BATCH = 1000


def _batches(queryset, fields):
    """(pk, *fields) rows of `queryset` in pk order, BATCH at a time."""
    last = 0
    while True:
        rows = list(
            queryset.filter(pk__gt=last)
            .order_by("pk")
            .values_list("pk", *fields)[:BATCH]
        )
        if not rows:
            return
        yield rows
        last = rows[-1][0]


def fill(apps, schema_editor):
    ProductPage = apps.get_model("vendors", "ProductPage")
    StorePage = apps.get_model("vendors", "StorePage")
    ProductRating = apps.get_model("reviews", "ProductRating")
    # Python's lower(), as ProductPage.save() does (SQLite's LOWER() is ASCII only).
    for rows in _batches(ProductPage.objects.all(), ["title"]):
        ProductPage.objects.bulk_update(
            [ProductPage(pk=pk, sort_title=title.lower()[:255]) for pk, title in rows],
            ["sort_title"],
        )
    rated = ProductRating.objects.filter(average__isnull=False)
    for rows in _batches(rated, ["average", "count"]):
        ProductPage.objects.bulk_update(
            [
                ProductPage(pk=pk, rating_average=average, rating_count=count)
                for pk, average, count in rows
            ],
            ["rating_average", "rating_count"],
        )
    live_products = (
        ProductPage.objects.filter(store=OuterRef("pk"), live=True)
        .order_by()
        .values("store")
        .annotate(count=Count("pk"))
        .values("count")
    )
    StorePage.objects.update(product_count=Coalesce(Subquery(live_products), 0))


class Migration(migrations.Migration):
    dependencies = [
        ("vendors", "0005_product_price_max_safe_links"),
        ("reviews", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="productpage",
            name="rating_average",
            field=models.DecimalField(
                decimal_places=2, default=0, editable=False, max_digits=3
            ),
        ),
        migrations.AddField(
            model_name="productpage",
            name="rating_count",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name="productpage",
            name="sort_title",
            field=models.CharField(default="", editable=False, max_length=255),
        ),
        migrations.AddField(
            model_name="storepage",
            name="product_count",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(
            model_name="productpage",
            index=models.Index(fields=["sort_title"], name="vendors_product_title_idx"),
        ),
        migrations.AddIndex(
            model_name="productpage",
            index=models.Index(
                fields=["rating_average", "rating_count"],
                name="vendors_product_rating_idx",
            ),
        ),
    ]
