from django.db import migrations
from django.db.models import F

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEPLEN = 4


def _step(position):
    digits = ""
    while position:
        position, remainder = divmod(position, len(ALPHABET))
        digits = ALPHABET[remainder] + digits
    return digits.rjust(STEPLEN, "0")


def create_store_index(apps, schema_editor):
    """Give a fresh site its stores page under the home page (/stores/)."""
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    HomePage = apps.get_model("home.HomePage")
    StoreIndexPage = apps.get_model("vendors.StoreIndexPage")

    home = HomePage.objects.order_by("path").first()
    if home is None or StoreIndexPage.objects.exists():
        return
    children = Page.objects.filter(path__startswith=home.path, depth=home.depth + 1)
    if children.filter(slug="stores").exists():
        return
    last_child = children.order_by("-path").first()
    position = int(last_child.path[-STEPLEN:], 36) + 1 if last_child else 1
    content_type, __ = ContentType.objects.get_or_create(
        app_label="vendors", model="storeindexpage"
    )
    StoreIndexPage.objects.create(
        title="Stores",
        draft_title="Stores",
        slug="stores",
        content_type=content_type,
        path=home.path + _step(position),
        depth=home.depth + 1,
        numchild=0,
        url_path=f"{home.url_path}stores/",
        locale_id=home.locale_id,
        intro="Independent shops, each run by the people who make what they sell.",
    )
    Page.objects.filter(pk=home.pk).update(numchild=F("numchild") + 1)


def remove_store_index(apps, schema_editor):
    Page = apps.get_model("wagtailcore.Page")
    StoreIndexPage = apps.get_model("vendors.StoreIndexPage")
    for index in StoreIndexPage.objects.filter(numchild=0):
        parent_path = index.path[:-STEPLEN]
        index.delete()
        Page.objects.filter(path=parent_path).update(numchild=F("numchild") - 1)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_create_homepage"),
        ("vendors", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_store_index, remove_store_index)]
