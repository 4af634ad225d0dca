"""Check images as a scanner produces them: 200 dpi front and back, TIFF G4 (bitonal) or JPEG
(greyscale), made with Pillow, with the MICR line and the amount drawn on the front.

The layout is a personal check's (ANSI X9.100-160 puts the MICR line in the bottom 5/8"
band); ``LAYOUT`` is shared with the sandbox's OCR so it reads the amount where we draw it,
as a real gateway's CAR engine finds the courtesy-amount box. Defects are what remote
deposit rejects: a dark image, a skewed feed, a folded corner. Test account numbers only.
"""

from __future__ import annotations

import enum
import io

from PIL import Image, ImageDraw, ImageFont

DPI = 200
SIZE = (1200, 540)  # 6.0" x 2.7" at 200 dpi
AMOUNT_BOX = (880, 170, 1160, 230)  # the courtesy amount, "$" then digits
MICR_BAND_TOP = 465
GLYPHS = "0123456789.$"
FONT_SIZE = 34


class ImageFormat(enum.Enum):
    TIFF_G4 = "TIFF"
    JPEG = "JPEG"

    @property
    def media_type(self) -> str:
        return "image/tiff" if self is ImageFormat.TIFF_G4 else "image/jpeg"


class Defect(enum.Enum):
    TOO_DARK = "too_dark"
    SKEWED = "skewed"
    FOLDED_CORNER = "folded_corner"


def font() -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=FONT_SIZE)


def amount_text(cents: int) -> str:
    return f"${cents // 100}.{cents % 100:02d}"  # no thousands comma: read as a period


def front(micr_line: str, amount_cents: int, defect: Defect | None = None) -> Image.Image:
    image = Image.new("L", SIZE, 255)
    draw = ImageDraw.Draw(image)
    small = ImageFont.load_default(size=22)
    draw.rectangle((4, 4, SIZE[0] - 5, SIZE[1] - 5), outline=0, width=3)
    draw.text((40, 30), "JANE DOE  ·  1 TEST STREET  ·  ANYTOWN", font=small, fill=0)
    draw.text((40, 185), "PAY TO THE ORDER OF  Front Desk Clinic", font=small, fill=0)
    draw.line((40, 330, 760, 330), fill=0, width=2)
    draw.rectangle(AMOUNT_BOX, outline=0, width=2)
    draw.text((AMOUNT_BOX[0] + 12, AMOUNT_BOX[1] + 10), amount_text(amount_cents), font=font(),
              fill=0)
    draw.text((60, MICR_BAND_TOP + 10), micr_line, font=font(), fill=0)
    return _with(image, defect)


def back() -> Image.Image:
    image = Image.new("L", SIZE, 255)
    draw = ImageDraw.Draw(image)
    draw.text((60, 60), "ENDORSE HERE", font=ImageFont.load_default(size=22), fill=0)
    draw.line((60, 120, 560, 120), fill=0, width=2)
    draw.text((60, 140), "For deposit only", font=font(), fill=0)
    return image


def _with(image: Image.Image, defect: Defect | None) -> Image.Image:
    if defect is Defect.TOO_DARK:
        return image.point(lambda v: v // 3)
    if defect is Defect.SKEWED:
        return image.rotate(4.0, resample=Image.Resampling.BICUBIC, fillcolor=255)
    if defect is Defect.FOLDED_CORNER:
        draw = ImageDraw.Draw(image)
        w = SIZE[0]
        draw.polygon([(w - 160, 0), (w, 0), (w, 160)], fill=0)  # the scanner's dark bed
    return image


def encode(image: Image.Image, fmt: ImageFormat) -> bytes:
    out = io.BytesIO()
    if fmt is ImageFormat.TIFF_G4:
        bitonal = image.convert("1", dither=Image.Dither.NONE)
        bitonal.save(out, "TIFF", compression="group4", dpi=(DPI, DPI))
    else:
        image.save(out, "JPEG", quality=75, dpi=(DPI, DPI))
    return out.getvalue()
