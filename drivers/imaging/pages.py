"""A scanned check's images in the one file the eCheck request carries (``ImageData``).

``NumPages`` beside ``ImageData`` (H-paywsdl) says the file may hold several pages: TIFF
does, so front and back go as one two-page TIFF G4, the usual remote-deposit form. A JPEG
holds one page: the front alone goes, and devices.json marks that choice unconfirmed.
"""

from __future__ import annotations

import io

from PIL import Image

from desktop_app.domain.check import CheckImages
from drivers.check.reader import ScannedCheck
from drivers.imaging.render import DPI


def for_gateway(scanned: ScannedCheck) -> CheckImages | None:
    front, back = scanned.front, scanned.back
    if front is None:
        return None
    if front.media_type == "image/jpeg" or back is None:
        fmt = "JPEG" if front.media_type == "image/jpeg" else "TIFF"
        return CheckImages(front.data, fmt, 1, scanned.raw_line)
    pages = [Image.open(io.BytesIO(side.data)).convert("1") for side in (front, back)]
    out = io.BytesIO()
    pages[0].save(out, "TIFF", compression="group4", dpi=(DPI, DPI), save_all=True,
                  append_images=pages[1:])
    return CheckImages(out.getvalue(), "TIFF", len(pages), scanned.raw_line)
