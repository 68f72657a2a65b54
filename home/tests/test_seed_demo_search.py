from io import StringIO

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from vendors.models import ProductPage


@pytest.mark.django_db
def test_seed_demo_builds_the_search_index_without_a_worker(client, settings):
    """With the database task backend nothing runs until a worker does; the
    search must still find the demo products right after seeding."""
    settings.DEBUG = True
    settings.PAGE_CACHE_ENABLED = False
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks_db.DatabaseBackend",
            "QUEUES": ["default"],
        }
    }
    out = StringIO()

    call_command("seed_demo", stdout=out)

    assert "Search index built." in out.getvalue()
    queued = DBTaskResult.objects.ready()
    assert not queued.filter(task_path__startswith="modelsearch.tasks.").exists()
    product = ProductPage.objects.live().order_by("pk").first()
    word = product.title.split()[0]
    response = client.get("/search/", {"q": word})
    assert response.status_code == 200
    assert product.title in response.content.decode()
