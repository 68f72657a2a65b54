"""Pictures for the demo data, drawn locally with Pillow (no network needed)."""

import hashlib
from io import BytesIO

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.images.models import Image

PALETTES = [
    ((37, 99, 235), (147, 197, 253)),
    ((5, 150, 105), (167, 243, 208)),
    ((217, 119, 6), (253, 230, 138)),
    ((190, 24, 93), (251, 207, 232)),
    ((79, 70, 229), (199, 210, 254)),
    ((15, 118, 110), (153, 246, 228)),
    ((185, 28, 28), (254, 202, 202)),
    ((71, 85, 105), (226, 232, 240)),
]


def _palette_for(text: str) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    digest = hashlib.sha256(text.encode()).digest()
    return PALETTES[digest[0] % len(PALETTES)]


def _draw(text: str, size: tuple[int, int], label: str) -> bytes:
    width, height = size
    dark, light = _palette_for(text)
    picture = PILImage.new("RGB", size, light)
    draw = ImageDraw.Draw(picture)
    for y in range(height):
        share = y / height
        colour = tuple(int(light[i] * (1 - share) + dark[i] * share) for i in range(3))
        draw.line([(0, y), (width, y)], fill=colour)
    radius = min(size) // 3
    draw.ellipse(
        [width - radius * 2, -radius // 2, width + radius // 2, radius * 2],
        fill=tuple(min(255, c + 30) for c in light),
    )
    font = ImageFont.load_default(size=max(24, width // 14))
    if label:
        draw.text(
            (width // 16, height - height // 4), label, fill=(255, 255, 255), font=font
        )
    buffer = BytesIO()
    picture.save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()


def demo_image_get_or_create(
    *,
    title: str,
    size: tuple[int, int] = (1200, 800),
    collection=None,
    label: str | None = None,
) -> Image:
    """A Wagtail image with a gradient and a label (the title unless told);
    reused when it exists."""
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    slug = hashlib.sha1(title.encode(), usedforsecurity=False).hexdigest()[:12]
    image = Image(title=title)
    if collection is not None:
        image.collection = collection
    image.file = ImageFile(
        BytesIO(_draw(title, size, title if label is None else label)),
        name=f"demo-{slug}.jpg",
    )
    image.save()
    return image
