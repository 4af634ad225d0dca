"""The webhook store's own numbered migrations (its own file, its own schema_version).

Append only. Written per dialect with ``desktop_app.store.migrations.table`` so the same list
serves the PostgreSQL backend when a clinic shares one server.
"""

from __future__ import annotations

from desktop_app.store.migrations import Statement, table

MIGRATIONS: list[list[Statement]] = [
    [
        table("""CREATE TABLE webhook_messages (
            id {ID},
            message_key TEXT NOT NULL UNIQUE,
            event_id TEXT NOT NULL DEFAULT '',
            trigger TEXT NOT NULL DEFAULT '',
            trigger_known INTEGER NOT NULL,
            transaction_id TEXT NOT NULL DEFAULT '',
            amount TEXT NOT NULL DEFAULT '',
            transaction_date TEXT NOT NULL DEFAULT '',
            patient_ref TEXT NOT NULL DEFAULT '',
            account_ref TEXT NOT NULL DEFAULT '',
            format TEXT NOT NULL,
            fields_json TEXT NOT NULL,
            raw_body TEXT NOT NULL,
            source_ip TEXT NOT NULL DEFAULT '',
            received_at TEXT NOT NULL,
            duplicate_count INTEGER NOT NULL DEFAULT 0,
            last_duplicate_at TEXT
        )"""),
        "CREATE INDEX webhook_messages_txn ON webhook_messages (transaction_id)",
    ],
    [
        # Issue 11: the gateway's own fields. A message is matched to the journal by its
        # transaction (or the original it reverses), its SSO token or our reference; the
        # dedupe key is the transaction ID + a content hash (no public event id exists).
        "ALTER TABLE webhook_messages ADD COLUMN original_transaction_id TEXT NOT NULL"
        " DEFAULT ''",
        "ALTER TABLE webhook_messages ADD COLUMN sso_token TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE webhook_messages ADD COLUMN our_reference TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE webhook_messages ADD COLUMN payment_plan_id TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE webhook_messages ADD COLUMN status_code TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE webhook_messages ADD COLUMN transaction_action TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE webhook_messages ADD COLUMN raw_verbatim INTEGER NOT NULL DEFAULT 1",
        "CREATE INDEX webhook_messages_original ON webhook_messages (original_transaction_id)",
        "CREATE INDEX webhook_messages_sso ON webhook_messages (sso_token)",
        "CREATE INDEX webhook_messages_reference ON webhook_messages (our_reference)",
    ],
]
