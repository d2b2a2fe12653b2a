"""Pure Pillow steps: read a photo safely, make it upright and clean, write its sizes.

Every output is a new image written with no metadata at all: no EXIF (so no
GPS position), no XMP, no ICC profile, no comments. Colours are converted to
sRGB first so dropping the profile changes nothing a person can see.
"""
from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

try:  # phone photos
    import pillow_heif

    pillow_heif.register_heif_opener()
except ImportError:  # pragma: no cover - listed in requirements.txt
    pillow_heif = None

MAX_PIXELS = 60_000_000  # a 60-megapixel photo is already larger than any phone's
# header_size() checks every file against MAX_PIXELS before anything is decoded,
# and says so in Chinese with the real size; Pillow's own check would say less.
Image.MAX_IMAGE_PIXELS = None

# Output boxes per kind: (name, (width, height), crop?)
SIZES: dict[str, tuple[tuple[str, tuple[int, int], bool], ...]] = {
    "photo": (("thumb", (480, 480), False), ("display", (1600, 1600), False)),
    "portrait": (("thumb", (180, 240), True), ("display", (360, 480), True)),
}
FORMATS = (("webp", "WEBP", {"quality": 80, "method": 2}), ("jpg", "JPEG", {"quality": 82, "optimize": True, "progressive": True}))
_SRGB = ImageCms.createProfile("sRGB")


class ImageProblem(Exception):
    """A photo that cannot be published, explained for a clerk."""


def header_size(path: Path) -> tuple[int, int]:
    """Upright width and height from the header alone (no decoding); refuses bad files early."""
    if path.stat().st_size == 0:
        raise ImageProblem("照片文件是空的（0 字节），请重新复制")
    try:
        with Image.open(path) as im:
            width, height = im.size
            if width * height > MAX_PIXELS:  # before anything may decode (PNG's EXIF read does)
                raise ImageProblem(f"图片太大（{width}×{height} 像素），超过 {MAX_PIXELS // 10_000} 万像素的上限，请先缩小")
            orientation = im.getexif().get(0x0112, 1)
    except UnidentifiedImageError:
        raise ImageProblem("不是可识别的图片文件（支持 JPEG、PNG、HEIC、WebP）") from None
    except (OSError, SyntaxError, ValueError) as exc:
        raise ImageProblem(f"照片文件已损坏，无法读取（{type(exc).__name__}）") from None
    return (height, width) if orientation in (5, 6, 7, 8) else (width, height)


def output_sizes(kind: str, upright: tuple[int, int]) -> dict[str, tuple[int, int]]:
    """The size of each output, computed without decoding (pages need width/height early)."""
    width, height = upright
    sizes = {}
    for name, (box_w, box_h), crop in SIZES[kind]:
        if crop:
            sizes[name] = (box_w, box_h)
        else:
            scale = min(1.0, box_w / width, box_h / height)  # never upscale
            sizes[name] = (max(1, round(width * scale)), max(1, round(height * scale)))
    return sizes


def process(source: Path, kind: str, out_stem: Path) -> dict[str, tuple[int, int]]:
    """Decode, make upright and clean, and write every size and format next to `out_stem`."""
    header_size(source)
    try:
        with Image.open(source) as opened:
            if opened.format == "JPEG":
                # libjpeg can decode at 1/2, 1/4 or 1/8 scale: ask for no less than the largest output.
                largest = max(max(box) for _, box, _ in SIZES[kind])
                opened.draft("RGB", (largest, largest))
            opened.load()  # truncated files fail here, not half-way through a resize
            image = _to_srgb(ImageOps.exif_transpose(opened))
    except (OSError, SyntaxError, ValueError) as exc:
        raise ImageProblem(f"照片文件已损坏或不完整，请重新导出（{type(exc).__name__}）") from None
    written = {}
    # Largest size first; each smaller one is made from the one before (cheaper, same look).
    for name, box, crop in sorted(SIZES[kind], key=lambda size: -max(size[1])):
        if crop:
            # Faces sit in the upper part of a portrait: keep the top-centre.
            sized = ImageOps.fit(image, box, Image.Resampling.LANCZOS, centering=(0.5, 0.3))
        else:
            sized = image.copy()
            sized.thumbnail(box, Image.Resampling.LANCZOS)
        image = sized
        sized.info = {}  # nothing from the source travels on
        for suffix, fmt, options in FORMATS:
            buffer = io.BytesIO()
            sized.save(buffer, fmt, **options)
            out_stem.with_name(f"{out_stem.name}-{name}.{suffix}").write_bytes(buffer.getvalue())
        written[name] = sized.size
    return written


def _to_srgb(image: Image.Image) -> Image.Image:
    """Any mode in, 8-bit RGB in sRGB out."""
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        # 16-bit grey: scale to 8 bits rather than clipping at 255.
        image = image.convert("I").point(lambda value: value * (1 / 256)).convert("L")
    icc = image.info.get("icc_profile")
    if icc and image.mode in ("RGB", "CMYK"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            image = ImageCms.profileToProfile(image, source, _SRGB, outputMode="RGB")
        except (ImageCms.PyCMSError, OSError):
            pass  # a broken profile: fall back to a plain conversion
    if image.mode in ("RGBA", "LA", "PA", "P"):
        image = image.convert("RGBA")
        flat = Image.new("RGB", image.size, (255, 255, 255))
        flat.paste(image, mask=image.getchannel("A"))
        return flat
    return image.convert("RGB") if image.mode != "RGB" else image
