"""The Citrix device bridge: readers on the thin client served to the app over mutual TLS.

``server.py`` runs on the thin client (``main.py bridge serve``) and owns the local readers
through the ordinary transports; ``drivers/transports/bridge.py`` is the app's end, and
``remote.py`` puts the production driver on top of it, so every driver works remotely
unchanged. Only the device's own bytes cross the link, never parsed card data.
"""
