"""Rule families, one module each. The registry (:mod:`mtcheck.registry`) lists them."""
