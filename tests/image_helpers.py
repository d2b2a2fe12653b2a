"""Shared by the image tests: the real photo corpus, a pipeline run, small generated photos."""
from __future__ import annotations

from pathlib import Path

import pytest
from gongkai.images.pipeline import ImagePipeline, ImageResult
from PIL import Image, ImageDraw

PHOTOS = Path(__file__).parents[2] / "shared" / "testdata" / "photos"
needs_photos = pytest.mark.skipif(not PHOTOS.is_dir(), reason=f"real photo corpus not found at {PHOTOS} (CI clones shared/ beside the repository)")


def run_pipeline(root: Path, rels: list[str], tmp: Path, kind: str = "photo", site: str = "site"):
    pipeline = ImagePipeline(root, tmp / "cache")
    results = [pipeline.submit(rel, kind) for rel in rels]
    problems = pipeline.finish(tmp / site)
    return pipeline, results, problems


def out_path(tmp: Path, result: ImageResult, size: str = "display", suffix: str = "jpg") -> Path:
    return tmp / "site" / result.url(size, suffix)


def data_dir(tmp: Path) -> Path:
    root = tmp / "data"
    root.mkdir(exist_ok=True)
    return root


def write_photo(path: Path, size: tuple[int, int] = (800, 600), **save) -> None:
    """A small scene with structure (so orientation and crops are visible), saved as its suffix says."""
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    ImageDraw.Draw(image).ellipse((size[0] // 8, size[1] // 8, size[0] // 3, size[1] // 3), fill=(200, 30, 30))
    image.save(path, **save)
