"""Image check scanners (remote deposit) and a simulated one that makes real images.

An image scanner is a ``CheckReader`` whose ``ScannedCheck`` carries front and back images
with the MICR line. The ones clinics use are driven through vendor SDKs, none of which runs
here: Digital Check and Panini through Silver Bullet's Ranger (a Windows COM control: a
driver would subscribe to its events, TransportReadyToFeedState → start feeding,
TransportNewItem → read the MICR text and images; method names not checked here, so it
needs pywin32 and is Windows-only and optional), or MagTek Excella STX, which answers HTTP
on its own address (its command set is in MagTek 99875340; a driver would be an httpx
client on the shared transport). See
drivers/README.md "Check images". ``SimulatedImageScanner`` stands in for either: the images
are real TIFF G4 / JPEG files drawn with Pillow from the check's MICR line and amount.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from drivers.capture import DeviceInfo, DeviceKind
from drivers.check.reader import CheckImage, CheckReader, ScannedCheck
from drivers.imaging import render
from drivers.imaging.render import Defect, ImageFormat
from drivers.micr.commands import DEFAULT_FORMAT
from drivers.parsers.micr import MicrLine, encode_micr, parse_micr


@dataclass(frozen=True)
class ImageScript:
    micr: MicrLine
    amount_cents: int = 6100
    fmt: ImageFormat = ImageFormat.TIFF_G4
    defect: Defect | None = None
    bad_scans: int = 1  # how many scans show the defect before a clean one


GOOD = MicrLine("021000021", "1234567890", "1001")
SCENARIOS = {
    "check_images": ImageScript(GOOD),
    "check_images_jpeg": ImageScript(GOOD, fmt=ImageFormat.JPEG),
    "check_image_dark": ImageScript(GOOD, defect=Defect.TOO_DARK),
    "check_image_skewed": ImageScript(GOOD, defect=Defect.SKEWED),
    "check_image_folded": ImageScript(GOOD, defect=Defect.FOLDED_CORNER),
}


class SimulatedImageScanner(CheckReader):
    def __init__(self, scenario: str, *, feed_s: float = 0.05) -> None:
        self.script = SCENARIOS[scenario]
        self.feed_s = feed_s
        self.scans = 0
        self.info = DeviceInfo(f"sim:{scenario}", DeviceKind.CHECK_SCANNER,
                               f"Simulated check image scanner ({scenario})")

    async def open(self) -> None:
        return None

    async def close(self) -> None:
        return None

    async def scan(self, timeout_s: float = 30.0) -> ScannedCheck:
        await asyncio.sleep(min(self.feed_s, timeout_s))  # the feeder takes the check
        script = self.script
        defect = script.defect if self.scans < script.bad_scans else None
        self.scans += 1
        line = encode_micr(script.micr, DEFAULT_FORMAT.symbols)
        front = render.encode(render.front(line, script.amount_cents, defect), script.fmt)
        back = render.encode(render.back(), script.fmt)
        media = script.fmt.media_type
        return ScannedCheck(parse_micr(line, DEFAULT_FORMAT.symbols),
                            CheckImage(front, media), CheckImage(back, media), raw_line=line)
