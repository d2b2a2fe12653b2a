"""The one image pipeline: every photo the site shows passes through here.

Modelled on Material's optimize plugin: a pool started once, jobs submitted
early in the build (`submit` returns at once), joined at the end (`finish`),
and a manifest under the cache folder keyed by each source's content hash and
the output settings, so a second build with unchanged photos decodes nothing.
A process pool is used because decoding and resizing hold the GIL for a
good part of their time.
"""
from __future__ import annotations

import hashlib
import html
import json
import logging
import os
import shutil
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from . import image_ops
from .problems import Problem

log = logging.getLogger("mkdocs.plugins.gongkai")
SETTINGS = "v1:" + repr((image_ops.SIZES, image_ops.FORMATS))  # change → every output is remade


@dataclass
class ImageResult:
    rel: str
    kind: str
    key: str = ""  # content hash + settings: names every output file
    sizes: dict[str, tuple[int, int]] = field(default_factory=dict)

    def url(self, size: str, suffix: str) -> str:
        return f"img/{self.key}-{size}.{suffix}"


class ImagePipeline:
    def __init__(self, data_root: Path, cache_dir: Path, workers: Optional[int] = None):
        self.data_root = data_root
        self.store = cache_dir / "images"
        self.store.mkdir(parents=True, exist_ok=True)
        self.manifest_path = self.store / "manifest.json"
        self.manifest = _read_json(self.manifest_path)
        self.manifest.setdefault("settings", SETTINGS)
        if self.manifest["settings"] != SETTINGS:
            self.manifest = {"settings": SETTINGS}
        self.outputs: dict[str, dict] = self.manifest.setdefault("outputs", {})
        self.sources: dict[str, list] = self.manifest.setdefault("sources", {})
        self.workers = workers or os.cpu_count() or 1
        self._pool: Optional[ProcessPoolExecutor] = None
        self._jobs: dict[str, tuple[ImageResult, Future]] = {}
        self.results: dict[tuple[str, str], ImageResult] = {}
        self.problems: list[Problem] = []
        self.decoded = 0  # images decoded in this build (0 on a fully cached build)

    def submit(self, rel: str, kind: str = "photo") -> ImageResult:
        if (rel, kind) in self.results:
            return self.results[(rel, kind)]
        result = ImageResult(rel, kind)
        self.results[(rel, kind)] = result
        source = self.data_root / rel
        try:
            digest = self._content_hash(rel, source)
            result.key = hashlib.blake2b(f"{digest}:{kind}:{SETTINGS}".encode(), digest_size=10).hexdigest()
            if result.key in self.outputs and self._outputs_exist(result.key):
                result.sizes = {k: tuple(v) for k, v in self.outputs[result.key].items()}
                return result
            result.sizes = image_ops.output_sizes(kind, image_ops.header_size(source))
        except image_ops.ImageProblem as problem:
            self.problems.append(Problem(f"data/{rel}", 0, "", str(problem)))
            return result
        if result.key not in self._jobs:
            self._pool = self._pool or ProcessPoolExecutor(self.workers)
            self._jobs[result.key] = (result, self._pool.submit(image_ops.process, source, kind, self.store / result.key))
        return result

    def finish(self, site_dir: Path) -> list[Problem]:
        """Wait for every job, then put the outputs into the site; returns all problems."""
        total = len(self._jobs)
        for done, (key, (result, future)) in enumerate(self._jobs.items(), start=1):
            try:
                sizes = future.result()
                self.outputs[key] = {name: list(size) for name, size in sizes.items()}
                result.sizes = sizes
                self.decoded += 1
            except image_ops.ImageProblem as problem:
                self.problems.append(Problem(f"data/{result.rel}", 0, "", str(problem)))
            except Exception as exc:  # a worker crash must not lose the other photos' errors
                self.problems.append(Problem(f"data/{result.rel}", 0, "", f"照片无法处理（{type(exc).__name__}）"))
            if total >= 20 and done % max(1, total // 10) == 0:
                log.info(f"gongkai: 照片 {done}/{total}")
        if self._pool:
            self._pool.shutdown()
            self._pool = None
        self._jobs.clear()
        _write_json(self.manifest_path, self.manifest)
        if not self.problems:
            self._publish(site_dir / "img")
        return sorted(set(self.problems))

    def _content_hash(self, rel: str, source: Path) -> str:
        """Hash of the file's bytes, re-read only when its size or time changed."""
        stat = source.stat()
        known = self.sources.get(rel)
        if known and known[0] == stat.st_size and known[1] == stat.st_mtime_ns:
            return known[2]
        digest = hashlib.blake2b(source.read_bytes(), digest_size=16).hexdigest()
        self.sources[rel] = [stat.st_size, stat.st_mtime_ns, digest]
        return digest

    def _outputs_exist(self, key: str) -> bool:
        return all((self.store / f"{key}-{name}.{suffix}").exists() for name in self.outputs[key] for suffix, _, _ in image_ops.FORMATS)

    def _publish(self, target: Path) -> None:
        target.mkdir(parents=True, exist_ok=True)
        for result in self.results.values():
            for name in result.sizes:
                for suffix, _, _ in image_ops.FORMATS:
                    filename = f"{result.key}-{name}.{suffix}"
                    destination = target / filename
                    if not destination.exists():
                        try:
                            os.link(self.store / filename, destination)  # no copy: same disk
                        except OSError:
                            shutil.copyfile(self.store / filename, destination)


def picture_html(result: ImageResult, alt: str, prefix: str, size: str = "thumb") -> str:
    """A <picture> with WebP and a JPEG fallback, width/height set, loaded lazily."""
    if not result.sizes:
        return ""  # a broken photo: the build fails with its problem listed
    shown = size if size in result.sizes else "thumb"
    width, height = result.sizes[shown]
    webp = ", ".join(f"{prefix}{result.url(n, 'webp')} {w}w" for n, (w, _) in result.sizes.items())
    jpeg = ", ".join(f"{prefix}{result.url(n, 'jpg')} {w}w" for n, (w, _) in result.sizes.items())
    sizes_attr = f"(max-width: {width}px) 100vw, {width}px"
    return (
        f'<picture><source type="image/webp" srcset="{webp}" sizes="{sizes_attr}">'
        f'<img src="{prefix}{result.url(shown, "jpg")}" srcset="{jpeg}" sizes="{sizes_attr}" '
        f'width="{width}" height="{height}" loading="lazy" decoding="async" alt="{html.escape(alt, quote=True)}"></picture>'
    )


def display_url(result: ImageResult, prefix: str) -> str:
    """The large JPEG, for the lightbox."""
    return prefix + result.url("display", "jpg")


def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _write_json(path: Path, data: dict) -> None:
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    os.replace(temporary, path)
