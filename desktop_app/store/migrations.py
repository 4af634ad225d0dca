"""Numbered schema migrations. Append only: never edit a shipped step, add the next one.

What may be stored (PCI DSS 3.3/3.4): masked PAN (first six / last four), brand, expiry,
auth code, gateway IDs, EMV receipt tags. Never a full PAN, track data, CVV, PIN or a full
bank account number: there is no column for them.
"""

MIGRATIONS: list[list[str]] = [
    [
        """CREATE TABLE payments (
            id INTEGER PRIMARY KEY,
            reference TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL,
            state TEXT NOT NULL,
            amount_cents INTEGER,
            approved_cents INTEGER,
            currency TEXT NOT NULL DEFAULT 'USD',
            tender TEXT NOT NULL DEFAULT '',
            card_display TEXT NOT NULL DEFAULT '',
            card_brand TEXT NOT NULL DEFAULT '',
            last_four TEXT NOT NULL DEFAULT '',
            entry_mode TEXT NOT NULL DEFAULT '',
            patient_id TEXT NOT NULL DEFAULT '',
            original_transaction_id TEXT NOT NULL DEFAULT '',
            transaction_id TEXT NOT NULL DEFAULT '',
            response_code TEXT NOT NULL DEFAULT '',
            message TEXT NOT NULL DEFAULT '',
            auth_code TEXT NOT NULL DEFAULT '',
            protocol TEXT NOT NULL DEFAULT '',
            terminal_id TEXT NOT NULL DEFAULT '',
            receipt_json TEXT NOT NULL DEFAULT '{}',
            os_user TEXT NOT NULL,
            workstation TEXT NOT NULL,
            created_at TEXT NOT NULL,
            sent_at TEXT,
            updated_at TEXT NOT NULL
        )""",
        "CREATE INDEX payments_state ON payments(state)",
        "CREATE INDEX payments_txn ON payments(transaction_id)",
        "CREATE INDEX payments_original ON payments(original_transaction_id)",
        """CREATE TABLE audit (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            os_user TEXT NOT NULL,
            workstation TEXT NOT NULL,
            event TEXT NOT NULL,
            success INTEGER NOT NULL,
            reference TEXT NOT NULL DEFAULT '',
            detail TEXT NOT NULL DEFAULT ''
        )""",
        # PCI DSS 10.3.2: audit records are protected from modification.
        """CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
           BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END""",
        """CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
           BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END""",
    ],
    [
        # Hosted SSO payments are found again by their token, not our request reference.
        "ALTER TABLE payments ADD COLUMN sso_token TEXT NOT NULL DEFAULT ''",
        "CREATE INDEX payments_sso ON payments(sso_token)",
    ],
]
