"""The one image pipeline: every photo the site shows passes through here.

    pipe = ImagePipeline(data_root, cache_dir, workers=None)   # once per build
    result = pipe.submit("albums/x/a.jpg", kind="photo")       # returns at once; kind "photo" or "portrait"
    problems = pipe.finish(site_dir)                           # waits; list[Problem], empty when all is well
    picture_html(result, alt="…", prefix="../../", size="thumb")  # <picture> markup, URLs relative to the page
    display_url(result, prefix="../../")                       # the large JPEG, for lightbox links

Modelled on Material's optimize plugin: a pool started once, jobs submitted
early in the build, joined at the end. Output names come from a hash of the
source's bytes plus the output settings (`img/<key16>-<size>.<webp|jpg>`), so
a URL is known the moment a photo is submitted. Outputs live in a cache
outside the site (`<cache_dir>/images/`, with manifest.json holding each
output's width and height); a second build with unchanged photos decodes
nothing and only hard-links (or copies) the cached files into `site/img/`
(so a later step must replace those files, never rewrite them in place).

Process pool, not threads: measured on this 2-core machine, idle, 36 photos of
4000×3000 (two sizes × WebP + JPEG each), two runs: one core 7.2–7.4 photos/s,
two threads 13.0, two processes 13.9–14.1 (fork; forkserver 13.3–13.5).
A process also contains a decoder that crashes or hangs on a hostile file:
the pool breaks, the photos it took down are retried one at a time, and only
the guilty one is reported.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from gongkai.images import ops as image_ops
from gongkai.images.ops import ImageProblem
from gongkai.common.files import write_atomic
from gongkai.common.problems import Problem

__all__ = ["ImagePipeline", "ImageProblem", "ImageResult"]

log = logging.getLogger("mkdocs.plugins.gongkai")
# Changing any output setting changes every key, so nothing stale is ever served.
SETTINGS = "v2:" + repr((image_ops.SIZES, image_ops.FORMATS, image_ops.PORTRAIT_CENTRE))
CRASHED = "处理这张照片时解码程序崩溃或超时，文件可能已损坏或被恶意构造，请重新导出"


@dataclass
class ImageResult:
    """One submitted photo. `key` names its outputs; `sizes` maps "thumb"/"display" to (width, height).

    Both are known at submit (from the content hash and the header); `sizes` is
    empty when the file cannot be used, and its problem is in finish()'s list.
    """

    rel: str
    kind: str
    key: str = ""
    sizes: dict[str, tuple[int, int]] = field(default_factory=dict)

    def url(self, size: str, suffix: str) -> str:
        """Site-relative URL of one output, e.g. img/0123abcd0123abcd-thumb.webp."""
        return f"img/{self.key}-{size}.{suffix}"


class ImagePipeline:
    """Submit photos early, call finish() once. `decoded` counts photos decoded in this build."""

    def __init__(self, data_root: Path, cache_dir: Path, workers: int | None = None):
        self.data_root = Path(data_root)
        self.store = Path(cache_dir) / "images"
        self.store.mkdir(parents=True, exist_ok=True)
        self.manifest_path = self.store / "manifest.json"
        manifest = _read_json(self.manifest_path)
        fresh = manifest.get("settings") == SETTINGS
        self.outputs: dict[str, dict] = manifest.get("outputs", {}) if fresh else {}  # key -> size name -> [w, h]
        self.sources: dict[str, list] = manifest.get("sources", {})  # rel -> [size, mtime, ctime, inode, hash]
        self.workers = workers or os.cpu_count() or 1
        self.decoded = 0
        self.results: dict[tuple[str, str], ImageResult] = {}
        self.problems: list[Problem] = []
        self._pool: ProcessPoolExecutor | None = None
        self._jobs: dict[str, tuple[Path, str, Future]] = {}  # key -> (source, kind, future)
        self._waiting: dict[str, list[ImageResult]] = {}  # key -> every result sharing those bytes

    def submit(self, rel: str, kind: str = "photo") -> ImageResult:
        """Queue one photo (kind "photo" or "portrait"); returns at once, never raises for a bad file."""
        if kind not in image_ops.SIZES:
            raise ValueError(f"unknown image kind {kind!r}; expected one of {sorted(image_ops.SIZES)}")
        if (rel, kind) in self.results:
            return self.results[(rel, kind)]
        result = self.results[(rel, kind)] = ImageResult(rel, kind)
        try:
            source = self._source(rel)
            digest = self._content_hash(rel, source)
            result.key = hashlib.blake2b(f"{digest}:{kind}:{SETTINGS}".encode(), digest_size=8).hexdigest()
            self._waiting.setdefault(result.key, []).append(result)
            if result.key in self._jobs:
                result.sizes = dict(self._waiting[result.key][0].sizes)
            elif self._cached(result.key):
                result.sizes = {name: tuple(size) for name, size in self.outputs[result.key].items()}
            else:
                result.sizes = image_ops.output_sizes(kind, image_ops.probe(source))
                self._pool = self._pool or ProcessPoolExecutor(self.workers)
                future = self._pool.submit(image_ops.process, source, kind, self.store / result.key, image_ops.JOB_SECONDS)
                self._jobs[result.key] = (source, kind, future)
        except ImageProblem as problem:
            self._fail(result, str(problem))
        return result

    def finish(self, site_dir: Path) -> list[Problem]:
        """Wait for every job, save the manifest, put the outputs into site_dir/img; all problems at once."""
        try:
            broken = self._join()
        finally:
            self.close()
        for key in broken:  # one at a time in a fresh worker, so only the guilty photo is blamed
            source, kind, _ = self._jobs[key]
            with ProcessPoolExecutor(1) as alone:
                self._collect(key, alone.submit(image_ops.process, source, kind, self.store / key, image_ops.JOB_SECONDS))
        self._jobs.clear()
        self._save_manifest()
        if not self.problems:
            self._publish(Path(site_dir) / "img")
        return sorted(set(self.problems))

    def close(self) -> None:
        """Stop the workers (finish() does this; call it yourself if a build is abandoned)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    # -- internals ------------------------------------------------------------
    def _join(self) -> list[str]:
        """Collect finished jobs as they come, logging progress; returns the keys a worker crash took down."""
        futures = {future: key for key, (_, _, future) in self._jobs.items()}
        total, shown, broken = len(futures), 0, []
        for done, future in enumerate(as_completed(futures), start=1):
            if not self._collect(futures[future], future, retry=True):
                broken.append(futures[future])
            if total >= 20 and done * 10 // total > shown:  # every 10 % on a long run
                shown = done * 10 // total
                log.info(f"gongkai: 照片处理 {done}/{total}（{shown * 10}%）")
        return broken

    def _collect(self, key: str, future: Future, retry: bool = False) -> bool:
        """Record one job's outcome; False when its worker died (to be retried alone)."""
        try:
            sizes = future.result()
        except BrokenProcessPool:
            if retry:
                return False
            self._fail_key(key, CRASHED)
        except ImageProblem as problem:
            self.decoded += 1  # refused by the worker: it did read the file
            self._fail_key(key, str(problem))
        except Exception as exc:  # noqa: BLE001 - our own bug or a decoder surprise: keep the other photos' results
            self._fail_key(key, f"照片无法处理（{type(exc).__name__}），请重新导出后再试")
        else:
            self.decoded += 1
            self.outputs[key] = {name: list(size) for name, size in sizes.items()}
            for result in self._waiting[key]:
                result.sizes = dict(sizes)
        return True

    def _fail(self, result: ImageResult, message: str) -> None:
        result.sizes = {}
        self.problems.append(Problem(f"data/{result.rel}", 0, "", message))

    def _fail_key(self, key: str, message: str) -> None:
        for result in self._waiting[key]:
            self._fail(result, message)

    def _source(self, rel: str) -> Path:
        """The file under the data folder; a path leading outside it (.., a link) is refused."""
        source = self.data_root / rel
        try:
            inside = source.resolve().is_relative_to(self.data_root.resolve())
        except (OSError, RuntimeError):  # a link loop
            inside = False
        if not inside:
            raise ImageProblem("照片必须放在 data 文件夹里（路径不能用 .. 或指向文件夹外的链接）")
        return source

    def _content_hash(self, rel: str, source: Path) -> str:
        """Hash of the file's bytes; re-read only when its size, times or inode changed."""
        try:
            info = source.stat()
            identity = [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino]
            known = self.sources.get(rel)
            if known and known[:4] == identity:
                return known[4]
            if not source.is_file():
                raise ImageProblem("不是图片文件（这是一个文件夹或特殊文件）")
            with source.open("rb") as file:
                digest = hashlib.file_digest(file, lambda: hashlib.blake2b(digest_size=16)).hexdigest()
        except FileNotFoundError:
            raise ImageProblem("找不到照片文件") from None
        except OSError:
            raise ImageProblem("照片文件无法读取（请检查文件权限）") from None
        self.sources[rel] = [*identity, digest]
        return digest

    def _cached(self, key: str) -> bool:
        names = self.outputs.get(key)
        return bool(names) and all(self._file(key, name, suffix).is_file() for name in names for suffix, _, _ in image_ops.FORMATS)

    def _file(self, key: str, name: str, suffix: str) -> Path:
        return self.store / f"{key}-{name}.{suffix}"

    def _save_manifest(self) -> None:
        """Merge into what is on disk (another build may share the cache), then replace atomically."""
        on_disk = _read_json(self.manifest_path)
        same = on_disk.get("settings") == SETTINGS
        outputs = {**(on_disk.get("outputs", {}) if same else {}), **self.outputs}
        sources = {**on_disk.get("sources", {}), **self.sources}
        _write_json(self.manifest_path, {"settings": SETTINGS, "outputs": outputs, "sources": sources})

    def _publish(self, target: Path) -> None:
        target.mkdir(parents=True, exist_ok=True)
        for result in self.results.values():
            for name in result.sizes:
                for suffix, _, _ in image_ops.FORMATS:
                    cached, published = self._file(result.key, name, suffix), target / f"{result.key}-{name}.{suffix}"
                    if published.exists():
                        continue  # same name, same bytes (the name is the content hash)
                    try:
                        os.link(cached, published)  # no copy when site and cache share a disk
                    except OSError:
                        shutil.copyfile(cached, published)


def _read_json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # no cache yet, or a damaged one: rebuild it
    return data if isinstance(data, dict) else {}


def _write_json(path: Path, data: dict) -> None:
    write_atomic(path, json.dumps(data, ensure_ascii=False))
