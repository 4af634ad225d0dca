"""Pure parsers for what devices send: no I/O, no clocks, property-tested.

Each raises a typed ``ParseError`` subclass (with a position, never the data) or returns a
result value; arbitrary input never escapes as ``IndexError`` or ``UnicodeDecodeError``.
"""
