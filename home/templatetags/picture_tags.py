"""Wagtail's `picture` and `srcset_image` tags, with their filters built once.

Wagtail's nodes build a new Filter for every spec on every render, and each
Filter parses its spec again (the image-operation hooks, an operation object per
step) before it can pick a prefetched rendition: for a catalogue page of 24
cards, 144 parses, about a fifth of its rendering. A compiled template lives as
long as the process, so its node keeps the filters it built; a Filter holds only
its parsed spec (the image is passed to each call), so sharing one is safe.

Load this after `wagtailimages_tags`; the tags take the same arguments.
"""

from django import template
from django.utils.functional import cached_property
from wagtail.images.templatetags import wagtailimages_tags as wagtail_tags

register = template.Library()


class _FiltersOnce:
    @cached_property
    def _filters(self):
        return super().get_filters()

    def get_filters(self):
        return self._filters


class PictureNode(_FiltersOnce, wagtail_tags.PictureNode):
    pass


class SrcsetImageNode(_FiltersOnce, wagtail_tags.SrcsetImageNode):
    pass


def _node(node_class, parser, token):
    # Wagtail's parser checks the arguments and gives its errors.
    parsed = wagtail_tags.image(parser, token)
    return node_class(
        parsed.image_expr,
        parsed.filter_specs,
        output_var_name=parsed.output_var_name,
        attrs=parsed.attrs,
    )


@register.tag("picture")
def picture(parser, token):
    return _node(PictureNode, parser, token)


@register.tag("srcset_image")
def srcset_image(parser, token):
    return _node(SrcsetImageNode, parser, token)
