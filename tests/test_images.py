"""The image pipeline on real camera photos (../shared/testdata/photos) and on generated ones: upright, clean of metadata, sized, cached (hostile files: test_images_hostile.py)."""
from __future__ import annotations

import logging
import struct
import time
from pathlib import Path

import gongkai.images.pipeline
import pytest
from gongkai.images import ops as image_ops
from gongkai.images.pipeline import ImagePipeline
from gongkai.render.pictures import display_url, picture_html
from image_helpers import PHOTOS, data_dir, needs_photos, out_path, run_pipeline, write_photo
from PIL import Image, ImageChops, ImageCms, ImageDraw, ImageStat, PngImagePlugin


def _signature(path: Path) -> Image.Image:
    with Image.open(path) as im:
        return im.convert("L").resize((32, 32))


def _difference(a: Image.Image, b: Image.Image) -> float:
    return ImageStat.Stat(ImageChops.difference(a, b)).mean[0]


# -- upright ------------------------------------------------------------------
@needs_photos
@pytest.mark.parametrize("shape", ["landscape", "portrait"])
def test_every_orientation_comes_out_upright(tmp_path: Path, shape: str) -> None:
    rels = [f"orientation/{shape}_{n}.jpg" for n in range(1, 9)]
    pipeline = ImagePipeline(PHOTOS, tmp_path / "cache")
    results = [pipeline.submit(rel) for rel in rels]
    predicted = [dict(result.sizes) for result in results]  # what pages are told before any decoding
    assert pipeline.finish(tmp_path / "site") == []
    assert [result.sizes for result in results] == predicted
    reference = _signature(out_path(tmp_path, results[0]))
    # The check can tell: the reference turned over differs by far more than the threshold.
    assert _difference(reference, reference.rotate(180)) > 40
    for result in results:
        width, height = result.sizes["display"]
        assert (width > height) == (shape == "landscape"), result.rel
        with Image.open(out_path(tmp_path, result)) as im:
            assert im.size == (width, height) == results[0].sizes["display"]
        difference = _difference(reference, _signature(out_path(tmp_path, result)))
        assert difference < 12, (result.rel, difference)
        assert _difference(reference, _signature(out_path(tmp_path, result, "thumb", "webp"))) < 12, result.rel


# -- no metadata --------------------------------------------------------------
def _jpeg_markers(data: bytes) -> list[int]:
    """Every segment marker before the picture data (where metadata would live)."""
    assert data[:2] == b"\xff\xd8"
    markers, at = [], 2
    while data[at] == 0xFF and data[at + 1] != 0xDA:
        markers.append(data[at + 1])
        at += 2 + struct.unpack(">H", data[at + 2 : at + 4])[0]
    return markers


def _webp_chunks(data: bytes) -> list[bytes]:
    assert data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    chunks, at = [], 12
    while at < len(data):
        kind, length = data[at : at + 4], struct.unpack("<I", data[at + 4 : at + 8])[0]
        chunks.append(kind)
        if kind == b"VP8X":
            assert data[at + 8] & 0b00101100 == 0, "VP8X flags announce ICC, EXIF or XMP"
        at += 8 + length + (length & 1)
    return chunks


def _assert_clean(path: Path) -> None:
    data = path.read_bytes()
    for marker in (b"Exif", b"http://ns.adobe.com/xap", b"ICC_PROFILE", b"ICCP", b"XMP ", b"secret"):
        assert marker not in data, (path.name, marker)
    if path.suffix == ".jpg":
        # Only tables, frame, JFIF: no APP1 (EXIF, XMP, GPS), APP2 (ICC), APP13 (IPTC), COM (comment).
        assert set(_jpeg_markers(data)) <= {0xE0, 0xDB, 0xC0, 0xC2, 0xC4, 0xDD}, path.name
    else:
        assert set(_webp_chunks(data)) <= {b"VP8 ", b"VP8L", b"VP8X", b"ALPH"}, path.name
    with Image.open(path) as im:
        assert len(im.getexif()) == 0
        assert not {"icc_profile", "exif", "xmp", "comment", "XML:com.adobe.xmp"} & set(im.info), path.name


@needs_photos
def test_no_output_carries_exif_gps_or_profiles(tmp_path: Path) -> None:
    rels = [f"gps/{p.name}" for p in sorted((PHOTOS / "gps").iterdir())]
    rels += ["Canon_40D.jpg", "orientation/portrait_6.jpg", "heic/samplefilehub.heif", "invalid/image00971.jpg"]
    _, _, problems = run_pipeline(PHOTOS, rels, tmp_path)
    assert problems == []
    outputs = sorted((tmp_path / "site" / "img").iterdir())
    assert len(outputs) == len(rels) * 4  # two sizes, two formats
    for path in outputs:
        _assert_clean(path)


def test_generated_metadata_of_every_kind_is_dropped(tmp_path: Path) -> None:
    root = data_dir(tmp_path)
    exif = Image.Exif()
    exif[0x010F] = "secret camera"
    exif.get_ifd(0x8825)[2] = (39.0, 54.0, 27.0)  # GPS latitude
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    write_photo(root / "tagged.jpg", exif=exif, icc_profile=srgb, comment=b"secret comment", xmp=b"<x:xmpmeta>secret</x:xmpmeta>")
    text = PngImagePlugin.PngInfo()
    text.add_text("Comment", "secret text")
    text.add_itxt("XML:com.adobe.xmp", "<x:xmpmeta>secret</x:xmpmeta>")
    write_photo(root / "tagged.png", pnginfo=text, exif=exif, icc_profile=srgb)
    write_photo(root / "tagged.webp", exif=exif, icc_profile=srgb, xmp=b"<x:xmpmeta>secret</x:xmpmeta>")
    write_photo(root / "plain.jpg", exif=exif, comment=b"secret comment")  # no profile: a different path
    _, results, problems = run_pipeline(root, ["tagged.jpg", "tagged.png", "tagged.webp", "plain.jpg"], tmp_path)
    assert problems == []
    for path in sorted((tmp_path / "site" / "img").iterdir()):
        _assert_clean(path)
    with Image.open(out_path(tmp_path, results[0])) as im:  # the sRGB profile was applied, not misapplied
        red, green, blue = im.convert("RGB").getpixel((180, 130))
        assert red > 170 and green < 70 and blue < 70


# -- formats and modes --------------------------------------------------------
@needs_photos
def test_heif_from_a_phone_converts(tmp_path: Path) -> None:
    _, results, problems = run_pipeline(PHOTOS, ["heic/samplefilehub.heif"], tmp_path)
    assert problems == []
    with Image.open(out_path(tmp_path, results[0])) as im:
        assert (im.format, im.mode, im.size) == ("JPEG", "RGB", (640, 426))
    with Image.open(out_path(tmp_path, results[0], "thumb", "webp")) as im:
        assert (im.format, im.size) == ("WEBP", (480, 320))


def test_cmyk_16_bit_and_transparent_inputs_convert(tmp_path: Path) -> None:
    root = data_dir(tmp_path)
    Image.new("CMYK", (64, 48), (0, 255, 255, 0)).save(root / "cmyk.jpg")  # pure red in CMYK
    Image.new("I;16", (64, 48), 32768).save(root / "grey16.png")  # mid-grey in 16 bits
    Image.linear_gradient("L").resize((64, 256)).convert("I").point(lambda v: v * 257).convert("I;16").save(root / "ramp16.png")
    palette = Image.new("P", (64, 48), 1)
    palette.putpalette([0, 0, 0, 0, 0, 255])
    palette.save(root / "clear.png", transparency=1)  # every pixel is the transparent colour
    Image.new("LA", (64, 48), (0, 0)).save(root / "clear-la.png")
    rels = ["cmyk.jpg", "grey16.png", "ramp16.png", "clear.png", "clear-la.png"]
    _, results, problems = run_pipeline(root, rels, tmp_path)
    assert problems == []
    out = {}
    for result in results:
        with Image.open(out_path(tmp_path, result)) as im:
            assert im.mode == "RGB"
            out[result.rel] = im.copy()
    red, green, blue = out["cmyk.jpg"].getpixel((32, 24))
    assert red > 200 and green < 60 and blue < 60
    assert all(120 <= channel <= 136 for channel in out["grey16.png"].getpixel((32, 24)))  # scaled, not clipped to 255
    ramp = out["ramp16.png"]
    assert ramp.getpixel((32, 0))[0] < 10 and ramp.getpixel((32, 255))[0] > 245  # full 16-bit range → full 8-bit range
    assert all(channel > 245 for channel in out["clear.png"].getpixel((32, 24)))  # transparent → white paper
    assert all(channel > 245 for channel in out["clear-la.png"].getpixel((32, 24)))


def test_sizes_told_at_submit_are_the_sizes_written(tmp_path: Path) -> None:
    root = data_dir(tmp_path)
    shapes = [(1999, 1333), (333, 1001), (4001, 7), (1601, 1600), (479, 481)]
    for width, height in shapes:
        write_photo(root / f"{width}x{height}.jpg", (width, height))
    pipeline = ImagePipeline(root, tmp_path / "cache")
    results = [pipeline.submit(f"{w}x{h}.jpg", kind) for w, h in shapes for kind in ("photo", "portrait")]
    predicted = [dict(result.sizes) for result in results]
    assert pipeline.finish(tmp_path / "site") == []
    for result, sizes in zip(results, predicted):
        assert result.sizes == sizes, result
        for name, size in sizes.items():
            for suffix in ("jpg", "webp"):
                with Image.open(out_path(tmp_path, result, name, suffix)) as im:
                    assert im.size == size, (result.rel, name, suffix)


def test_portraits_are_cropped_to_three_by_four_keeping_the_top(tmp_path: Path) -> None:
    root = data_dir(tmp_path)
    tall = Image.new("RGB", (600, 1600), (230, 230, 230))
    ImageDraw.Draw(tall).ellipse((200, 300, 400, 500), fill=(200, 20, 20))  # a "face" a quarter of the way down
    tall.save(root / "tall.png")
    write_photo(root / "wide.jpg", (1200, 700))
    _, results, problems = run_pipeline(root, ["tall.png", "wide.jpg"], tmp_path, kind="portrait")
    assert problems == []
    for result in results:
        assert result.sizes == {"thumb": (180, 240), "display": (360, 480)}
        with Image.open(out_path(tmp_path, result)) as im:
            assert im.size == (360, 480)
    with Image.open(out_path(tmp_path, results[0])) as im:
        face = im.crop((0, 0, 360, 240)).convert("RGB").getcolors(360 * 240)
        assert max(count for count, colour in face if colour[0] > 150 and colour[1] < 80) > 5000  # whole face kept


# -- malformed camera files (the shared corpus) -----------------------------
@needs_photos
def test_the_shared_invalid_files_never_crash(tmp_path: Path) -> None:
    # corrupted.jpg: its picture data breaks off (libjpeg fills the rest grey and only warns).
    _, _, problems = run_pipeline(PHOTOS, ["invalid/corrupted.jpg"], tmp_path / "a")
    assert [str(p) for p in problems] == ["data/invalid/corrupted.jpg: " + image_ops.BROKEN]
    # The other four hold valid pictures with malformed EXIF/XMP: published, with the metadata gone.
    rels = [f"invalid/{name}" for name in ("image00971.jpg", "image01088.jpg", "image01137.jpg", "image01551.jpg")]
    _, results, problems = run_pipeline(PHOTOS, rels, tmp_path / "b")
    assert problems == []
    for result in results:
        for size in ("thumb", "display"):
            for suffix in ("jpg", "webp"):
                _assert_clean(out_path(tmp_path / "b", result, size, suffix))


# -- cache --------------------------------------------------------------------
def test_a_second_build_decodes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = data_dir(tmp_path)
    write_photo(root / "a.jpg", (2000, 1500))
    write_photo(root / "b.png")
    write_photo(root / "same-as-a.jpg", (2000, 1500))
    rels = ["a.jpg", "b.png", "same-as-a.jpg"]
    first, before, _ = run_pipeline(root, rels, tmp_path)
    assert first.decoded == 2  # identical bytes are made once
    opened = []
    real_open = Image.open
    monkeypatch.setattr(Image, "open", lambda *args, **kw: opened.append(args) or real_open(*args, **kw))
    monkeypatch.setattr(gongkai.images.pipeline, "ProcessPoolExecutor", None)  # no pool may start
    (root / "b.png").touch()  # a newer time alone: re-hashed, still cached
    second, after, problems = run_pipeline(root, rels, tmp_path, site="again")
    assert problems == [] and second.decoded == 0 and opened == []
    assert [r.sizes for r in after] == [r.sizes for r in before] and [r.key for r in after] == [r.key for r in before]
    assert (tmp_path / "again" / after[0].url("thumb", "webp")).is_file()
    monkeypatch.undo()
    write_photo(root / "b.png", (300, 200))  # new bytes: a new key, decoded again
    third, changed, _ = run_pipeline(root, ["b.png"], tmp_path, site="third")
    assert third.decoded == 1 and changed[0].key != before[1].key


def test_progress_is_logged_on_a_long_run(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    root = data_dir(tmp_path)
    for n in range(20):
        Image.new("RGB", (40 + n, 30), (n * 10, 0, 0)).save(root / f"{n}.png")
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.gongkai"):
        run_pipeline(root, [f"{n}.png" for n in range(20)], tmp_path)
    lines = [r.getMessage() for r in caplog.records if r.name == "mkdocs.plugins.gongkai"]
    assert len(lines) == 10 and lines[-1] == "gongkai: 照片处理 20/20（100%）"


# -- markup -------------------------------------------------------------------
def test_picture_markup_escapes_alt_text_and_is_sized(tmp_path: Path) -> None:
    root = data_dir(tmp_path)
    write_photo(root / "big.jpg", (2000, 1500))
    write_photo(root / "small.jpg", (300, 200))
    _, (big, small), _ = run_pipeline(root, ["big.jpg", "small.jpg"], tmp_path)
    markup = picture_html(big, alt='<script>alert("1")</script>&', prefix="../../")
    assert "<script>" not in markup and "&lt;script&gt;alert(&quot;1&quot;)&lt;/script&gt;&amp;" in markup
    assert 'width="480" height="360" loading="lazy" decoding="async"' in markup
    assert f'<source type="image/webp" srcset="../../img/{big.key}-thumb.webp 480w, ../../img/{big.key}-display.webp 1600w"' in markup
    assert f'<img src="../../img/{big.key}-thumb.jpg"' in markup
    assert 'width="1600" height="1200"' in picture_html(big, alt="", prefix="", size="display")
    assert display_url(big, "../") == f"../img/{big.key}-display.jpg"
    assert (tmp_path / "site" / f"img/{big.key}-display.jpg").is_file()
    assert picture_html(small, alt="", prefix="").count(" 300w") == 2  # one URL per width, WebP and JPEG
