"""The image pipeline on real camera photos (../shared/testdata/photos) and hostile files."""
from __future__ import annotations

import shutil
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat

from conftest import SHARED
from gongkai.images import ImagePipeline, picture_html

PHOTOS = SHARED / "testdata" / "photos"
pytestmark = pytest.mark.skipif(not PHOTOS.is_dir(), reason="../shared/testdata/photos is not beside the repository")


def _run(root: Path, rels: list[str], tmp: Path, kind: str = "photo"):
    pipeline = ImagePipeline(root, tmp / "cache")
    results = [pipeline.submit(rel, kind) for rel in rels]
    problems = pipeline.finish(tmp / "site")
    return pipeline, results, problems


def _outputs(tmp: Path) -> list[Path]:
    return sorted((tmp / "site" / "img").iterdir())


def _signature(path: Path) -> Image.Image:
    with Image.open(path) as im:
        return im.convert("L").resize((32, 32))


@pytest.mark.parametrize("shape", ["landscape", "portrait"])
def test_every_orientation_comes_out_upright(tmp_path: Path, shape: str) -> None:
    rels = [f"orientation/{shape}_{n}.jpg" for n in range(1, 9)]
    _, results, problems = _run(PHOTOS, rels, tmp_path)
    assert problems == []
    reference = _signature(tmp_path / "site" / results[0].url("display", "jpg"))
    for result in results[1:]:
        output = tmp_path / "site" / result.url("display", "jpg")
        assert result.sizes["display"] == results[0].sizes["display"], result.rel
        difference = ImageStat.Stat(ImageChops.difference(reference, _signature(output))).mean[0]
        assert difference < 12, (result.rel, difference)


def test_no_output_carries_exif_gps_or_profiles(tmp_path: Path) -> None:
    rels = [f"gps/{p.name}" for p in (PHOTOS / "gps").iterdir()] + ["Canon_40D.jpg", "orientation/portrait_6.jpg"]
    _, _, problems = _run(PHOTOS, rels, tmp_path)
    assert problems == []
    outputs = _outputs(tmp_path)
    assert len(outputs) == len(rels) * 4  # two sizes, two formats
    for path in outputs:
        data = path.read_bytes()
        for marker in (b"Exif", b"GPS", b"http://ns.adobe.com/xap", b"ICC_PROFILE", b"ICCP", b"XMP "):
            assert marker not in data, (path.name, marker)
        with Image.open(path) as im:
            assert len(im.getexif()) == 0
            assert "icc_profile" not in im.info and "exif" not in im.info and "xmp" not in im.info


def test_heif_from_a_phone_converts(tmp_path: Path) -> None:
    _, results, problems = _run(PHOTOS, ["heic/samplefilehub.heif"], tmp_path)
    assert problems == []
    with Image.open(tmp_path / "site" / results[0].url("display", "jpg")) as im:
        assert im.size == (640, 426)


def test_the_shared_invalid_files_never_crash(tmp_path: Path) -> None:
    rels = [f"invalid/{p.name}" for p in (PHOTOS / "invalid").iterdir()]
    pipeline, results, problems = _run(PHOTOS, rels, tmp_path)
    named = {p.file for p in problems}
    for result in results:
        # Either a clear error naming the file, or a clean, published image.
        assert f"data/{result.rel}" in named or (tmp_path / "site" / result.url("thumb", "jpg")).is_file()


def _bomb_png(path: Path, width: int, height: int) -> None:
    """A tiny PNG whose header claims a huge picture."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = lambda kind, data: struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 100)) + chunk(b"IEND", b""))


def test_hostile_files_are_refused_in_chinese_all_at_once(tmp_path: Path) -> None:
    root = tmp_path / "data"
    root.mkdir()
    (root / "empty.jpg").write_bytes(b"")
    (root / "text.jpg").write_text("这不是照片", encoding="utf-8")
    whole = (PHOTOS / "gps" / "DSCN0010.jpg").read_bytes()
    (root / "truncated.jpg").write_bytes(whole[: len(whole) // 2])
    _bomb_png(root / "bomb.png", 30000, 30000)
    _, _, problems = _run(root, ["empty.jpg", "text.jpg", "truncated.jpg", "bomb.png"], tmp_path)
    messages = {p.file: p.message for p in problems}
    assert "空的" in messages["data/empty.jpg"]
    assert "不是可识别的图片" in messages["data/text.jpg"]
    assert "损坏" in messages["data/truncated.jpg"]
    assert "30000×30000" in messages["data/bomb.png"]
    assert all(str(p).startswith(p.file + ":") for p in problems)


def test_cmyk_and_16_bit_inputs_convert(tmp_path: Path) -> None:
    root = tmp_path / "data"
    root.mkdir()
    Image.new("CMYK", (64, 48), (0, 255, 255, 0)).save(root / "cmyk.jpg")  # pure red in CMYK
    Image.new("I;16", (64, 48), 32768).save(root / "grey16.png")  # mid-grey in 16 bits
    _, results, problems = _run(root, ["cmyk.jpg", "grey16.png"], tmp_path)
    assert problems == []
    with Image.open(tmp_path / "site" / results[0].url("display", "jpg")) as im:
        red, green, blue = im.convert("RGB").getpixel((32, 24))
        assert red > 200 and green < 60 and blue < 60
    with Image.open(tmp_path / "site" / results[1].url("display", "jpg")) as im:
        assert 120 <= im.convert("L").getpixel((32, 24)) <= 136  # scaled, not clipped to 255


def test_a_second_build_decodes_nothing(tmp_path: Path) -> None:
    rels = ["Canon_40D.jpg", "orientation/landscape_3.jpg"]
    first, _, _ = _run(PHOTOS, rels, tmp_path)
    shutil.rmtree(tmp_path / "site")
    second, results, problems = _run(PHOTOS, rels, tmp_path)
    assert first.decoded == 2 and second.decoded == 0 and problems == []
    assert (tmp_path / "site" / results[0].url("thumb", "webp")).is_file()


def test_portraits_are_cropped_to_three_by_four(tmp_path: Path) -> None:
    _, results, _ = _run(PHOTOS, ["orientation/landscape_1.jpg"], tmp_path, kind="portrait")
    with Image.open(tmp_path / "site" / results[0].url("display", "jpg")) as im:
        assert im.size == (360, 480)


def test_picture_markup_escapes_alt_text(tmp_path: Path) -> None:
    _, results, _ = _run(PHOTOS, ["Canon_40D.jpg"], tmp_path)
    html = picture_html(results[0], alt='<script>alert(1)</script>"', prefix="../../")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'loading="lazy"' in html and f'width="{results[0].sizes["thumb"][0]}"' in html and 'type="image/webp"' in html
    assert 'src="../../img/' in html
