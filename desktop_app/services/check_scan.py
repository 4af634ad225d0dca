"""A check at the desk: scan it, have the gateway look at its image, rescan a bad one.

No money moves here: this runs before the eCheck is built. An image scanner's front image
goes to the gateway's image analysis (``DoCheckOCRAnalysis``); one it flags (too dark,
skewed, a folded corner, unreadable) is scanned again, up to ``attempts`` times, because a
bad image is a check the bank returns days later. A MICR-only reader (Mini MICR) has no image
to analyse. A MICR line that cannot be trusted is ``MicrError`` (with what was read) for the
caller, which asks staff to correct or key it.
"""

from __future__ import annotations

from collections.abc import Callable

from desktop_app.domain import FrontDeskError, Tender
from desktop_app.gateway import GatewayClient
from desktop_app.gateway.check_images import ImageProblem
from drivers.check.reader import ScannedCheck
from drivers.manager import DeviceManager

Rescan = Callable[[tuple[ImageProblem, ...]], None]


class CheckImageRejected(FrontDeskError):
    """Every scan of the check gave an image the gateway could not use."""


async def scan_check(devices: DeviceManager, gateway: GatewayClient, *, device: str | None,
                     on_rescan: Rescan, attempts: int = 3) -> tuple[Tender, ScannedCheck]:
    problems: tuple[ImageProblem, ...] = ()
    for _ in range(attempts):
        if problems:
            on_rescan(problems)
        tender, scanned = await devices.scan_check(device=device)
        if scanned.front is None:
            return tender, scanned
        analysis = await gateway.analyse_check_image(scanned.front.data)
        if analysis.usable:
            return tender, scanned
        problems = analysis.problems
    raise CheckImageRejected("The check's image could not be used after several scans. Key "
                             "the routing and account numbers from the bottom of the check.")
