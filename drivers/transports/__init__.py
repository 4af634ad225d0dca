"""Transports: one async byte-stream interface over serial, TCP, HID, USB, simulators.

``open_transport(address)`` is the only entry point drivers use; each address scheme is a
module here. See ``drivers/transports/address.py`` for the address forms.
"""
