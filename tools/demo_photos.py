"""Draws the demo town's photos with Pillow, so the project may ship every one of them.

Scenes are simple but recognisable: a meeting hall under a red banner with
rows of heads, an award ceremony, a village road with volunteers in red
vests, a classroom (课后辅导), a free clinic (义诊), a home visit (走访), a
volunteer team and a poster carrying the quarter's theme. Portraits are
head-and-shoulders silhouettes in varied colours, hair and clothes.

A CJK font is used for banners when the machine has one (Debian:
fonts-noto-cjk); without one the scenes carry no text, so drawing never fails.
The same random generator gives the same bytes.
"""
from __future__ import annotations

import random
import subprocess
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT_CANDIDATES = [
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "/usr/share/fonts/truetype/arphic/uming.ttc",
]
RED, DEEP_RED, GOLD, WHITE = (200, 16, 32), (150, 18, 28), (250, 214, 90), (255, 255, 255)
SKIN = [(236, 200, 172), (224, 184, 152), (242, 208, 182), (210, 168, 136)]
HAIR = [(20, 20, 25), (38, 30, 26), (60, 50, 44), (110, 110, 115), (170, 170, 172)]


@lru_cache(maxsize=1)
def font_path() -> str | None:
    """A font that can draw Chinese, or None (then scenes are drawn without text)."""
    for path in FONT_CANDIDATES:
        if Path(path).exists():
            return path
    try:  # any other CJK font fontconfig knows about
        listed = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    files = sorted(line.split(":")[0].strip() for line in listed.splitlines() if line.strip())
    return files[0] if files else None


@lru_cache(maxsize=64)
def _font(size: int) -> ImageFont.FreeTypeFont | None:
    path = font_path()
    if not path:
        return None
    try:
        return ImageFont.truetype(path, size)
    except OSError:
        return None


def _text(draw: ImageDraw.ImageDraw, box, text: str | None, fill) -> None:
    """Centre `text` in `box`, shrinking it to fit; nothing when there is no CJK font."""
    if not text or not _font(12):
        return
    left, top, right, bottom = (int(v) for v in box)
    size = max(8, int((bottom - top) * 0.62))
    font = _font(size)
    while draw.textlength(text, font=font) > (right - left) * 0.92 and size > 8:
        size = max(8, int(size * 0.92))
        font = _font(size)
    width = draw.textlength(text, font=font)
    draw.text(((left + right - width) / 2, top + (bottom - top - size) / 2 - size * 0.12), text, font=font, fill=fill)


def save(image: Image.Image, path: Path, quality: int = 80) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, "JPEG", quality=quality, optimize=True)


# -- people ---------------------------------------------------------------------
def _person(draw, rng: random.Random, x: float, y: float, s: float, body, legs=(40, 45, 60), hair=None) -> None:
    """A standing figure, feet at (x, y), height about 3.4 × s."""
    skin = rng.choice(SKIN)
    draw.rectangle((x - s * 0.32, y - s * 1.3, x - s * 0.06, y), fill=legs)
    draw.rectangle((x + s * 0.06, y - s * 1.3, x + s * 0.32, y), fill=legs)
    draw.rounded_rectangle((x - s * 0.5, y - s * 2.6, x + s * 0.5, y - s * 1.2), radius=s * 0.2, fill=body)
    draw.ellipse((x - s * 0.36, y - s * 3.4, x + s * 0.36, y - s * 2.6), fill=skin)
    draw.chord((x - s * 0.38, y - s * 3.45, x + s * 0.38, y - s * 2.85), 180, 360, fill=hair or rng.choice(HAIR[:3]))


def _flag(draw, x: float, y: float, h: float) -> None:
    draw.line((x, y, x, y + h), fill=(120, 120, 120), width=max(2, int(h / 60)))
    draw.rectangle((x, y, x + h * 0.45, y + h * 0.3), fill=RED)
    draw.regular_polygon((x + h * 0.08, y + h * 0.08, h * 0.04), 5, fill=GOLD)


# -- scenes ---------------------------------------------------------------------
def _hall(rng: random.Random, size, banner: str | None) -> Image.Image:
    w, h = size
    image = Image.new("RGB", size, (236, 226, 210))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, w, h * 0.56), fill=DEEP_RED)  # stage curtain
    for k in range(24):  # curtain folds
        x = w * k / 24
        draw.line((x, 0, x, h * 0.56), fill=(130, 14, 24), width=max(1, w // 400))
    draw.rectangle((w * 0.08, h * 0.07, w * 0.92, h * 0.19), fill=RED, outline=GOLD, width=max(2, w // 300))
    _text(draw, (w * 0.1, h * 0.07, w * 0.9, h * 0.19), banner, GOLD)
    draw.regular_polygon((w * 0.5, h * 0.3, h * 0.07), 5, fill=GOLD)  # emblem on the back wall
    for side in (0.18, 0.82):
        _flag(draw, w * side, h * 0.22, h * 0.3)
    draw.rectangle((w * 0.25, h * 0.42, w * 0.75, h * 0.55), fill=(120, 70, 40))  # rostrum
    draw.rectangle((w * 0.25, h * 0.42, w * 0.75, h * 0.45), fill=(230, 230, 225))  # table cloth
    for k in range(9):  # flowers along the rostrum
        x = w * (0.28 + k * 0.055)
        draw.ellipse((x - h * 0.012, h * 0.4, x + h * 0.012, h * 0.424), fill=rng.choice([(240, 200, 40), (230, 60, 60), (250, 250, 250)]))
    for row in range(6):  # the audience seen from behind
        y = h * (0.63 + row * 0.065)
        cols = 14 + row * 2
        for col in range(cols):
            x = (col + 0.5 + rng.uniform(-0.2, 0.2)) * w / cols
            r = h * (0.018 + row * 0.004)
            shade = rng.randint(15, 60)
            draw.rectangle((x - r * 1.6, y + r * 0.8, x + r * 1.6, y + r * 3),
                           fill=rng.choice([(40, 50, 70), (70, 70, 80), (30, 30, 40), (200, 30, 40), (235, 235, 230)]))
            draw.ellipse((x - r, y - r, x + r, y + r), fill=(shade, shade, shade))
    return image.filter(ImageFilter.GaussianBlur(0.6))


def _award(rng: random.Random, size, banner: str | None) -> Image.Image:
    image = _hall(rng, size, banner)
    draw = ImageDraw.Draw(image)
    w, h = size
    for k in range(6):  # honorees with red certificates and sashes
        x = w * (0.2 + k * 0.12)
        s = h * 0.045
        _person(draw, rng, x, h * 0.56, s, body=rng.choice([(30, 35, 50), (50, 50, 60), (235, 235, 230)]))
        draw.line((x - s * 0.45, h * 0.56 - s * 2.5, x + s * 0.4, h * 0.56 - s * 1.3), fill=RED, width=max(2, int(s * 0.18)))
        draw.rectangle((x - s * 0.45, h * 0.56 - s * 2.2, x + s * 0.45, h * 0.56 - s * 1.6), fill=RED, outline=GOLD)
    return image


def _road(rng: random.Random, size, banner: str | None) -> Image.Image:
    w, h = size
    image = Image.new("RGB", size, (150, 195, 235))
    draw = ImageDraw.Draw(image)
    for _ in range(3):  # clouds
        cx, cy = w * rng.uniform(0.5, 0.95), h * rng.uniform(0.06, 0.2)
        for j in range(4):
            draw.ellipse((cx + j * w * 0.03 - w * 0.04, cy - h * 0.03, cx + j * w * 0.03 + w * 0.04, cy + h * 0.03), fill=(245, 248, 252))
    for k in range(4):  # hills
        y = h * (0.33 + k * 0.05)
        draw.ellipse((w * (k * 0.3 - 0.2), y, w * (k * 0.3 + 0.5), y + h * 0.5), fill=(70 + k * 15, 130 + k * 10, 70))
    draw.rectangle((0, h * 0.55, w, h), fill=(95, 150, 70))  # fields
    for k in range(10):  # furrows
        y = h * (0.58 + k * 0.045)
        draw.line((0, y, w, y + h * 0.01), fill=(85, 138, 62), width=max(1, h // 300))
    draw.polygon([(w * 0.44, h * 0.55), (w * 0.56, h * 0.55), (w * 0.95, h), (w * 0.05, h)], fill=(150, 150, 145))  # the new road
    draw.line((w * 0.5, h * 0.56, w * 0.5, h), fill=(235, 235, 225), width=max(2, w // 250))
    for k in range(5):  # new solar street lamps
        t = 0.15 + k * 0.18
        x, y = w * (0.44 - 0.39 * t) - w * 0.02, h * (0.55 + 0.45 * t)
        draw.line((x, y, x, y - h * 0.2 * t - h * 0.05), fill=(90, 90, 95), width=max(2, int(w * 0.004 * t + 1)))
        draw.rectangle((x - w * 0.012 * t, y - h * 0.2 * t - h * 0.06, x + w * 0.02 * t, y - h * 0.2 * t - h * 0.05), fill=(60, 70, 110))
    for _ in range(7):  # volunteers in red vests
        y = h * rng.uniform(0.64, 0.95)
        x = w * rng.uniform(0.12, 0.88)
        _person(draw, rng, x, y, h * 0.03 * (y / h + 0.2), body=RED)
    draw.rectangle((w * 0.04, h * 0.05, w * 0.46, h * 0.15), fill=RED)
    _text(draw, (w * 0.05, h * 0.05, w * 0.45, h * 0.15), banner, WHITE)
    return image


def _volunteers(rng: random.Random, size, banner: str | None) -> Image.Image:
    w, h = size
    image = Image.new("RGB", size, (205, 225, 240))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, h * 0.62, w, h), fill=(190, 185, 175))  # square in front of the village hall
    draw.rectangle((w * 0.1, h * 0.12, w * 0.9, h * 0.62), fill=(235, 230, 220))  # the hall
    draw.rectangle((w * 0.42, h * 0.36, w * 0.58, h * 0.62), fill=(120, 80, 50))  # door
    for k in range(4):
        x = w * (0.15 + k * 0.2 + (0.06 if k > 1 else 0))
        draw.rectangle((x, h * 0.3, x + w * 0.1, h * 0.45), fill=(150, 190, 220), outline=(90, 90, 90))
    draw.rectangle((w * 0.2, h * 0.15, w * 0.8, h * 0.26), fill=RED)
    _text(draw, (w * 0.21, h * 0.15, w * 0.79, h * 0.26), banner, GOLD)
    for row in range(2):  # the team, two rows, red vests
        count = 9 - row
        for k in range(count):
            x = w * (0.12 + (k + row * 0.5) * 0.76 / count)
            _person(draw, rng, x, h * (0.9 + row * 0.07), h * 0.07, body=RED if rng.random() < 0.85 else (240, 240, 235))
    _flag(draw, w * 0.06, h * 0.45, h * 0.45)
    return image


def _classroom(rng: random.Random, size, banner: str | None) -> Image.Image:
    w, h = size
    image = Image.new("RGB", size, (238, 236, 220))
    draw = ImageDraw.Draw(image)
    draw.rectangle((w * 0.12, h * 0.08, w * 0.88, h * 0.46), fill=(40, 80, 60), outline=(120, 80, 40), width=max(3, w // 150))  # blackboard
    _text(draw, (w * 0.16, h * 0.13, w * 0.84, h * 0.27), banner, WHITE)
    for k in range(3):  # chalk lines
        y = h * (0.32 + k * 0.04)
        draw.line((w * 0.2, y, w * rng.uniform(0.5, 0.8), y), fill=(220, 225, 215), width=max(1, h // 200))
    _person(draw, rng, w * 0.82, h * 0.62, h * 0.06, body=RED)  # the party member tutoring
    for row in range(3):  # children at desks
        y = h * (0.66 + row * 0.12)
        for col in range(5):
            x = w * (0.14 + col * 0.16)
            r = h * (0.03 + row * 0.006)
            draw.ellipse((x - r, y - r * 2.2, x + r, y - r * 0.2), fill=rng.choice(HAIR[:2]))
            draw.rectangle((x - r * 1.4, y - r * 0.2, x + r * 1.4, y + r * 1.4), fill=rng.choice([(60, 110, 190), (230, 230, 230), (240, 170, 50), RED]))
            draw.rectangle((x - r * 2.2, y + r * 1.1, x + r * 2.2, y + r * 1.7), fill=(180, 130, 80))  # desk
    return image


def _clinic(rng: random.Random, size, banner: str | None) -> Image.Image:
    w, h = size
    image = Image.new("RGB", size, (160, 200, 235))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, h * 0.5, w, h), fill=(200, 195, 180))
    draw.polygon([(w * 0.1, h * 0.3), (w * 0.9, h * 0.3), (w * 0.95, h * 0.42), (w * 0.05, h * 0.42)], fill=(240, 240, 240))  # awning
    draw.rectangle((w * 0.2, h * 0.08, w * 0.8, h * 0.2), fill=RED)
    _text(draw, (w * 0.21, h * 0.08, w * 0.79, h * 0.2), banner, WHITE)
    draw.rectangle((w * 0.15, h * 0.58, w * 0.6, h * 0.66), fill=(250, 250, 250))  # tables
    for k in range(3):  # doctors in white coats behind the tables
        _person(draw, rng, w * (0.22 + k * 0.15), h * 0.6, h * 0.055, body=(250, 250, 250), legs=(80, 90, 110))
        draw.line((w * (0.2 + k * 0.15), h * 0.5, w * (0.24 + k * 0.15), h * 0.53), fill=(30, 30, 30), width=max(1, h // 300))  # stethoscope
    for k in range(6):  # residents queueing
        _person(draw, rng, w * (0.68 + k * 0.05), h * (0.78 + (k % 2) * 0.04), h * 0.05,
                body=rng.choice([(90, 120, 160), (150, 100, 80), (70, 70, 80)]), hair=rng.choice(HAIR[2:]))
    draw.rectangle((w * 0.05, h * 0.62, w * 0.13, h * 0.8), fill=(250, 250, 245), outline=(60, 130, 80), width=max(2, w // 300))  # sign stand
    draw.rectangle((w * 0.08, h * 0.66, w * 0.1, h * 0.74), fill=(60, 130, 80))
    draw.rectangle((w * 0.06, h * 0.69, w * 0.12, h * 0.71), fill=(60, 130, 80))
    return image


def _visit(rng: random.Random, size, banner: str | None) -> Image.Image:
    w, h = size
    image = Image.new("RGB", size, (175, 210, 235))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, h * 0.7, w, h), fill=(170, 160, 140))
    draw.rectangle((w * 0.3, h * 0.3, w * 0.85, h * 0.7), fill=(230, 225, 215))  # farmhouse
    draw.polygon([(w * 0.26, h * 0.32), (w * 0.575, h * 0.1), (w * 0.89, h * 0.32)], fill=(90, 90, 100))  # roof
    draw.rectangle((w * 0.52, h * 0.45, w * 0.62, h * 0.7), fill=(140, 70, 40))  # door
    for side in (0.49, 0.645):  # spring couplets
        draw.rectangle((w * side, h * 0.45, w * (side + 0.02), h * 0.68), fill=RED)
    _person(draw, rng, w * 0.38, h * 0.88, h * 0.075, body=RED)  # party member
    _person(draw, rng, w * 0.47, h * 0.88, h * 0.075, body=(30, 40, 70))
    _person(draw, rng, w * 0.72, h * 0.88, h * 0.068, body=(120, 100, 80), hair=rng.choice(HAIR[3:]))  # the elderly resident
    draw.rectangle((w * 0.41, h * 0.7, w * 0.45, h * 0.75), fill=(220, 180, 60))  # a bag of rice and oil
    if banner:
        draw.rectangle((w * 0.04, h * 0.04, w * 0.5, h * 0.13), fill=RED)
        _text(draw, (w * 0.05, h * 0.04, w * 0.49, h * 0.13), banner, WHITE)
    return image


def _poster(rng: random.Random, size, banner: str | None) -> Image.Image:
    w, h = size
    image = Image.new("RGB", size, (180, 20, 30))
    draw = ImageDraw.Draw(image)
    for k in range(14):  # rays
        draw.polygon([(w * 0.15, h * 0.3), (w * (k / 13), 0), (w * ((k + 0.5) / 13), 0)], fill=(200, 40, 45))
    draw.ellipse((w * 0.05, h * 0.12, w * 0.25, h * 0.48), outline=GOLD, width=max(3, w // 200))
    draw.regular_polygon((w * 0.15, h * 0.3, h * 0.1), 5, fill=GOLD)
    draw.rectangle((w * 0.08, h * 0.58, w * 0.92, h * 0.8), fill=(250, 240, 225))
    _text(draw, (w * 0.3, h * 0.18, w * 0.95, h * 0.44), banner, GOLD)
    _text(draw, (w * 0.1, h * 0.61, w * 0.9, h * 0.77), "亮身份 作承诺 比贡献 接受群众监督", (180, 20, 30))
    for k in range(5):  # pinned notices along the bottom of the board
        x = w * (0.1 + k * 0.165)
        draw.rectangle((x, h * 0.84, x + w * 0.13, h * 0.96), fill=(250, 250, 245), outline=GOLD)
    return image


SCENES = {"hall": _hall, "award": _award, "road": _road, "volunteers": _volunteers,
          "classroom": _classroom, "clinic": _clinic, "visit": _visit, "poster": _poster}


def scene(name: str, rng: random.Random, size: tuple[int, int], text: str | None) -> Image.Image:
    return SCENES[name](rng, size, text)


def portrait(rng: random.Random) -> Image.Image:
    """A 3:4 head-and-shoulders silhouette (亮形象), in varied colours, hair and clothes."""
    w, h = 600, 800
    image = Image.new("RGB", (w, h), rng.choice([(214, 226, 240), (235, 230, 222), (225, 236, 228), (70, 110, 170), (160, 170, 185)]))
    draw = ImageDraw.Draw(image)
    skin, hair = rng.choice(SKIN), rng.choice(HAIR)
    long_hair = rng.random() < 0.4
    if long_hair:  # hair falling behind the shoulders
        draw.rounded_rectangle((w * 0.24, h * 0.16, w * 0.76, h * 0.7), radius=w * 0.2, fill=hair)
    clothes = rng.choice(["suit", "suit", "shirt", "vest", "uniform"])
    body = {"suit": rng.choice([(30, 40, 70), (50, 52, 60), (25, 25, 30)]), "shirt": (245, 245, 240),
            "vest": RED, "uniform": rng.choice([(40, 70, 120), (235, 240, 245)])}[clothes]
    draw.ellipse((w * 0.1, h * 0.62, w * 0.9, h * 1.3), fill=body)  # shoulders
    if clothes in ("suit", "vest"):
        draw.polygon([(w * 0.4, h * 0.64), (w * 0.6, h * 0.64), (w * 0.5, h * 0.82)], fill=(245, 245, 240))  # shirt collar
        if clothes == "suit" and rng.random() < 0.6:
            draw.polygon([(w * 0.48, h * 0.68), (w * 0.52, h * 0.68), (w * 0.54, h * 0.8), (w * 0.5, h * 0.84), (w * 0.46, h * 0.8)], fill=RED)  # tie
    draw.rectangle((w * 0.43, h * 0.5, w * 0.57, h * 0.66), fill=skin)  # neck
    draw.ellipse((w * 0.29, h * 0.18, w * 0.71, h * 0.58), fill=skin)  # face
    if rng.random() < 0.3:  # glasses
        for cx in (0.42, 0.58):
            draw.ellipse((w * (cx - 0.06), h * 0.36, w * (cx + 0.06), h * 0.42), outline=(40, 40, 40), width=4)
        draw.line((w * 0.48, h * 0.39, w * 0.52, h * 0.39), fill=(40, 40, 40), width=4)
    draw.chord((w * 0.27, h * 0.14, w * 0.73, h * 0.48 if long_hair else h * 0.44), 180, 360, fill=hair)  # hair
    badge_x = w * rng.choice([0.36, 0.64])
    draw.ellipse((badge_x - w * 0.025, h * 0.74, badge_x + w * 0.025, h * 0.775), fill=GOLD if clothes == "vest" else RED)  # party badge
    return image.filter(ImageFilter.GaussianBlur(1))
