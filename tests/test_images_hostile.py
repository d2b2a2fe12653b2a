"""The image pipeline against hostile files made here: refused in Chinese, all at once, without decoding bombs or hanging."""
from __future__ import annotations

import io
import struct
import time
import zlib
from pathlib import Path

import gongkai.images.pipeline
import pytest
from gongkai.images import ops as image_ops
from gongkai.render.pictures import picture_html
from image_helpers import data_dir, run_pipeline, write_photo
from PIL import Image


# -- hostile files ------------------------------------------------------------
def _bomb_png(path: Path, width: int, height: int) -> None:
    """A tiny PNG whose header claims a huge picture."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 100)) + chunk(b"IEND", b""))


def test_hostile_files_are_refused_in_chinese_all_at_once(tmp_path: Path) -> None:
    root = data_dir(tmp_path)
    (root / "empty.jpg").write_bytes(b"")
    (root / "text.jpg").write_text("这不是照片", encoding="utf-8")
    buffer = io.BytesIO()
    write_photo(buffer, (1200, 900), format="JPEG", quality=90)
    whole = buffer.getvalue()
    (root / "truncated.jpg").write_bytes(whole[: len(whole) // 2])  # copy broke off: no end marker
    (root / "patched.jpg").write_bytes(whole[: len(whole) // 2] + b"\xff\xd9")  # broke off, end marker added
    _bomb_png(root / "bomb.png", 30000, 30000)  # beyond Pillow's own limit
    _bomb_png(root / "huge.png", 9000, 8000)  # 72 megapixels: between ours and Pillow's
    (root / "folder.jpg").mkdir()
    Image.new("RGB", (10, 10)).save(root / "old.gif")
    (tmp_path / "outside.jpg").write_bytes(whole)
    write_photo(root / "fine.jpg")
    rels = ["empty.jpg", "text.jpg", "truncated.jpg", "patched.jpg", "bomb.png", "huge.png", "folder.jpg", "old.gif", "../outside.jpg", "missing.jpg", "fine.jpg"]
    started = time.perf_counter()
    pipeline, results, problems = run_pipeline(root, rels, tmp_path)
    assert time.perf_counter() - started < 20  # and the bombs were never decoded:
    assert pipeline.decoded == 3  # only the two cut-off JPEGs (refused while decoding) and fine.jpg reached a worker
    messages = {p.file: p.message for p in problems}
    assert set(messages) == {f"data/{rel}" for rel in rels if rel != "fine.jpg"}  # all at once
    assert "文件是空的" in messages["data/empty.jpg"]
    assert "不是图片文件" in messages["data/text.jpg"] and "不是图片文件" in messages["data/folder.jpg"]
    assert "不是支持的格式" in messages["data/old.gif"]
    assert "照片文件已损坏或不完整" in messages["data/truncated.jpg"]
    assert "照片文件已损坏或不完整" in messages["data/patched.jpg"]
    assert "图片太大（9000×8000 像素），超过 6000 万像素的上限" in messages["data/huge.png"]
    assert "图片太大（约 90000 万像素），超过 6000 万像素的上限" in messages["data/bomb.png"]
    assert "data 文件夹" in messages["data/../outside.jpg"]
    assert "找不到照片文件" in messages["data/missing.jpg"]
    assert all(str(p).startswith(p.file + ": ") for p in problems)  # `data/x.jpg: 说明`
    assert picture_html(results[0], alt="x", prefix="") == ""
    assert not (tmp_path / "site" / "img").exists()  # nothing is published while a photo is wrong


def test_a_bomb_header_is_refused_quickly_without_a_pool(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = data_dir(tmp_path)
    _bomb_png(root / "bomb.png", 30000, 30000)
    monkeypatch.setattr(gongkai.images.pipeline, "ProcessPoolExecutor", None)  # would fail if anything were queued
    started = time.perf_counter()
    _, _, problems = run_pipeline(root, ["bomb.png"], tmp_path)
    assert time.perf_counter() - started < 1.0
    assert [p.message[:4] for p in problems] == ["图片太大"]


def test_a_decoder_that_crashes_or_hangs_blames_only_its_photo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = data_dir(tmp_path)
    write_photo(root / "a.jpg")
    write_photo(root / "b.png")
    monkeypatch.setattr(image_ops, "JOB_SECONDS", 0.001)  # every worker is ended by the OS at once
    started = time.perf_counter()
    _, _, problems = run_pipeline(root, ["a.jpg", "b.png"], tmp_path)
    assert time.perf_counter() - started < 30
    assert [(p.file, p.message) for p in problems] == [("data/a.jpg", gongkai.images.pipeline.CRASHED), ("data/b.png", gongkai.images.pipeline.CRASHED)]
