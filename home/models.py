from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
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

    def route(self, request, path_components):
        # Its children are store indexes (subpage_types): loaded as one in one
        # query, where Page.route loads the base page and then the specific one.
        if path_components:
            from vendors.models.stores import StoreIndexPage, _child_by_slug

            index = _child_by_slug(StoreIndexPage, self, path_components[0])
            if index is not None:
                return index.route(request, path_components[1:])
        return super().route(request, path_components)


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
    vendor_accounts_need_approval = models.BooleanField(
        default=False,
        help_text="When on, a new vendor account starts 'awaiting approval': the "
        "vendor may prepare draft stores but publishes nothing until an admin "
        "approves their application (Vendor applications). Off: new vendors are "
        "approved at once.",
    )
    default_commission_rate = models.DecimalField(
        max_digits=5,
        decimal_places=4,
        default=Decimal("0.1000"),
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text="The marketplace's share of each sold line as a fraction "
        "(0.1000 is 10%), for vendors without a rate of their own. Frozen on each "
        "order line at checkout: changing it leaves past orders as they were.",
    )

    panels = [
        FieldPanel("tagline"),
        FieldPanel("contact_email"),
        FieldPanel("footer_text"),
        MultiFieldPanel(
            [
                FieldPanel(
                    "require_vendor_approval",
                    heading="Moderate vendors' page edits",
                )
            ],
            heading="Content moderation",
        ),
        MultiFieldPanel(
            [
                FieldPanel(
                    "vendor_accounts_need_approval",
                    heading="New vendor accounts need approval",
                ),
                FieldPanel("default_commission_rate"),
            ],
            heading="Vendor accounts and commission",
        ),
    ]

    class Meta:
        verbose_name = "site settings"
