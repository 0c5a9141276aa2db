"""Subcommands beyond check/rules/explain, one module each; cli.py registers them."""
