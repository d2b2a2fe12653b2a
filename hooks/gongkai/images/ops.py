"""Pure Pillow steps: read a photo safely, make it upright and clean, write its sizes.

    probe(path) -> (width, height)               upright size from the header alone; refuses bad files
    output_sizes(kind, (width, height)) -> sizes  every output's size, known before decoding
    process(path, kind, out_stem) -> sizes        decodes once, writes <stem>-<size>.webp and .jpg

Every output is a new image saved with no metadata at all: no EXIF (so no GPS),
no XMP, no ICC profile, no JPEG comment, no PNG text. Colours are converted to
sRGB first, so dropping the profile changes nothing a person can see.
Problems are raised as ImageProblem with a Chinese message for the clerk.
"""
from __future__ import annotations

import io
import multiprocessing
import re
import signal
import stat
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from gongkai.common.files import write_atomic  # a build that stops half-way leaves no half-written file that looks cached

try:  # phone photos
    import pillow_heif

    pillow_heif.register_heif_opener()
except ImportError:  # pragma: no cover - pinned in requirements.txt
    pillow_heif = None

# What cameras and phones save. Naming them keeps Pillow from trying its other
# readers (EPS would even start Ghostscript) on a file someone renamed to .jpg.
INPUT_FORMATS = ("JPEG", "PNG", "WEBP", "HEIF")
MAX_PIXELS = 60_000_000  # larger than any phone or camera photo; checked from the header
JOB_SECONDS = 120.0  # a pool worker stuck this long on one photo is ended by the OS

# Output boxes per kind: (name, (width, height), crop?). Photos fit inside the
# box and are never enlarged; portraits are cut to exactly 3:4.
SIZES: dict[str, tuple[tuple[str, tuple[int, int], bool], ...]] = {
    "photo": (("thumb", (480, 480), False), ("display", (1600, 1600), False)),
    "portrait": (("thumb", (180, 240), True), ("display", (360, 480), True)),
}
FORMATS = (
    # method 1: measured on 4000×3000 photos, 36 ms a 1600 px image against 52 (method 2) and 121 (the
    # default 4), same PSNR and size within 2 %.
    ("webp", "WEBP", {"quality": 80, "method": 1}),
    ("jpg", "JPEG", {"quality": 82, "optimize": True, "progressive": True}),
)
PORTRAIT_CENTRE = (0.5, 0.3)  # faces sit in the upper part of a portrait

BROKEN = "照片文件已损坏或不完整，请从相机或手机重新导出后再放入"
_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


class ImageProblem(Exception):
    """A photo that cannot be published, explained for a clerk (the caller adds the file name)."""


def probe(path: Path) -> tuple[int, int]:
    """Upright width and height read from the header: nothing is decoded."""
    with _open(path) as image:
        return _upright(image.size, _orientation(image))


def output_sizes(kind: str, upright: tuple[int, int]) -> dict[str, tuple[int, int]]:
    """The size of each output; pages need width and height before the pool is done."""
    width, height = upright
    sizes = {}
    for name, (box_w, box_h), crop in SIZES[kind]:
        if crop:
            sizes[name] = (box_w, box_h)
        else:
            scale = min(1.0, box_w / width, box_h / height)  # never upscale
            sizes[name] = (max(1, round(width * scale)), max(1, round(height * scale)))
    return sizes


def process(source: Path, kind: str, out_stem: Path, seconds: float | None = None) -> dict[str, tuple[int, int]]:
    """Decode once, make upright and clean, write every size and format as `<out_stem>-<size>.<ext>`.

    `seconds` is for pool workers only: past it the OS ends the worker (a file
    built to make a decoder spin), and the pipeline reports that photo.
    """
    _arm_deadline(seconds)
    try:
        image, icc, upright = _decode(source, kind)
        sizes = output_sizes(kind, upright)  # exactly what submit() told the pages
        # Largest size first; each smaller one is made from the one before (cheaper, same look).
        for n, (name, box, crop) in enumerate(sorted(SIZES[kind], key=lambda size: -max(size[1]))):
            if crop:
                image = ImageOps.fit(image, box, Image.Resampling.LANCZOS, centering=PORTRAIT_CENTRE)
            elif image.size != sizes[name]:
                image = image.resize(sizes[name], Image.Resampling.LANCZOS)
            if n == 0:
                image = _to_srgb(image, icc)  # after the first resize: far fewer pixels to convert
            image.info = {}  # nothing from the source travels on (Pillow would save a JPEG comment)
            for suffix, fmt, options in FORMATS:
                buffer = io.BytesIO()
                image.save(buffer, fmt, **options)
                write_atomic(out_stem.with_name(f"{out_stem.name}-{name}.{suffix}"), buffer.getvalue())
        return sizes
    finally:
        _arm_deadline(None)


@contextmanager
def _open(path: Path) -> Iterator[Image.Image]:
    """Open lazily (header only) and refuse what must never be decoded."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise ImageProblem("找不到照片文件") from None
    except OSError:
        raise ImageProblem("照片文件无法读取（请检查文件权限）") from None
    if not stat.S_ISREG(info.st_mode):  # a folder or a pipe named .jpg would fail or block
        raise ImageProblem("不是图片文件（这是一个文件夹或特殊文件）")
    if info.st_size == 0:
        raise ImageProblem("文件是空的（0 字节），请重新复制照片")
    try:
        with warnings.catch_warnings():
            # Pillow warns between its limit and twice that; our own check below refuses with the size.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(path, formats=INPUT_FORMATS)
    except Image.DecompressionBombError as error:
        raise ImageProblem(_too_big(str(error))) from None
    except UnidentifiedImageError:
        raise ImageProblem("不是图片文件，或不是支持的格式（请用 JPEG、PNG、HEIC 或 WebP）") from None
    except Exception:  # noqa: BLE001 - a hostile header can raise nearly anything inside a decoder
        raise ImageProblem(BROKEN) from None
    with image:
        width, height = image.size
        if width * height > MAX_PIXELS:
            raise ImageProblem(_too_big(f"{width}×{height}"))
        if width < 1 or height < 1:
            raise ImageProblem(BROKEN)
        yield image


def _too_big(size: str) -> str:
    limit = f"超过 {MAX_PIXELS // 10_000} 万像素的上限，请先缩小后再放入"
    if "×" in size:
        return f"图片太大（{size} 像素），{limit}"
    pixels = re.search(r"\((\d+) pixels\)", size)  # Pillow's own refusal names only the pixel count
    amount = f"约 {int(pixels.group(1)) // 10_000} 万像素" if pixels else "像素过多"
    return f"图片太大（{amount}），{limit}"


def _orientation(image: Image.Image) -> int:
    """EXIF (or XMP) orientation, read without decoding; 1 when missing or unreadable."""
    try:
        if image.format == "PNG":
            # PngImageFile.getexif() decodes the whole picture when the EXIF chunk comes
            # after it; the base method reads only what the header already gave.
            exif = Image.Image.getexif(image)
        else:
            exif = image.getexif()
        value = exif.get(0x0112, 1)
    except Exception:  # noqa: BLE001 - broken metadata must not block a good picture
        return 1
    return value if value in range(1, 9) else 1


def _upright(size: tuple[int, int], orientation: int) -> tuple[int, int]:
    return (size[1], size[0]) if orientation in (5, 6, 7, 8) else size


def _needed(kind: str, upright: tuple[int, int]) -> tuple[int, int]:
    """The smallest source size the largest output can be made from without losing detail."""
    width, height = upright
    (_, (box_w, box_h), crop) = max(SIZES[kind], key=lambda size: max(size[1]))
    scale = max(box_w / width, box_h / height) if crop else min(box_w / width, box_h / height)
    return max(1, round(width * min(1.0, scale))), max(1, round(height * min(1.0, scale)))


def _decode(source: Path, kind: str) -> tuple[Image.Image, bytes | None, tuple[int, int]]:
    """The upright picture in RGB, L or CMYK, its ICC profile (if any), and its full upright size."""
    with _open(source) as opened:
        orientation = _orientation(opened)
        upright = _upright(opened.size, orientation)  # before draft() shrinks it
        try:
            if opened.format in ("JPEG", "MPO"):
                # libjpeg can decode at 1/2, 1/4 or 1/8 scale: ask for no less than the largest output.
                need = _needed(kind, upright)
                opened.draft(None, _upright(need, orientation))  # the box is in stored (unrotated) terms
            opened.load()  # truncated files fail here (LOAD_TRUNCATED_IMAGES stays off)
        except Exception:  # noqa: BLE001 - any decoder failure on a damaged file
            raise ImageProblem(BROKEN) from None
        if _grey_filled(opened):
            raise ImageProblem(BROKEN)
        icc = opened.info.get("icc_profile")
        try:
            image = ImageOps.exif_transpose(opened)
        except Exception:  # noqa: BLE001 - unreadable metadata: the pixels as stored
            image = opened.copy()
    return _eight_bit(image), icc, upright


def _grey_filled(image: Image.Image) -> bool:
    """A JPEG whose data broke off part-way: libjpeg paints the rest flat grey (128) and only warns.

    Pillow does not pass that warning on, so look for its mark: full rows of
    exact grey at the bottom, and above them a row that turns grey part-way
    along (where decoding stopped). Real photos never have both.
    """
    if image.format not in ("JPEG", "MPO") or image.mode not in ("L", "RGB"):
        return False
    width, height = image.size
    grey = b"\x80" * (width * len(image.mode))
    y = height
    while y > 0 and image.crop((0, y - 1, width, y)).tobytes() == grey:
        y -= 1
    if y == height:
        return False  # the last row was decoded
    if y == 0:
        return True  # nothing was decoded at all
    row = image.crop((0, y - 1, width, y)).tobytes()
    return len(row) - len(row.rstrip(b"\x80")) >= 8 * len(image.mode)  # at least one 8-pixel block


def _eight_bit(image: Image.Image) -> Image.Image:
    """Any mode in; 8-bit RGB, L or CMYK out (the ICC step then makes it sRGB)."""
    if image.mode in ("I;16", "I;16B", "I;16L", "I;16N", "I"):
        # 16-bit grey: scale to 8 bits (÷256) rather than clipping everything above 255 to white.
        image = image.convert("I").point(lambda value: value * (1 / 256)).convert("L")
    elif image.mode == "F":
        image = image.point(lambda value: value * 255).convert("L")  # float grey is 0..1
    if image.mode in ("RGBA", "RGBa", "LA", "La", "PA") or "transparency" in image.info:
        rgba = image.convert("RGBA")  # P and L with a transparent colour too
        flat = Image.new("RGB", rgba.size, (255, 255, 255))  # see-through parts on white paper
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    if image.mode in ("RGB", "L", "CMYK"):
        return image
    return image.convert("RGB")  # P, 1, YCbCr, LAB, HSV


def _to_srgb(image: Image.Image, icc: bytes | None) -> Image.Image:
    """Apply the source's ICC profile (phones use Display P3, print files CMYK) so plain sRGB looks the same."""
    if icc:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            converted = ImageCms.profileToProfile(image, source, _SRGB, outputMode="RGB")
            if converted is not None:
                return converted
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            pass  # a broken profile, or one for another colour space: plain conversion below
    return image if image.mode == "RGB" else image.convert("RGB")


def _arm_deadline(seconds: float | None) -> None:
    """In a pool worker only: SIGALRM's default action ends the process; the pipeline reports the photo."""
    if not hasattr(signal, "setitimer") or multiprocessing.parent_process() is None:
        return  # never in the build's own process (or on Windows)
    signal.signal(signal.SIGALRM, signal.SIG_DFL)
    signal.setitimer(signal.ITIMER_REAL, seconds or 0)  # 0 disarms
