from django_tasks import task

from vendors.renditions import image_renditions_make, page_renditions_make


@task()
def page_renditions_make_task(page_id: int) -> int:
    return page_renditions_make(page_id=page_id)


@task()
def image_renditions_make_task(image_id: int) -> int:
    return image_renditions_make(image_id=image_id)
