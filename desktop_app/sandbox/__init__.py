"""The embedded sandbox gateway: an InstaMed-Connect-style emulator on loopback.

NVP, SOAP 1.1/1.2 (+ WSDL), REST, the SSO hosted page and SSOService, webhooks, and fault
injection, all over one in-memory ledger. The default environment of a fresh install, the
gateway of the test suite and of staff training. Test cards: see ``rules`` and README.md.
"""

from desktop_app.sandbox.accounts import DEMO_ACCOUNT, Account
from desktop_app.sandbox.ledger import Ledger, LedgerEntry
from desktop_app.sandbox.server import SandboxServer
from desktop_app.sandbox.settings import SandboxSettings

__all__ = ["DEMO_ACCOUNT", "Account", "Ledger", "LedgerEntry", "SandboxServer",
           "SandboxSettings"]
