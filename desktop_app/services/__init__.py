"""Qt-free orchestration: payments, reconciliation, the app's runtime context."""
