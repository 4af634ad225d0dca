"""The checkout: form → waiting for card / processing → result, and the hosted page."""
