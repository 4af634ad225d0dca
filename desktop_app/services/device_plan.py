"""Which devices the app binds, decided once for the Devices page and ``devices list``.

The settings name the addresses (``serial:COM3``, ``hid:…``, ``wedge:``, ``sim:<scenario>``
for a simulator). On the sandbox with nothing configured, a simulated PIN pad and check
scanner are bound, so ``make run`` works with no hardware; on staging and production an empty
list binds nothing (a live desk never takes a simulator by default).
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.gateway.config import Environment
from desktop_app.settings import Settings

SANDBOX_SIMULATORS = ("approved_chip", "check")


@dataclass(frozen=True)
class DevicePlan:
    addresses: tuple[str, ...]   # real device addresses, as configured
    simulators: tuple[str, ...]  # simulator scenarios (``sim:`` entries, prefix dropped)
    sandbox_default: bool        # nothing configured: the sandbox's own simulators

    @property
    def configured(self) -> list[str]:
        """The plan as the settings write it: addresses, then ``sim:`` entries."""
        return [*self.addresses, *(f"sim:{s}" for s in self.simulators)]


def device_plan(settings: Settings) -> DevicePlan:
    configured = list(settings.device_addresses)
    default = not configured and settings.environment is Environment.SANDBOX
    if default:
        configured = [f"sim:{s}" for s in SANDBOX_SIMULATORS]
    return DevicePlan(tuple(a for a in configured if not a.startswith("sim:")),
                      tuple(a.removeprefix("sim:") for a in configured if a.startswith("sim:")),
                      default)
