"""Rule families, one module or sub-package each. The registry (:mod:`mtcheck.registry`)
lists them."""
