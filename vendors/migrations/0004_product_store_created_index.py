from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("vendors", "0003_vendorworkspace"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="productpage",
            index=models.Index(
                fields=["store", "created_at"], name="vendors_product_store_new_idx"
            ),
        ),
    ]
