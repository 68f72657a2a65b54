from django.db import migrations


def backfill(apps, schema_editor):
    """Every existing product starts its history at its current price (what it
    cost before is unknown, so no "was" price is claimed for it)."""
    ProductPage = apps.get_model("vendors", "ProductPage")
    PriceChange = apps.get_model("alerts", "PriceChange")
    rows = ProductPage.objects.values_list("pk", "price", "created_at")
    PriceChange.objects.bulk_create(
        [
            PriceChange(product_id=pk, price=price, changed_at=created_at)
            for pk, price, created_at in rows.iterator(chunk_size=2000)
        ],
        batch_size=1000,
    )


class Migration(migrations.Migration):
    dependencies = [("alerts", "0001_initial")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
