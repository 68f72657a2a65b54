"""Our `picture` and `srcset_image` tags: Wagtail's output, filters built once."""

import pytest
from django.template import Context, Template, TemplateSyntaxError
from wagtail.images.models import Filter

from vendors.tests.factories import ImageFactory

pytestmark = pytest.mark.django_db

TAGS = [
    'picture image fill-{40x30,20x15} format-{webp,jpeg} alt="" loading="lazy"',
    'srcset_image image width-{40,20} sizes="40px" alt=""',
]


def _template(loads: str, tag: str) -> Template:
    return Template(f"{{% load {loads} %}}{{% {tag} %}}")


@pytest.mark.parametrize("tag", TAGS)
def test_the_tags_render_what_wagtails_render(tag):
    image = ImageFactory()
    context = Context({"image": image})

    ours = _template("wagtailimages_tags picture_tags", tag).render(context)
    wagtails = _template("wagtailimages_tags", tag).render(context)

    assert ours == wagtails
    assert "<img" in ours


@pytest.mark.parametrize("tag", TAGS)
def test_a_template_builds_its_filters_once(tag, monkeypatch):
    images = [ImageFactory(), ImageFactory()]
    template = _template("wagtailimages_tags picture_tags", tag)
    built = []
    expand = Filter.expand_spec
    monkeypatch.setattr(
        Filter, "expand_spec", lambda spec: built.append(spec) or expand(spec)
    )

    for image in images:
        template.render(Context({"image": image}))
        template.render(Context({"image": image}))

    assert len(built) == 1


def test_bad_arguments_get_wagtails_error():
    with pytest.raises(TemplateSyntaxError, match="at least one filter spec"):
        _template("wagtailimages_tags picture_tags", "picture image")
