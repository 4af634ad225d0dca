"""Front Desk Pay entry point: ``python main.py --help``."""

import sys

if __name__ == "__main__":
    try:  # Ctrl+C during the first imports: one line, never a traceback
        from desktop_app.cli import main
        from desktop_app.paths import private_by_default
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        sys.exit(130)
    private_by_default()
    sys.exit(main())
