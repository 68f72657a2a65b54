from django.db import migrations


def open_accounts(apps, schema_editor):
    # Vendors from before approval existed are approved, with an account each;
    # a vendor without one is a new vendor (vendor_accounts.signals).
    User = apps.get_model("accounts", "User")
    VendorAccount = apps.get_model("vendor_accounts", "VendorAccount")
    have = set(VendorAccount.objects.values_list("vendor_id", flat=True))
    VendorAccount.objects.bulk_create(
        VendorAccount(vendor_id=pk)
        for pk in User.objects.filter(role="vendor").values_list("pk", flat=True)
        if pk not in have
    )


class Migration(migrations.Migration):
    dependencies = [
        ("vendor_accounts", "0001_initial"),
        ("accounts", "0005_user_vendor_status"),
    ]

    operations = [migrations.RunPython(open_accounts, migrations.RunPython.noop)]
