"""The demo's cards: public test numbers the sandbox knows. Never real card data."""

from desktop_app.domain import CardData, Tender

DEMO_PAN = "4111111111111111"


def demo_card_tender() -> Tender:
    return Tender.keyed(CardData(pan=DEMO_PAN, exp_month=12, exp_year=2030, cvv="123"))
