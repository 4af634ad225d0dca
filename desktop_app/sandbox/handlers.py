"""The table from our kind key (gateway.json "kinds") to the function that handles it."""

from __future__ import annotations

from desktop_app.sandbox import charges, check_ocr, followups, plans, receipts
from desktop_app.sandbox.core import Handler

HANDLERS: dict[str, Handler] = {
    "sale": charges.sale,
    "authorization": charges.authorization,
    "refund": charges.refund,
    "save_on_file": charges.save_on_file,
    "charge_saved_card": charges.charge_saved_card,
    "echeck_sale": charges.echeck_sale,
    "capture": followups.capture,
    "simple_refund": followups.simple_refund,
    "void": followups.void,
    "view_receipt": receipts.view_receipt,
    "payment_plan": plans.create,
    "check_ocr": check_ocr.check_ocr,
}
