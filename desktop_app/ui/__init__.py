"""The Qt front-desk app (PySide6 + qasync): thin views over ``desktop_app.services``.

Nothing here speaks a gateway protocol or SQL; every payment goes through
``PaymentService`` and every long call through ``operation.Operation``.
"""
