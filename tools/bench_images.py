#!/usr/bin/env python3
"""Benchmark the image pipeline against a naive Pillow loop, measured in the same run. Not a test.

    .venv/bin/python tools/bench_images.py --count 40

Generates large camera-like photos (4000×3000 JPEG with gradients and noise,
deterministic), then measures: a naive baseline (open, resize to the display
size, save one JPEG, one process); the pipeline's first build (two sizes ×
WebP + JPEG per photo, EXIF applied, metadata stripped, on all cores); and a
second build with nothing changed (served from the content-hash cache).
"""
from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "hooks"))
from gongkai.images import ImagePipeline  # noqa: E402


def make_photos(folder: Path, count: int, size: tuple[int, int] = (4000, 3000)) -> list[str]:
    rng = random.Random(7)
    folder.mkdir(parents=True, exist_ok=True)
    noise = Image.effect_noise((size[0] // 4, size[1] // 4), 40).resize(size).convert("RGB")
    names = []
    for n in range(count):
        base = Image.linear_gradient("L").resize(size).convert("RGB")
        tint = Image.new("RGB", size, (rng.randint(40, 220), rng.randint(40, 220), rng.randint(40, 220)))
        image = Image.blend(Image.blend(base, tint, 0.5), noise, 0.25)
        draw = ImageDraw.Draw(image)
        for _ in range(30):  # shapes give the encoder edges to work on, as a real scene does
            x, y = rng.randrange(size[0]), rng.randrange(size[1])
            draw.ellipse((x, y, x + rng.randint(50, 600), y + rng.randint(50, 600)), fill=tuple(rng.randint(0, 255) for _ in range(3)))
        name = f"photo-{n:03d}.jpg"
        image.filter(ImageFilter.SMOOTH).save(folder / name, quality=90)
        names.append(name)
    return names


def naive(folder: Path, names: list[str], out: Path) -> float:
    out.mkdir()
    started = time.perf_counter()
    for name in names:
        with Image.open(folder / name) as image:
            image.thumbnail((1600, 1600))
            image.save(out / name, quality=82)
    return time.perf_counter() - started


def pipeline(folder: Path, names: list[str], cache: Path, site: Path) -> tuple[float, int]:
    started = time.perf_counter()
    images = ImagePipeline(folder, cache)
    for name in names:
        images.submit(name, "photo")
    problems = images.finish(site)
    assert not problems, problems
    return time.perf_counter() - started, images.decoded


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=40)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="gongkai-images-"))
    try:
        names = make_photos(work / "photos", args.count)
        baseline = naive(work / "photos", names, work / "naive")
        first, decoded = pipeline(work / "photos", names, work / "cache", work / "site1")
        second, decoded_again = pipeline(work / "photos", names, work / "cache", work / "site2")
        n = len(names)
        print(f"{n} photos, 4000×3000 JPEG")
        print("| run | seconds | photos/s | ratio to the naive baseline |")
        print("| --- | --- | --- | --- |")
        print(f"| naive Pillow loop (1 size, 1 format, 1 core) | {baseline:.1f} | {n / baseline:.1f} | 1.00× |")
        print(f"| pipeline, first build (2 sizes × WebP+JPEG, all cores; decoded {decoded}) | {first:.1f} | {n / first:.1f} | {baseline / first:.2f}× throughput |")
        print(f"| pipeline, second build (cache; decoded {decoded_again}) | {second:.2f} | {n / second:.0f} | {baseline / second:.0f}× faster |")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
