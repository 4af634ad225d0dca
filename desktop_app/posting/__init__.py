"""Posting: exchange files with the gateway's per-account directories over SFTP or FTPS.

``transfer`` holds the one upload/download procedure (temp name, resume, verify, rename);
``sftp`` and ``ftps`` are the two wire clients it drives; ``keys`` makes the RSA key pair the
gateway's public-key port expects; ``config`` names hosts, ports and keyring entries.
"""

from desktop_app.posting.errors import HostKeyChanged, HostKeyUnknown, PostingError

__all__ = ["HostKeyChanged", "HostKeyUnknown", "PostingError"]
