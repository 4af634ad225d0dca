"""Devices as staff name them: what it is, where it is plugged in, a simulator's scenario in
words. A port path or an address is for IT (the Devices page shows it in a tooltip); a
message at the desk says "PIN pad" or "check scanner", and two of a kind are told apart by
their model, serial number or where they are plugged in.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

_SCENARIOS = {
    "approved_chip": QT_TRANSLATE_NOOP("DeviceWords", "PIN pad: a chip card that is approved"),
    "swipe": QT_TRANSLATE_NOOP("DeviceWords", "PIN pad: a swiped card"),
    "contactless": QT_TRANSLATE_NOOP("DeviceWords", "PIN pad: a tapped (contactless) card"),
    "chip_failure_fallback": QT_TRANSLATE_NOOP(
        "DeviceWords", "PIN pad: the chip fails, then the card is swiped"),
    "card_removed_early": QT_TRANSLATE_NOOP("DeviceWords",
                                            "PIN pad: the card is pulled out too early"),
    "device_unplugged": QT_TRANSLATE_NOOP("DeviceWords",
                                          "PIN pad: unplugged during the payment"),
    "bad_read": QT_TRANSLATE_NOOP("DeviceWords", "PIN pad: the card cannot be read"),
    "timeout": QT_TRANSLATE_NOOP("DeviceWords", "PIN pad: no card is presented"),
    "check": QT_TRANSLATE_NOOP("DeviceWords", "Check scanner: a check that reads well"),
    "check_damaged_micr": QT_TRANSLATE_NOOP("DeviceWords",
                                            "Check scanner: a check with a damaged MICR line"),
    "check_bad_routing": QT_TRANSLATE_NOOP(
        "DeviceWords", "Check scanner: a routing number whose check digit does not match"),
    "chip_card_swiped": QT_TRANSLATE_NOOP(
        "DeviceWords", "PIN pad: a chip card is swiped, then inserted"),
    "check_micrsafe": QT_TRANSLATE_NOOP(
        "DeviceWords", "USB check reader (MICRSafe): a check that reads well"),
    "check_images": QT_TRANSLATE_NOOP(
        "DeviceWords", "Check image scanner: a check with clear TIFF images"),
    "check_images_jpeg": QT_TRANSLATE_NOOP(
        "DeviceWords", "Check image scanner: a check with clear JPEG images"),
    "check_image_dark": QT_TRANSLATE_NOOP(
        "DeviceWords", "Check image scanner: too dark the first time"),
    "check_image_skewed": QT_TRANSLATE_NOOP(
        "DeviceWords", "Check image scanner: fed crooked the first time"),
    "check_image_folded": QT_TRANSLATE_NOOP(
        "DeviceWords", "Check image scanner: a folded corner the first time"),
    "hid_swipe": QT_TRANSLATE_NOOP("DeviceWords", "USB swipe reader: a swiped card"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("DeviceWords", text)


def scenario_words(name: str) -> str:
    source = _SCENARIOS.get(name)
    return _tr(str(source)) if source is not None else name.replace("_", " ")


def place_words(address: str) -> str:
    """Where a device is plugged in, in words: "USB", "serial port COM3", "network 10.0.0.5"."""
    scheme, _, rest = address.partition(":")
    if scheme == "serial" and rest.startswith("rfc2217://"):
        return QCoreApplication.translate(
            "DeviceWords", "network serial port {0}").format(rest[len("rfc2217://"):])
    if scheme == "serial":
        return QCoreApplication.translate(
            "DeviceWords", "serial port {0}").format(rest.rsplit("/", 1)[-1] or rest)
    if scheme == "tcp":
        return QCoreApplication.translate(
            "DeviceWords", "network {0}").format(rest.rsplit(":", 1)[0])
    if scheme in ("hid", "usb"):
        return QCoreApplication.translate("DeviceWords", "USB {0}").format(rest).strip()
    words = {"wedge": QCoreApplication.translate("DeviceWords", "keyboard (wedge)"),
             "bridge": QCoreApplication.translate("DeviceWords", "thin client (bridge)"),
             "sim": QCoreApplication.translate("DeviceWords", "simulator")}
    return words.get(scheme, address)
