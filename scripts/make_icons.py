"""Draw the PNG icons (favicon fallback, home-screen and manifest icons) from
the same shapes as static/img/favicon.svg. Run again after changing them:
    .venv/bin/python scripts/make_icons.py
"""

from pathlib import Path

from PIL import Image, ImageDraw

BLUE = (13, 110, 253, 255)
WHITE = (255, 255, 255, 255)
OUT = Path(__file__).resolve().parent.parent / "static" / "img"


def icon(size: int, *, maskable: bool = False) -> Image.Image:
    # Drawn 4x larger, then scaled down: smooth edges without a vector renderer.
    big = size * 4
    s = big / 32
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    radius = 0 if maskable else 7 * s
    draw.rounded_rectangle([0, 0, big - 1, big - 1], radius=radius, fill=BLUE)
    inset = 0.8 if maskable else 1.0  # maskable icons keep to the safe zone

    def p(x, y):
        return (16 * s + (x - 16) * s * inset, 16 * s + (y - 16) * s * inset)

    draw.polygon([p(9, 12), p(23, 12), p(21.7, 25), p(10.3, 25)], fill=WHITE)
    box = [*p(12.5, 6.5), *p(19.5, 13.5)]
    draw.arc(box, start=180, end=360, fill=WHITE, width=max(1, round(2 * s * inset)))
    draw.line([p(12.5, 10), p(12.5, 12)], fill=WHITE, width=round(2 * s * inset))
    draw.line([p(19.5, 10), p(19.5, 12)], fill=WHITE, width=round(2 * s * inset))
    return image.resize((size, size), Image.LANCZOS)


def main() -> None:
    icon(192).save(OUT / "icon-192.png", optimize=True)
    icon(512).save(OUT / "icon-512.png", optimize=True)
    icon(512, maskable=True).save(OUT / "icon-maskable-512.png", optimize=True)
    icon(180, maskable=True).convert("RGB").save(
        OUT / "apple-touch-icon.png", optimize=True
    )


if __name__ == "__main__":
    main()
