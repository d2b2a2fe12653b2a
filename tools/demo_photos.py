"""Draws the demo town's photos with Pillow, so the project may ship every one of them.

Scenes are simple but recognisable: a meeting hall under a red banner, a
village road with volunteers in red vests, a theme poster; portraits are
head-and-shoulders silhouettes. A CJK font is used for banners when the
machine has one (Debian: fonts-noto-cjk); without it the scenes carry no text.
"""
from __future__ import annotations

import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT_CANDIDATES = ["/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"]
RED, GOLD = (200, 16, 32), (250, 214, 90)

ALBUMS = {
    "qiyi-2024": ("七一表彰大会", "2024-07-01", "镇政府大礼堂", None, "2024-qiyi", [
        ("hall", "庆祝建党103周年暨七一表彰大会", "大会现场"), ("award", "表彰先进基层党组织", "为先进基层党组织颁奖"),
        ("hall", "重温入党誓词", "新老党员重温入党誓词"), ("award", "表彰优秀共产党员", "优秀共产党员代表上台领奖"),
    ]),
    "fuwu-2024": ("为民办实事 服务在一线", "2024-05-18", "各村（社区）", None, None, [
        ("road", "党员志愿服务", "党员志愿者修缮村道"), ("road", "为民办实事", "清理沟渠，方便群众出行"),
        ("road", "党员先锋岗", "党员先锋岗在田间地头"), ("poster", "为民办实事 服务在一线", None),
    ]),
    "xuanchuan-2024": ("创先争优宣传栏", "2024-10-15", "镇便民服务中心", "zongzhi-001", None, [
        ("poster", "亮身份 作承诺 比贡献", "公开承诺宣传栏"), ("poster", "一季一主题 一季一承诺", "一季一主题展板"),
        ("poster", "践诺比实绩 创先争优", None),
    ]),
}


def draw_all(out: Path, portraits: list[str], evidence: list[str], seed: int) -> None:
    rng = random.Random(seed)
    font = _font()
    for album_id, (title, day, place, org, event, shots) in ALBUMS.items():
        folder = out / "albums" / album_id
        folder.mkdir(parents=True, exist_ok=True)
        lines = [f"名称: {title}", f"日期: {day}", f"地点: {place}"]
        lines += [f"组织: {org}"] if org else []
        lines += [f"表彰活动: {event}"] if event else []
        lines.append("照片:")
        for n, (scene, banner, caption) in enumerate(shots, start=1):
            name = f"{n:02d}.jpg"
            big = n == 1  # one large photo per album gives the image pipeline real work
            image = SCENES[scene](rng, (3000, 2000) if big else (1200, 800), banner, font)
            image.save(folder / name, quality=80 if not big else 70)
            lines.append(f"  - 文件: {name}")
            if caption:
                lines.append(f"    说明: {caption}")
        (folder / "album.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for rel in portraits:
        _portrait(rng).save(out / _ensure(out, rel), quality=82)
    for rel in evidence:
        SCENES[rng.choice(["road", "poster"])](rng, (1024, 768), "践诺记实", font).save(out / _ensure(out, rel), quality=78)


def _ensure(out: Path, rel: str) -> str:
    (out / rel).parent.mkdir(parents=True, exist_ok=True)
    return rel


def _font():
    for path in FONT_CANDIDATES:
        if Path(path).exists():
            return path
    return None


def _text(draw: ImageDraw.ImageDraw, box: tuple[int, int, int, int], text: str, font_path, fill) -> None:
    if not font_path:
        return
    left, top, right, bottom = box
    size = int((bottom - top) * 0.6)
    font = ImageFont.truetype(font_path, size)
    while draw.textlength(text, font=font) > (right - left) * 0.92 and size > 8:
        size -= 2
        font = ImageFont.truetype(font_path, size)
    width = draw.textlength(text, font=font)
    draw.text(((left + right - width) / 2, top + (bottom - top - size) / 2 - size * 0.1), text, font=font, fill=fill)


def _hall(rng: random.Random, size, banner: str, font) -> Image.Image:
    w, h = size
    image = Image.new("RGB", size, (236, 226, 210))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, w, h * 0.55), fill=(150, 20, 30))  # stage curtain
    draw.rectangle((w * 0.08, h * 0.08, w * 0.92, h * 0.2), fill=RED, outline=GOLD, width=max(2, w // 300))
    _text(draw, (int(w * 0.1), int(h * 0.08), int(w * 0.9), int(h * 0.2)), banner, font, GOLD)
    draw.rectangle((w * 0.3, h * 0.32, w * 0.7, h * 0.5), fill=(120, 70, 40))  # rostrum
    for row in range(6):  # rows of heads, the audience seen from behind
        y = h * (0.62 + row * 0.065)
        for col in range(int(14 + row * 2)):
            x = (col + 0.5 + rng.uniform(-0.2, 0.2)) * w / (14 + row * 2)
            r = h * (0.018 + row * 0.004)
            shade = rng.randint(15, 55)
            draw.ellipse((x - r, y - r, x + r, y + r), fill=(shade, shade, shade))
            draw.rectangle((x - r * 1.6, y + r * 0.8, x + r * 1.6, y + r * 3), fill=rng.choice([(40, 50, 70), (70, 70, 80), (30, 30, 40), (200, 30, 40)]))
    return image.filter(ImageFilter.GaussianBlur(0.6))


def _award(rng: random.Random, size, banner: str, font) -> Image.Image:
    image = _hall(rng, size, banner, font)
    draw = ImageDraw.Draw(image)
    w, h = size
    for k in range(5):  # honorees holding red certificates
        x = w * (0.2 + k * 0.15)
        draw.ellipse((x - h * 0.03, h * 0.26, x + h * 0.03, h * 0.32), fill=(230, 190, 160))
        draw.rectangle((x - h * 0.045, h * 0.32, x + h * 0.045, h * 0.5), fill=(30, 35, 50))
        draw.rectangle((x - h * 0.035, h * 0.36, x + h * 0.035, h * 0.41), fill=RED, outline=GOLD)
    return image


def _road(rng: random.Random, size, banner: str, font) -> Image.Image:
    w, h = size
    image = Image.new("RGB", size, (150, 195, 235))
    draw = ImageDraw.Draw(image)
    for k in range(4):  # hills
        y = h * (0.35 + k * 0.05)
        draw.ellipse((w * (k * 0.3 - 0.2), y, w * (k * 0.3 + 0.5), y + h * 0.5), fill=(70 + k * 15, 130 + k * 10, 70))
    draw.rectangle((0, h * 0.55, w, h), fill=(95, 150, 70))  # fields
    draw.polygon([(w * 0.42, h * 0.55), (w * 0.58, h * 0.55), (w * 0.95, h), (w * 0.05, h)], fill=(150, 150, 145))  # road
    for k in range(7):  # volunteers in red vests
        x, y = w * rng.uniform(0.15, 0.85), h * rng.uniform(0.62, 0.9)
        s = h * 0.05 * (y / h + 0.2)
        draw.ellipse((x - s * 0.4, y - s * 1.6, x + s * 0.4, y - s * 0.8), fill=(225, 185, 150))
        draw.rectangle((x - s * 0.5, y - s * 0.8, x + s * 0.5, y + s * 0.6), fill=RED)
        draw.rectangle((x - s * 0.4, y + s * 0.6, x + s * 0.4, y + s * 1.6), fill=(40, 45, 60))
    draw.rectangle((w * 0.05, h * 0.05, w * 0.45, h * 0.15), fill=RED)
    _text(draw, (int(w * 0.06), int(h * 0.05), int(w * 0.44), int(h * 0.15)), banner, font, (255, 255, 255))
    return image


def _poster(rng: random.Random, size, banner: str, font) -> Image.Image:
    w, h = size
    image = Image.new("RGB", size, (180, 20, 30))
    draw = ImageDraw.Draw(image)
    for k in range(12):  # rays
        draw.polygon([(w * 0.15, h * 0.3), (w * (k / 11), 0), (w * ((k + 0.5) / 11), 0)], fill=(200, 40, 45))
    draw.ellipse((w * 0.06, h * 0.14, w * 0.24, h * 0.46), outline=GOLD, width=max(3, w // 200))
    draw.rectangle((w * 0.08, h * 0.58, w * 0.92, h * 0.78), fill=(250, 240, 225))
    _text(draw, (int(w * 0.3), int(h * 0.2), int(w * 0.95), int(h * 0.45)), banner, font, GOLD)
    _text(draw, (int(w * 0.1), int(h * 0.6), int(w * 0.9), int(h * 0.76)), "接受群众监督", font, (180, 20, 30))
    return image


def _portrait(rng: random.Random) -> Image.Image:
    w, h = 600, 800
    image = Image.new("RGB", (w, h), rng.choice([(214, 226, 240), (235, 230, 222), (225, 236, 228)]))
    draw = ImageDraw.Draw(image)
    skin, hair = rng.choice([(232, 196, 168), (220, 180, 150), (240, 205, 180)]), rng.choice([(20, 20, 25), (45, 35, 30), (90, 90, 95)])
    draw.ellipse((w * 0.12, h * 0.62, w * 0.88, h * 1.25), fill=rng.choice([(30, 40, 70), (60, 60, 70), (180, 30, 40)]))  # shoulders
    draw.rectangle((w * 0.42, h * 0.5, w * 0.58, h * 0.66), fill=skin)  # neck
    draw.ellipse((w * 0.28, h * 0.18, w * 0.72, h * 0.58), fill=skin)  # face
    draw.chord((w * 0.26, h * 0.14, w * 0.74, h * 0.46), 180, 360, fill=hair)  # hair
    draw.ellipse((w * 0.46, h * 0.72, w * 0.54, h * 0.76), fill=RED)  # party badge
    return image.filter(ImageFilter.GaussianBlur(1))


SCENES = {"hall": _hall, "award": _award, "road": _road, "poster": _poster}
