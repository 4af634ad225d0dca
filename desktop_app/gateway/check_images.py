"""``DoCheckOCRAnalysis``: the gateway's reading of a scanned check's front image.

Nothing moves money here: the analysis is asked before the eCheck, so a dark, skewed or
folded image is rescanned at the desk instead of being returned by the bank days later.
The operation exists only in the SOAP payment service (H-paywsdl); whatever protocol the
payments use, it goes over SOAP. Element names are soap.json's; the flag spelling ("true")
is not public, so any value other than a plain no counts as raised.
"""

from __future__ import annotations

import base64
import enum
from dataclasses import dataclass
from decimal import InvalidOperation

from desktop_app.domain import Money, ValidationError
from desktop_app.gateway.wire import Codec, WireReply, WireRequest

NO = frozenset({"", "false", "0", "no", "n"})


class ImageProblem(enum.Enum):
    TOO_DARK = "ocr_too_dark"
    SKEWED = "ocr_skewed"
    FOLDED_CORNER = "ocr_folded_corner"
    MISSING = "ocr_front_missing"
    UNREADABLE = "ocr_failure"


@dataclass(frozen=True)
class ImageAnalysis:
    problems: tuple[ImageProblem, ...]
    amount: Money | None  # the courtesy amount as read (CAR), None when not read
    confidence: int

    @property
    def usable(self) -> bool:
        return not self.problems


def request(front_image: bytes) -> WireRequest:
    return WireRequest("check_ocr", {"check_image": base64.b64encode(front_image).decode()})


def analysis(reply: WireReply) -> ImageAnalysis:
    values = reply.values
    problems = tuple(p for p in ImageProblem if values.get(p.value, "").lower() not in NO)
    amount = None
    try:
        if values.get("ocr_car_amount"):
            amount = Money.parse(values["ocr_car_amount"])
    except (InvalidOperation, ValueError, ValidationError):
        amount = None
    confidence = int(values["ocr_car_confidence"]) if values.get(
        "ocr_car_confidence", "").isdigit() else 0
    return ImageAnalysis(problems, amount, confidence)


async def analyse(codec: Codec, front_image: bytes) -> ImageAnalysis:
    return analysis(await codec.exchange(request(front_image)))
