from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page

from config.validators import validate_safe_link
from home.blocks import ContentStreamBlock
from vendors.selectors import products_new, stores_featured


class HomePage(Page):
    hero_title = models.CharField(max_length=120, blank=True)
    hero_text = models.TextField(
        blank=True, help_text="A sentence or two under the hero title."
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_cta_label = models.CharField("call to action label", max_length=60, blank=True)
    hero_cta_link = models.CharField(
        "call to action link",
        max_length=255,
        blank=True,
        validators=[validate_safe_link],
        help_text="A path on this site (/stores/), a web address (https://…) or "
        "an e-mail link (mailto:…).",
    )
    body = StreamField(ContentStreamBlock(), blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("hero_title"),
                FieldPanel("hero_text"),
                FieldPanel("hero_image"),
                FieldPanel("hero_cta_label"),
                FieldPanel("hero_cta_link"),
            ],
            heading="Hero",
        ),
        FieldPanel("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["vendors.StoreIndexPage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["featured_stores"] = stores_featured()
        context["new_products"] = products_new()
        return context


@register_setting(icon="site")
class SiteSettings(BaseGenericSetting):
    tagline = models.CharField(
        max_length=160,
        blank=True,
        default="Independent stores, one checkout.",
        help_text="Shown in the footer.",
    )
    contact_email = models.EmailField(blank=True)
    footer_text = models.TextField(
        blank=True, help_text="A short paragraph for the site footer."
    )
    require_vendor_approval = models.BooleanField(
        default=False,
        help_text="When on, vendors cannot publish: their changes to stores and "
        "products go live only after an admin approves them in the moderation "
        "workflow.",
    )

    panels = [
        FieldPanel("tagline"),
        FieldPanel("contact_email"),
        FieldPanel("footer_text"),
        FieldPanel("require_vendor_approval", heading="Moderation"),
    ]

    class Meta:
        verbose_name = "site settings"
