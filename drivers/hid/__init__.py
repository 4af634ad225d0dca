"""HID card readers (swipe readers that report tracks as HID input reports)."""
