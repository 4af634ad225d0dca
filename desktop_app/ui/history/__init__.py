"""History: the journal as staff search it, with void, simple refund, receipts and totals."""
