"""The sandbox payment page's own words, in the app's two languages.

The page is the sandbox's (the real hosted page is InstaMed's, in whatever languages it has):
it speaks the language the browser asks for in its Accept-Language header, as any web page
may. The desk's web view sends the app's language there (ui/checkout/hosted.py), so a desk
working in Spanish gets a Spanish sandbox page. Whether InstaMed's page honours the header
is not public (docs/wire-contract.md §7).
"""

from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "sandbox_note": "Sandbox payment page: use test cards only.",
        "patient_label": "Patient",
        "not_given": "not given",
        "card_label": "Card number",
        "card_help": "13 to 19 digits, no spaces needed.",
        "month_label": "Expiry month (MM)",
        "year_label": "Expiry year (YYYY)",
        "cvv_label": "Security code (CVV)",
        "name_label": "Name on card",
        "cancel": "Cancel",
        "payment_heading": "Pay {amount}",
        "payment_button": "Pay {amount}",
        "save_on_file_heading": "Save a card for later payments",
        "save_on_file_button": "Save card",
        "check_card": "Please check the card details: {0}.",
        "declined": "Declined: {0}. Please try another card.",
    },
    "es": {
        "sandbox_note": "Página de pago del sandbox: use solo tarjetas de prueba.",
        "patient_label": "Paciente",
        "not_given": "no indicado",
        "card_label": "Número de tarjeta",
        "card_help": "De 13 a 19 dígitos, sin espacios.",
        "month_label": "Mes de vencimiento (MM)",
        "year_label": "Año de vencimiento (AAAA)",
        "cvv_label": "Código de seguridad (CVV)",
        "name_label": "Nombre en la tarjeta",
        "cancel": "Cancelar",
        "payment_heading": "Pagar {amount}",
        "payment_button": "Pagar {amount}",
        "save_on_file_heading": "Guardar una tarjeta para pagos futuros",
        "save_on_file_button": "Guardar tarjeta",
        "check_card": "Revise los datos de la tarjeta: {0}.",
        "declined": "Rechazada: {0}. Pruebe con otra tarjeta.",
    },
}


def page_language(accept_language: str) -> str:
    """The first language of an Accept-Language header that the page speaks; else English.
    (Quality values are taken in the order written, as browsers write them: highest first.)"""
    for part in accept_language.split(","):
        tag = part.split(";")[0].strip().lower()
        primary = tag.split("-")[0]
        if primary in WORDS:
            return primary
    return "en"


def words(language: str) -> dict[str, str]:
    return WORDS.get(language, WORDS["en"])
