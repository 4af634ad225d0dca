"""MagTek DynaFlex family (DynaFlex, DynaProx, DynaFlex II Go) over USB HID, speaking MMS."""
