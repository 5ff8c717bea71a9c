"""The advocacy power map as a PNG: influence (1–5, up) against position (−2…+2, right), each
target a numbered marker explained in the legend below, quadrant lines through "neutral" and
influence 3. Drawn with Pillow and a font already on the machine: no network, no downloads."""
from __future__ import annotations

import io
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT_FILES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/crosextra/Carlito-Regular.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
    "/Library/Fonts/Arial Unicode.ttf",
    "C:/Windows/Fonts/arial.ttf",
)
W, LEFT, RIGHT, TOP, PLOT_H = 1400, 150, 50, 40, 640
NAME_CHARS = 70  # the legend shortens longer names: the table and the alt text hold them whole
INK, GRID, LINE = (26, 26, 26), (200, 204, 200), (90, 95, 90)
COLOURS = {-2: (155, 28, 28), -1: (196, 92, 60), 0: (110, 110, 110), 1: (60, 140, 90), 2: (31, 95, 58)}


@dataclass(frozen=True)
class Target:
    name: str
    influence: float
    position: float


@lru_cache(maxsize=8)
def font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for path in FONT_FILES:
        if Path(path).is_file():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size=size)  # Pillow's own font: Latin letters at least


def _wrap(text: str, width: int, fnt) -> list[str]:  # noqa: ANN001
    """Greedy line breaking by measured word widths (a very long word is cut)."""
    space = fnt.getlength(" ")
    lines, line, used = [], [], 0.0
    for word in text.split():
        size = fnt.getlength(word)
        while size > width and len(word) > 1:  # one very long word
            cut = max(1, int(len(word) * width / size) - 1)
            if line:
                lines.append(" ".join(line))
                line, used = [], 0.0
            lines.append(word[:cut])
            word = word[cut:]
            size = fnt.getlength(word)
        if line and used + space + size > width:
            lines.append(" ".join(line))
            line, used = [], 0.0
        used += size + (space if line else 0)
        line.append(word)
    if line:
        lines.append(" ".join(line))
    return lines or [""]


def render(targets: list[Target], words: dict[str, str]) -> bytes:
    """The map as PNG bytes (175 dpi, about 20 cm wide)."""
    small, normal = font(22), font(26)
    col_w = (W - LEFT - RIGHT) // 2 - 20
    names = [t.name if len(t.name) <= NAME_CHARS else t.name[:NAME_CHARS - 1].rstrip() + "…" for t in targets]
    legend = [(i + 1, _wrap(name, col_w - 60, small)) for i, name in enumerate(names)]
    half = math.ceil(len(legend) / 2)
    heights = [sum(len(lines) * 27 + 8 for _, lines in legend[:half]),
               sum(len(lines) * 27 + 8 for _, lines in legend[half:])]
    height = TOP + PLOT_H + 130 + max(heights) + 30
    img = Image.new("RGB", (W, height), "white")
    draw = ImageDraw.Draw(img)
    x0, x1, y0, y1 = LEFT, W - RIGHT, TOP, TOP + PLOT_H

    def px(position: float) -> float:
        return x0 + (position + 2.5) / 5 * (x1 - x0)

    def py(influence: float) -> float:
        return y1 - (influence - 0.5) / 5 * (y1 - y0)

    for v in range(-2, 3):
        draw.line([(px(v), y0), (px(v), y1)], fill=GRID, width=1)
        label = f"{v:+d}".replace("-", "−") if v else "0"
        draw.text((px(v), y1 + 12), label, fill=INK, font=normal, anchor="mt")
    for v in range(1, 6):
        draw.line([(x0, py(v)), (x1, py(v))], fill=GRID, width=1)
        draw.text((x0 - 14, py(v)), str(v), fill=INK, font=normal, anchor="rm")
    draw.rectangle([x0, y0, x1, y1], outline=LINE, width=2)
    draw.line([(px(0), y0), (px(0), y1)], fill=LINE, width=4)   # quadrant lines
    draw.line([(x0, py(3)), (x1, py(3))], fill=LINE, width=4)
    draw.text((x0, y1 + 52), f"← {words['against']}", fill=INK, font=normal, anchor="lt")
    draw.text((x1, y1 + 52), f"{words['for']} →", fill=INK, font=normal, anchor="rt")
    draw.text(((x0 + x1) / 2, y1 + 52), words["position"], fill=INK, font=normal, anchor="mt")
    axis = Image.new("RGBA", (PLOT_H, 40), (255, 255, 255, 0))
    ImageDraw.Draw(axis).text((PLOT_H / 2, 20), f"{words['influence']} →", fill=INK, font=normal, anchor="mm")
    img.paste(axis.rotate(90, expand=True), (20, y0), axis.rotate(90, expand=True))

    spots: dict[tuple[float, float], list[int]] = {}
    for i, t in enumerate(targets):
        spots.setdefault((round(t.position), round(t.influence)), []).append(i)
    radius = 22
    for (pos, infl), members in spots.items():
        per_row = 5
        for k, i in enumerate(members):
            row, col = divmod(k, per_row)
            in_row = min(per_row, len(members) - row * per_row)
            cx = px(pos) + (col - (in_row - 1) / 2) * (radius * 2 + 4)
            cy = py(infl) - row * (radius * 2 + 4) + (radius if len(members) > per_row else 0)
            colour = COLOURS.get(int(pos), COLOURS[0])
            draw.ellipse([cx - radius, cy - radius, cx + radius, cy + radius], fill=colour, outline="white", width=2)
            draw.text((cx, cy), str(i + 1), fill="white", font=small if i < 99 else font(18), anchor="mm")

    top = y1 + 110
    for column, items in enumerate((legend[:half], legend[half:])):
        y = top
        x = x0 + column * (col_w + 40)
        for number, lines in items:
            draw.text((x, y), f"{number}.", fill=INK, font=small, anchor="lt")
            for line in lines:
                draw.text((x + 52, y), line, fill=INK, font=small, anchor="lt")
                y += 27
            y += 8
    out = io.BytesIO()
    img = img.quantize(colors=64, method=Image.Quantize.FASTOCTREE)  # a few colours: a small file
    img.save(out, format="PNG", dpi=(175, 175), compress_level=6)
    return out.getvalue()
