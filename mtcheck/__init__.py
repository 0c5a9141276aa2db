"""mtcheck: a quality checker for machine-translated text.

The public API lives in :mod:`mtcheck.api`; nothing is loaded at import time.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
