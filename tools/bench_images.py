#!/usr/bin/env python3
"""Benchmark the image pipeline against a naive Pillow loop, measured in the same run. Not a test.

    .venv/bin/python tools/bench_images.py --count 40

Generates large camera-like photos (4000×3000 JPEG with gradients, noise and
shapes, fixed seed), then measures:
  (a) a naive baseline: open, resize to the display size, save one JPEG, one process;
  (b) the pipeline's first build with one worker, then (c) with one per core:
      two sizes × WebP + JPEG per photo, EXIF applied, metadata stripped, hashed and cached;
  (d) a second build with nothing changed (served from the content-hash cache).
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "hooks"))
from gongkai.images.pipeline import ImagePipeline

SIZE = (4000, 3000)


def make_photos(folder: Path, count: int, size: tuple[int, int] = SIZE) -> list[str]:
    """Photos that compress like real ones (about 2–3 MB each), the same on every run."""
    rng = random.Random(7)
    folder.mkdir(parents=True, exist_ok=True)
    noise = Image.effect_noise((size[0] // 4, size[1] // 4), 40).resize(size).convert("RGB")
    base = Image.linear_gradient("L").resize(size).convert("RGB")
    names = []
    for n in range(count):
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


def pipeline(folder: Path, names: list[str], cache: Path, site: Path, workers: int | None = None) -> tuple[float, int]:
    started = time.perf_counter()
    images = ImagePipeline(folder, cache, workers=workers)
    for name in names:
        images.submit(name, "photo")
    problems = images.finish(site)
    assert not problems, problems
    return time.perf_counter() - started, images.decoded


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=40, help="how many photos to generate (default 40)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="gongkai-images-"))
    try:
        started = time.perf_counter()
        names = make_photos(work / "photos", args.count)
        megabytes = sum((work / "photos" / name).stat().st_size for name in names) / len(names) / 1e6
        print(f"generated {len(names)} photos, {SIZE[0]}×{SIZE[1]} JPEG, {megabytes:.1f} MB each, in {time.perf_counter() - started:.0f} s; {os.cpu_count()} cores")
        baseline = naive(work / "photos", names, work / "naive")
        one, _ = pipeline(work / "photos", names, work / "cache1", work / "site1", workers=1)
        first, decoded = pipeline(work / "photos", names, work / "cache", work / "site2")
        second, decoded_again = pipeline(work / "photos", names, work / "cache", work / "site3")
        n = len(names)
        rows = [
            ("naive Pillow loop (1 size, 1 format, 1 process)", baseline, "1.00×"),
            ("pipeline first build, 1 worker (2 sizes × WebP+JPEG)", one, f"{baseline / one:.2f}× throughput"),
            (f"pipeline first build, {os.cpu_count()} workers (decoded {decoded})", first, f"{baseline / first:.2f}× throughput"),
            (f"pipeline second build, cached (decoded {decoded_again})", second, f"{baseline / second:.0f}× faster"),
        ]
        print("| run | seconds | photos/s | against the naive baseline |")
        print("| --- | ---: | ---: | --- |")
        for label, seconds, ratio in rows:
            print(f"| {label} | {seconds:.2f} | {n / seconds:.1f} | {ratio} |")
        print("The pipeline writes 4 files per photo (480 and 1600 px, WebP and JPEG); the baseline writes 1.")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
