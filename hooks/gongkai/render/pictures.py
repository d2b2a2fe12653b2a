"""Photo markup: a <picture> per photo, and the lightbox link around a thumbnail."""
from __future__ import annotations

import html

from gongkai.images.pipeline import ImageResult


def picture_html(result: ImageResult, alt: str, prefix: str, size: str = "thumb", sizes: str = "") -> str:
    """A <picture>: WebP sources and a JPEG fallback, width/height set, loaded lazily, every value escaped.

    `prefix` leads from the page to the site root (e.g. "../../"); `size` is the
    one laid out ("thumb" or "display"); `sizes` is how wide the page shows it
    (the template knows: a 160 px thumbnail must not fetch the 1,600 px photo on
    a phone). Empty for a photo that failed: the build stops with its problem listed anyway.
    """
    if not result.sizes:
        return ""
    shown = size if size in result.sizes else "thumb"
    width, height = result.sizes[shown]
    widths: dict[int, str] = {}  # one URL per width: a small photo's two sizes are the same picture
    for name, (w, _) in sorted(result.sizes.items(), key=lambda item: item[1]):
        widths.setdefault(w, name)
    webp = ", ".join(f"{prefix}{result.url(name, 'webp')} {w}w" for w, name in widths.items())
    jpeg = ", ".join(f"{prefix}{result.url(name, 'jpg')} {w}w" for w, name in widths.items())
    sizes = sizes or f"(max-width: {width}px) 100vw, {width}px"
    return (
        f'<picture><source type="image/webp" srcset="{_attr(webp)}" sizes="{sizes}">'
        f'<img src="{_attr(prefix + result.url(shown, "jpg"))}" srcset="{_attr(jpeg)}" sizes="{sizes}" '
        f'width="{width}" height="{height}" loading="lazy" decoding="async" alt="{_attr(alt)}"></picture>'
    )


def display_url(result: ImageResult, prefix: str) -> str:
    """The large JPEG (for the lightbox), relative to the page; escape it when writing it into HTML."""
    return prefix + result.url("display", "jpg")


def _attr(value: str) -> str:
    return html.escape(value, quote=True)


def lightbox_html(result: ImageResult, alt: str, prefix: str, sizes: str = "") -> str:
    """A thumbnail that opens the large photo in the lightbox, with its caption."""
    inner = picture_html(result, alt=alt, prefix=prefix, size="thumb", sizes=sizes)
    return (
        f'<a class="glightbox" href="{_attr(display_url(result, prefix))}" data-description="{_attr(alt)}" '
        f'data-gallery="page">{inner}</a>'
    )


def picture(results: dict[str, ImageResult], rel: str, alt: str, prefix: str, size: str, sizes: str = "") -> str:
    """size: thumb, display, or lightbox (a thumb that opens the large photo in the lightbox)."""
    result = results[rel]
    if size == "lightbox":
        return lightbox_html(result, alt, prefix, sizes)
    return picture_html(result, alt=alt, prefix=prefix, size=size, sizes=sizes)


def lightbox_loader(prefix: str, kiosk: bool) -> str:
    """The script that brings the lightbox to a page with photos, after its content (the kiosk loops, never zooms)."""
    flags = 'data-loop="true" data-zoomable="false"' if kiosk else 'data-loop="false" data-zoomable="true"'
    return f'<script src="{_attr(prefix)}assets/gongkai-lightbox.js" {flags} defer></script>'


