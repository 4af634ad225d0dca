"""Numbered schema migrations. Append only: never edit a shipped step, add the next one.

What may be stored (PCI DSS 3.3/3.4): masked PAN (first six / last four), brand, expiry,
auth code, gateway IDs, EMV receipt tags. Never a full PAN, track data, CVV, PIN or a full
bank account number: there is no column for them.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class AddColumn:
    """ALTER TABLE ... ADD COLUMN, skipped when the column is there: SQLite has no IF NOT
    EXISTS for it, and a migration run again (a version row lost, another build's journal)
    must change nothing."""

    table: str
    column: str
    declaration: str

    def sql(self) -> str:
        return f"ALTER TABLE {self.table} ADD COLUMN {self.column} {self.declaration}"


# A statement is plain SQL both backends accept, one text per dialect, or an AddColumn.
Statement = str | dict[str, str] | AddColumn


def table(sql: str) -> dict[str, str]:
    """CREATE TABLE with ``{ID}``: SQLite's rowid alias, PostgreSQL's identity column."""
    return {"sqlite": sql.replace("{ID}", "INTEGER PRIMARY KEY"),
            "postgresql": sql.replace("{ID}", "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY")}


MIGRATIONS: list[list[Statement]] = [
    [
        table("""CREATE TABLE payments (
            id {ID},
            reference TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL,
            state TEXT NOT NULL,
            amount_cents BIGINT,
            approved_cents BIGINT,
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
        )"""),
        "CREATE INDEX payments_state ON payments(state)",
        "CREATE INDEX payments_txn ON payments(transaction_id)",
        "CREATE INDEX payments_original ON payments(original_transaction_id)",
        table("""CREATE TABLE audit (
            id {ID},
            at TEXT NOT NULL,
            os_user TEXT NOT NULL,
            workstation TEXT NOT NULL,
            event TEXT NOT NULL,
            success INTEGER NOT NULL,
            reference TEXT NOT NULL DEFAULT '',
            detail TEXT NOT NULL DEFAULT ''
        )"""),
        # PCI DSS 10.3.2: audit records are protected from modification.
        {"sqlite": """CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
            BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END""",
         "postgresql": """CREATE FUNCTION audit_append_only() RETURNS trigger AS $$
            BEGIN RAISE EXCEPTION 'audit trail is append-only'; END $$ LANGUAGE plpgsql"""},
        {"sqlite": """CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
            BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END""",
         "postgresql": """CREATE TRIGGER audit_no_change BEFORE UPDATE OR DELETE ON audit
            FOR EACH ROW EXECUTE FUNCTION audit_append_only()"""},
    ],
    [
        # Hosted SSO payments are found again by their token, not our request reference.
        "ALTER TABLE payments ADD COLUMN sso_token TEXT NOT NULL DEFAULT ''",
        "CREATE INDEX payments_sso ON payments(sso_token)",
    ],
    [
        # EMV receipt tags (AID, app label, TVR, TSI, entry mode, CVM): not secret, and a
        # reprinted card receipt must show them.
        "ALTER TABLE payments ADD COLUMN emv_json TEXT NOT NULL DEFAULT '{}'",
        # Cards saved on file: the gateway's token and what may be shown. Never a PAN.
        table("""CREATE TABLE saved_cards (
            id {ID},
            patient_id TEXT NOT NULL,
            token TEXT NOT NULL UNIQUE,
            brand TEXT NOT NULL DEFAULT '',
            last_four TEXT NOT NULL DEFAULT '',
            exp_month INTEGER,
            exp_year INTEGER,
            reference TEXT NOT NULL,
            os_user TEXT NOT NULL,
            workstation TEXT NOT NULL,
            created_at TEXT NOT NULL
        )"""),
        "CREATE INDEX saved_cards_patient ON saved_cards(patient_id)",
    ],
    [
        # When the exchange with the gateway ended (reply, timeout, cancel): the reconciler's
        # in-flight window counts from here, not from sent_at, so a reply that dripped for
        # minutes is not declared "nothing charged" the moment it ends.
        "ALTER TABLE payments ADD COLUMN ended_at TEXT",
        # The terminal an open payment holds (NULL once it is settled, or once a hosted page
        # has its token). Unique: the database itself refuses a second open payment on one
        # terminal, however many workstations race for it. NULLs never collide.
        "ALTER TABLE payments ADD COLUMN terminal_slot TEXT",
        "CREATE UNIQUE INDEX payments_terminal_slot ON payments(terminal_slot)",
    ],
    [
        # Payment plans (store/plans.py): written before DoPaymentPlanCreate leaves, like a
        # payment. The card is named by its saved-card token, never a PAN.
        table("""CREATE TABLE plans (
            id {ID},
            reference TEXT NOT NULL UNIQUE,
            state TEXT NOT NULL,
            patient_id TEXT NOT NULL,
            plan_id TEXT NOT NULL DEFAULT '',
            total_cents BIGINT NOT NULL,
            payment_cents BIGINT NOT NULL,
            last_cents BIGINT NOT NULL,
            payments INTEGER NOT NULL,
            frequency TEXT NOT NULL,
            start_date TEXT NOT NULL,
            card_token TEXT NOT NULL,
            card_display TEXT NOT NULL DEFAULT '',
            gateway_status TEXT NOT NULL DEFAULT '',
            next_date TEXT NOT NULL DEFAULT '',
            balance_cents BIGINT,
            message TEXT NOT NULL DEFAULT '',
            os_user TEXT NOT NULL,
            workstation TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )"""),
        "CREATE INDEX plans_patient ON plans(patient_id)",
        "CREATE INDEX plans_plan_id ON plans(plan_id)",
    ],
    [
        # Eligibility at check-in (issue 16): our 270 and the payer's 271 as sent and received.
        # They carry member IDs and names, so they live here and never in a log or a file.
        # IF NOT EXISTS: a journal another build already gave this table upgrades in place.
        table("""CREATE TABLE IF NOT EXISTS eligibility_checks (
            id {ID},
            reference TEXT NOT NULL UNIQUE,
            payer_id TEXT NOT NULL,
            service_type TEXT NOT NULL,
            coverage TEXT NOT NULL,
            copay_cents BIGINT,
            request_x12 TEXT NOT NULL,
            answer_x12 TEXT NOT NULL DEFAULT '',
            problem TEXT NOT NULL DEFAULT '',
            os_user TEXT NOT NULL,
            workstation TEXT NOT NULL,
            created_at TEXT NOT NULL
        )"""),
    ],
    [
        # Issue 11: an unknown payment's exchange is over, so it no longer holds its terminal
        # (services/payments.py require_terminal_clear refuses a repeat of it instead). Rows
        # an older build left unknown still hold theirs; with no look-up by reference they
        # could hold it for good. Idempotent: a second run finds nothing to change.
        "UPDATE payments SET terminal_slot=NULL"
        " WHERE state='unknown' AND terminal_slot IS NOT NULL",
    ],
    [
        # Issue 16, from History: a check is found again by the clinic's patient ID (History
        # rows carry it, not a member ID). '' for checks asked before this, and for those
        # asked with no patient ID. Both statements are harmless run twice.
        AddColumn("eligibility_checks", "patient_id", "TEXT NOT NULL DEFAULT ''"),
        "CREATE INDEX IF NOT EXISTS eligibility_patient ON eligibility_checks(patient_id, id)",
    ],
]
