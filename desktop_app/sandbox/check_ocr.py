"""``DoCheckOCRAnalysis`` in the sandbox: the image analysis the gateway answers for one
check image (``CheckImageAnalysisResultData``, H-paywsdl), measured from the image itself.

Image quality: too dark (mean grey), a folded or torn corner (a dark corner where paper
should be), skew (the angle that best lines up the image's text rows). Amount recognition
(CAR): the courtesy-amount box is read glyph by glyph against the print font, and a glyph
that matches nothing well leaves the amount unread with a low confidence, as a CAR engine
does. Values in our keys; soap.json names the elements. Images are never logged or kept.
"""

from __future__ import annotations

import base64
import binascii
import functools
import io

from PIL import Image, ImageDraw, ImageStat, UnidentifiedImageError

from desktop_app.sandbox.core import Context, Result
from drivers.imaging import render

TOO_DARK_MEAN = 90
CORNER_DARK_MEAN = 70
SKEW_LIMIT_DEG = 2
MATCH_LIMIT = 0.22  # share of differing pixels a glyph may have and still be read
BLACK = 128


def check_ocr(ctx: Context) -> Result:
    return Result(analyse(ctx.fields.get("check_image", "")))


def analyse(image_b64: str) -> dict[str, str]:
    try:
        image = Image.open(io.BytesIO(base64.b64decode(image_b64, validate=True)))
        grey = image.convert("L")
    except (binascii.Error, UnidentifiedImageError, OSError, ValueError):
        return {"ocr_front_missing": "true", "ocr_failure": "true",
                "ocr_failure_message": "The image could not be read"}
    small = grey.resize((300, 135))
    dark = _mean(small) < TOO_DARK_MEAN  # too dark to tell a corner or an angle
    folded = not dark and _dark_corner(small)
    skew = not dark and abs(_skew(small)) >= SKEW_LIMIT_DEG
    amount, confidence = ("", 0) if dark or skew else _car(grey)
    reply = {"ocr_quality_analysis": "true", "ocr_too_dark": _flag(dark),
             "ocr_folded_corner": _flag(folded), "ocr_skewed": _flag(skew),
             "ocr_car_confidence": str(confidence), "ocr_micr_mismatch": "false"}
    if amount:
        reply["ocr_car_amount"] = amount
    else:
        reply["ocr_amount_error"] = "The amount could not be read"
    return reply


def image_refusal(fields: dict[str, str]) -> str:
    """Why an eCheck's images cannot be taken ("" when they can, or none were sent): the
    file must open as the format it says, with as many pages as NumPages says."""
    data = fields.get("check_image_data", "")
    if not data:
        return ""
    try:
        image = Image.open(io.BytesIO(base64.b64decode(data, validate=True)))
    except (binascii.Error, UnidentifiedImageError, OSError, ValueError):
        return "ImageData is not a TIFF or JPEG image"
    if (image.format or "") != fields.get("check_image_format", "").upper():
        return "ImageFormat does not match ImageData"
    if str(getattr(image, "n_frames", 1)) != fields.get("check_image_pages", "1"):
        return "NumPages does not match ImageData"
    return ""


def _flag(on: bool) -> str:
    return "true" if on else "false"


def _mean(image: Image.Image) -> float:
    return float(ImageStat.Stat(image).mean[0])


def _dark_corner(small: Image.Image) -> bool:
    w, h, n = small.width, small.height, 14
    boxes = [(0, 0, n, n), (w - n, 0, w, n), (0, h - n, n, h), (w - n, h - n, w, h)]
    return any(_mean(small.crop(box)) < CORNER_DARK_MEAN for box in boxes)


def _skew(small: Image.Image) -> int:
    """Degrees: rows of text give the sharpest row profile when the image is level."""
    inverted = small.point(lambda v: 255 - v)

    def sharpness(angle: int) -> float:
        turned = inverted.rotate(angle, resample=Image.Resampling.BILINEAR)
        profile = turned.resize((1, turned.height), Image.Resampling.BOX)  # row means
        rows = list(profile.tobytes())[10:-10]
        mean = sum(rows) / len(rows)
        return sum((r - mean) ** 2 for r in rows)

    return -max(range(-6, 7), key=sharpness)


@functools.cache
def _templates() -> dict[str, tuple[tuple[int, int], bytes]]:
    out = {}
    for ch in render.GLYPHS:
        canvas = Image.new("L", (60, 60), 255)
        ImageDraw.Draw(canvas).text((5, 5), ch, font=render.font(), fill=0)
        glyph = _ink(canvas)
        if glyph is not None:
            out[ch] = (glyph.size, glyph.tobytes())
    return out


def _ink(image: Image.Image) -> Image.Image | None:
    bw = image.point(lambda v: 0 if v < BLACK else 255, mode="L")
    box = bw.point(lambda v: 255 - v).getbbox()
    return bw.crop(box) if box else None


def _car(grey: Image.Image) -> tuple[str, int]:
    x0, y0, x1, y1 = render.AMOUNT_BOX
    field = grey.crop((x0 + 5, y0 + 5, x1 - 5, y1 - 5))
    text, worst = "", 0.0
    for glyph in _glyphs(field):
        ch, miss = _best(glyph)
        if miss > MATCH_LIMIT:
            return "", int(100 * (1 - miss))
        text, worst = text + ch, max(worst, miss)
    amount = text.removeprefix("$")
    if not text.startswith("$") or not amount.replace(".", "", 1).isdigit():
        return "", 0
    return amount, int(100 * (1 - worst))


def _glyphs(field: Image.Image) -> list[Image.Image]:
    """Glyphs split at blank columns."""
    bw = field.point(lambda v: 1 if v < BLACK else 0)
    w, h = bw.size
    columns = [any(bw.getpixel((x, y)) for y in range(h)) for x in range(w)]
    glyphs, start = [], None
    for x, inked in enumerate([*columns, False]):
        if inked and start is None:
            start = x
        elif not inked and start is not None:
            glyph = _ink(field.crop((start, 0, x, h)))
            if glyph is not None:
                glyphs.append(glyph)
            start = None
    return glyphs


def _best(glyph: Image.Image) -> tuple[str, float]:
    best, best_miss = "", 1.0
    for ch, (size, data) in _templates().items():
        if abs(size[0] - glyph.width) > 4 or abs(size[1] - glyph.height) > 4:
            continue
        sample = glyph.resize(size).tobytes()
        differing = sum(1 for a, b in zip(sample, data, strict=True)
                        if (a < BLACK) != (b < BLACK))
        miss = differing / len(data)
        if miss < best_miss:
            best, best_miss = ch, miss
    return best, best_miss
