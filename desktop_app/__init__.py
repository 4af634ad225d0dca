"""Front Desk Pay: point-of-care payments for clinic front desks."""

__version__ = "0.1.0"
