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


SHAPES = [
    (("gift card", "voucher"), "card"),
    (("mug", "cup"), "mug"),
    (("bowl",), "bowl"),
    (("vase", "planter", "pot"), "vase"),
    (("bean", "coffee", "roast", "espresso", "blend", "natural", "washed"), "bag"),
    (("book", "anthology", "novel", "poetry", "guide", "atlas", "stories"), "book"),
    (
        ("sock", "cardigan", "sweater", "scarf", "hat", "knit", "jumper", "mitten"),
        "knit",
    ),
    (
        ("laptop", "monitor", "phone", "tablet", "thinkpad", "macbook", "screen"),
        "screen",
    ),
    (("card",), "card"),
]


def _shape_for(title: str) -> str:
    lowered = title.lower()
    for words, shape in SHAPES:
        if any(word in lowered for word in words):
            return shape
    return "box"


def _studio(size, light) -> PILImage.Image:
    """A photo studio's sweep: a soft wall fading into the floor."""
    width, height = size
    picture = PILImage.new("RGB", size)
    draw = ImageDraw.Draw(picture)
    wall = tuple(min(255, 200 + c // 5) for c in light)
    floor = tuple(max(0, c - 25) for c in wall)
    for y in range(height):
        share = max(0.0, (y / height - 0.55) / 0.45)
        draw.line(
            [(0, y), (width, y)],
            fill=tuple(int(wall[i] * (1 - share) + floor[i] * share) for i in range(3)),
        )
    return picture


def _product(draw, box, shape: str, colour, accent) -> None:
    """One product drawn in `box` (left, top, right, bottom) as a flat, lit shape."""
    left, top, right, bottom = box
    w, h = right - left, bottom - top
    cx = left + w / 2
    shade = tuple(max(0, c - 45) for c in colour)
    # The shadow it casts on the floor.
    draw.ellipse(
        [cx - w * 0.42, bottom - h * 0.05, cx + w * 0.42, bottom + h * 0.07],
        fill=(140, 140, 140),
    )
    if shape == "mug":
        draw.rounded_rectangle(
            [cx - w * 0.3, top + h * 0.2, cx + w * 0.22, bottom],
            radius=w * 0.06,
            fill=colour,
        )
        draw.arc(
            [cx + w * 0.08, top + h * 0.35, cx + w * 0.42, top + h * 0.75],
            start=-90,
            end=90,
            fill=colour,
            width=int(w * 0.06),
        )
        draw.ellipse(
            [cx - w * 0.3, top + h * 0.14, cx + w * 0.22, top + h * 0.26], fill=shade
        )
        for i in range(18):  # speckles
            x = cx - w * 0.26 + (i * 37 % 100) / 100 * w * 0.44
            y = top + h * 0.32 + (i * 53 % 100) / 100 * h * 0.6
            draw.ellipse([x, y, x + w * 0.012, y + w * 0.012], fill=shade)
    elif shape == "bowl":
        draw.chord(
            [cx - w * 0.45, top + h * 0.1, cx + w * 0.45, bottom + h * 0.2],
            start=0,
            end=180,
            fill=colour,
        )
        draw.ellipse(
            [cx - w * 0.45, top + h * 0.48, cx + w * 0.45, top + h * 0.72], fill=shade
        )
        draw.rectangle(
            [cx - w * 0.12, bottom - h * 0.05, cx + w * 0.12, bottom], fill=shade
        )
    elif shape == "vase":
        draw.ellipse([cx - w * 0.3, top + h * 0.35, cx + w * 0.3, bottom], fill=colour)
        draw.rectangle(
            [cx - w * 0.1, top + h * 0.05, cx + w * 0.1, top + h * 0.5], fill=colour
        )
        draw.ellipse([cx - w * 0.13, top, cx + w * 0.13, top + h * 0.1], fill=shade)
    elif shape == "bag":
        draw.polygon(
            [
                (cx - w * 0.3, top + h * 0.12),
                (cx + w * 0.3, top + h * 0.12),
                (cx + w * 0.36, bottom),
                (cx - w * 0.36, bottom),
            ],
            fill=colour,
        )
        draw.rectangle([cx - w * 0.3, top, cx + w * 0.3, top + h * 0.14], fill=shade)
        draw.rounded_rectangle(
            [cx - w * 0.22, top + h * 0.4, cx + w * 0.22, top + h * 0.7],
            radius=w * 0.03,
            fill=accent,
        )
        draw.ellipse(
            [cx - w * 0.06, top + h * 0.47, cx + w * 0.06, top + h * 0.63], fill=colour
        )
    elif shape == "book":
        draw.rectangle(
            [cx - w * 0.32, top + h * 0.05, cx + w * 0.32, bottom], fill=colour
        )
        draw.rectangle(
            [cx - w * 0.32, top + h * 0.05, cx - w * 0.24, bottom], fill=shade
        )
        draw.rectangle(
            [cx - w * 0.14, top + h * 0.25, cx + w * 0.22, top + h * 0.33], fill=accent
        )
        draw.rectangle(
            [cx - w * 0.14, top + h * 0.4, cx + w * 0.12, top + h * 0.44], fill=accent
        )
    elif shape == "knit":
        body = [
            (cx - w * 0.22, top + h * 0.1),
            (cx + w * 0.22, top + h * 0.1),
            (cx + w * 0.46, top + h * 0.35),
            (cx + w * 0.36, top + h * 0.48),
            (cx + w * 0.26, top + h * 0.4),
            (cx + w * 0.26, bottom),
            (cx - w * 0.26, bottom),
            (cx - w * 0.26, top + h * 0.4),
            (cx - w * 0.36, top + h * 0.48),
            (cx - w * 0.46, top + h * 0.35),
        ]
        draw.polygon(body, fill=colour)
        draw.chord(
            [cx - w * 0.1, top + h * 0.02, cx + w * 0.1, top + h * 0.2],
            start=0,
            end=180,
            fill=shade,
        )
        for row in range(6):  # cable knit
            y = top + h * (0.5 + row * 0.08)
            draw.line(
                [(cx - w * 0.24, y), (cx + w * 0.24, y)],
                fill=shade,
                width=max(1, int(h * 0.012)),
            )
    elif shape == "screen":
        draw.rounded_rectangle(
            [cx - w * 0.45, top, cx + w * 0.45, top + h * 0.7],
            radius=w * 0.02,
            fill=(35, 38, 45),
        )
        draw.rectangle(
            [cx - w * 0.42, top + h * 0.04, cx + w * 0.42, top + h * 0.64], fill=accent
        )
        draw.polygon(
            [
                (cx - w * 0.42, top + h * 0.64),
                (cx + w * 0.1, top + h * 0.04),
                (cx + w * 0.42, top + h * 0.04),
                (cx + w * 0.42, top + h * 0.64),
            ],
            fill=colour,
        )
        draw.rectangle(
            [cx - w * 0.05, top + h * 0.7, cx + w * 0.05, bottom - h * 0.05],
            fill=(60, 63, 70),
        )
        draw.rounded_rectangle(
            [cx - w * 0.2, bottom - h * 0.06, cx + w * 0.2, bottom],
            radius=w * 0.01,
            fill=(60, 63, 70),
        )
    elif shape == "card":
        draw.rounded_rectangle(
            [cx - w * 0.45, top + h * 0.2, cx + w * 0.45, bottom - h * 0.1],
            radius=w * 0.05,
            fill=colour,
        )
        draw.rounded_rectangle(
            [cx - w * 0.35, top + h * 0.38, cx - w * 0.2, top + h * 0.5],
            radius=w * 0.015,
            fill=accent,
        )
        draw.rectangle(
            [cx - w * 0.35, bottom - h * 0.3, cx + w * 0.1, bottom - h * 0.26],
            fill=accent,
        )
    else:
        draw.rectangle(
            [cx - w * 0.35, top + h * 0.2, cx + w * 0.35, bottom], fill=colour
        )
        draw.polygon(
            [
                (cx - w * 0.35, top + h * 0.2),
                (cx - w * 0.2, top + h * 0.05),
                (cx + w * 0.5, top + h * 0.05),
                (cx + w * 0.35, top + h * 0.2),
            ],
            fill=shade,
        )
        draw.rectangle(
            [cx - w * 0.05, top + h * 0.2, cx + w * 0.05, bottom], fill=accent
        )


def _draw_product(text: str, size: tuple[int, int]) -> bytes:
    """A product alone in a photo studio: the shape follows its name."""
    width, height = size
    dark, light = _palette_for(text)
    picture = _studio(size, light)
    draw = ImageDraw.Draw(picture)
    side = min(width, height) * 0.62
    box = (
        width / 2 - side / 2,
        height * 0.2,
        width / 2 + side / 2,
        height * 0.2 + side,
    )
    _product(draw, box, _shape_for(text), dark, light)
    return _jpeg(picture)


def _draw_hero(size: tuple[int, int]) -> bytes:
    """A shelf of goods from different stores, in warm light."""
    width, height = size
    picture = _studio(size, (253, 230, 190))
    draw = ImageDraw.Draw(picture)
    shelves = [
        (0.44, [("book", 4), ("vase", 1), ("bag", 3), ("screen", 7), ("book", 6)]),
        (0.86, [("mug", 0), ("bowl", 2), ("knit", 5), ("bag", 6), ("mug", 3)]),
    ]
    for level, goods in shelves:
        shelf = height * level
        draw.rectangle([0, shelf, width, shelf + height * 0.03], fill=(150, 105, 70))
        step = width / len(goods)
        for position, (shape, palette) in enumerate(goods):
            dark, light = PALETTES[palette]
            side = min(step * 0.8, height * 0.34)
            left = step * position + (step - side) / 2
            _product(draw, (left, shelf - side, left + side, shelf), shape, dark, light)
    return _jpeg(picture)


def _jpeg(picture: PILImage.Image) -> bytes:
    buffer = BytesIO()
    picture.save(buffer, format="JPEG", quality=85, optimize=True, progressive=True)
    return buffer.getvalue()


def demo_image_get_or_create(
    *,
    title: str,
    size: tuple[int, int] = (1200, 800),
    collection=None,
    label: str | None = None,
    kind: str = "label",
) -> Image:
    """A Wagtail image, reused when it exists: a product in a studio
    (kind="product"), a shelf of goods (kind="hero"), or a gradient with a
    label (the title unless told)."""
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    slug = hashlib.sha1(title.encode(), usedforsecurity=False).hexdigest()[:12]
    image = Image(title=title)
    if collection is not None:
        image.collection = collection
    if kind == "product":
        content = _draw_product(title, size)
    elif kind == "hero":
        content = _draw_hero(size)
    else:
        content = _draw(title, size, title if label is None else label)
    image.file = ImageFile(BytesIO(content), name=f"demo-{slug}.jpg")
    image.save()
    return image
