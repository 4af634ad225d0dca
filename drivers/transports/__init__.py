"""Transports: one async byte-stream interface over serial and HID (simulators use the same ones).

``open_transport(address)`` is the only entry point drivers use; each address scheme is a
module here. See ``drivers/transports/address.py`` for the address forms.
"""
