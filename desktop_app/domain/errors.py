"""The root of the error hierarchy: every error carries a message staff can act on."""


class FrontDeskError(Exception):
    """Base class. ``str(error)`` is the message for the person at the desk."""


class ValidationError(FrontDeskError, ValueError):
    """Input that cannot be sent: a bad amount, an expired card, a missing field."""
