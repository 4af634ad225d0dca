import logging
from pathlib import Path

from desktop_app.gateway.redaction import redact_fields, redact_text
from desktop_app.logs import setup_logging
from desktop_app.paths import app_paths

PAN = "4111111111111111"


def test_pan_track_and_cvv_are_removed_from_text() -> None:
    text = (f"cardNumber={PAN}&cardVerificationNumber=123&cardTrack2=;{PAN}=30121010000?"
            f" raw {PAN} and %B{PAN}^DOE/JOHN^3012101000000?")
    out = redact_text(text)
    assert PAN not in out
    assert "=123" not in out
    assert "DOE/JOHN" not in out
    assert "411111******1111" in out


def test_numbers_that_are_not_card_numbers_are_left_alone() -> None:
    assert redact_text("transactionID=1234567890123") == "transactionID=1234567890123"


def test_fields_keep_masked_pan_and_drop_secrets() -> None:
    out = redact_fields({"cardNumber": PAN, "accountNumber": "123456789", "amount": "1.00"})
    assert out == {"cardNumber": "411111******1111", "accountNumber": "[REDACTED]",
                   "amount": "1.00"}


def test_log_file_never_holds_a_pan_even_from_third_party_loggers(app_home: Path) -> None:
    paths = app_paths().ensure()
    handler = setup_logging(paths)
    try:
        logging.getLogger("zeep.transports").warning("posting <cardNumber>%s</cardNumber>", PAN)
        try:
            raise ValueError(f"bad card {PAN}")
        except ValueError:
            logging.getLogger("x").exception("failed")
        handler.flush()
    finally:
        logging.getLogger().removeHandler(handler)
        handler.close()
    text = paths.log_file.read_text()
    assert "failed" in text and "posting" in text
    assert PAN not in text
