from django.db import migrations


def name_the_site(apps, schema_editor):
    Site = apps.get_model("wagtailcore.Site")
    Site.objects.filter(is_default_site=True, site_name="").update(
        site_name="Wagtail Marketplace"
    )


class Migration(migrations.Migration):
    dependencies = [("home", "0004_sitesettings_require_vendor_approval")]

    operations = [migrations.RunPython(name_the_site, migrations.RunPython.noop)]
