"""The rule table (mtcheck/data/rules.yaml, read by mtcheck.rules) and the families that
implement it agree, and reading it loads no check."""

from __future__ import annotations

import subprocess
import sys

import pytest

from mtcheck import registry, rules
from mtcheck.errors import PackError


def test_every_implemented_rule_is_in_the_table_and_every_entry_is_implemented():
    implemented = {info.id: fam.name for fam in registry.families() for info in fam.rules}
    in_table = {info.id: info.family for info in rules.table()}
    assert set(implemented) == set(in_table)
    # each rule is implemented by the family its table entry names
    assert implemented == in_table


def test_families_get_the_tables_own_entries():
    for fam in registry.families():
        for info in fam.rules:
            assert info is rules.rule(info.id)


def test_unknown_rule_id_is_a_key_error():
    with pytest.raises(KeyError):
        rules.rule("name.no-such-rule")


_NO_CHECKS = """
import sys
{body}
loaded = sorted(m for m in sys.modules if m == "mtcheck.checks" or m.startswith("mtcheck.checks."))
print("LOADED", loaded, file=sys.stderr)
sys.exit(1 if loaded else 0)
"""


@pytest.mark.parametrize("body", [
    "from mtcheck import rules; rules.table()",
    "from mtcheck import registry; registry.all_rules(include_removed=True); registry.rule('name.variant')",
    # the CLI's own commands, in-process so that sys.modules can be read afterwards
    "from mtcheck.cli import main\nsys.argv = ['mtcheck', 'rules', '--all']\ntry:\n    main()\nexcept SystemExit:\n    pass",
    "from mtcheck.cli import main\nsys.argv = ['mtcheck', 'explain', 'pronoun.institution']\ntry:\n    main()\nexcept SystemExit:\n    pass",
    "from mtcheck.rule_docs import markdown; from mtcheck import rules; [markdown(r) for r in rules.table()]",
])
def test_reading_the_rule_table_imports_no_check(body):
    done = subprocess.run([sys.executable, "-c", _NO_CHECKS.format(body=body)],
                          capture_output=True, text=True, timeout=120)
    assert "LOADED" in done.stderr, done.stderr  # the probe ran to its end
    assert done.returncode == 0, done.stderr


def test_a_malformed_table_names_the_file(monkeypatch):
    where = "/somewhere/rules.yaml"
    monkeypatch.setattr(rules, "load_yaml_resource",
                        lambda relative: (where, {"name": [{"id": "pronoun.institution"}]}))
    rules.table.cache_clear()
    try:
        with pytest.raises(PackError, match="id not in family 'name'") as caught:
            rules.table()
        assert where in str(caught.value)
    finally:
        rules.table.cache_clear()
