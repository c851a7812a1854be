"""A one-file run with the policy cached loads no compiler, no template engine.

Lark and PyYAML are only needed to compile a policy, Jinja2 only for a
template message or format, the worker pool only for many files, Click only
for help and the other commands, and dataclasses (with inspect) nowhere on
the linting path: a pre-commit hook or an editor linting one page must not
pay for them. Nor for ``typing`` (names for type checkers only),
``hashlib`` (which loads OpenSSL for a digest CPython computes itself) or,
with the report in text, ``json``. The run after the one that compiled the
pack compiles its prefilter database into the cache (once per policy); the
runs measured here come after it.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

HEAVY = (
    *("lark", "yaml", "jinja2", "multiprocessing", "pygls", "lsprotocol"),
    *("tree_sitter", "tree_sitter_javascript", "tree_sitter_typescript"),
    *("click", "dataclasses", "inspect", "traceback", "typing", "hashlib", "contextlib"),
)
# What only a run that starts worker processes needs (the pool's modules bring
# fnmatch; a one-file run needs it only for wildcard copy keys).
FOR_WORKERS = ("signal", "pickle", "fnmatch")

# Runs the real program in a fresh interpreter, then lists what it imported.
PROBE = """
import sys
from linter.app.entry import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
names = sorted({m.split(".")[0] for m in sys.modules})
print(repr(names), file=sys.stderr)
"""


def loaded(tmp_path: Path, *args: str) -> set[str]:
    env = {**os.environ, "HEALTHLINT_CACHE_DIR": str(tmp_path / "cache")}
    run = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    return set(ast.literal_eval(run.stderr.strip().splitlines()[-1]))


def test_one_file_with_the_policy_cached_imports_no_heavy_module(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("# Offer\n\nOur groundbreaking therapy cures MS.\n", encoding="utf-8")
    first = loaded(tmp_path, "check", str(page))  # compiles the pack into the cache
    assert {"lark", "yaml"} <= first  # the probe sees imports (and compiling needs these)
    loaded(tmp_path, "check", str(page))  # finds the pack cached: compiles its prefilter database
    again = loaded(tmp_path, "check", str(page))
    assert again.isdisjoint(HEAVY + FOR_WORKERS), sorted(again & {*HEAVY, *FOR_WORKERS})
    assert {"linter", "re2"} <= again
    assert "json" not in again  # the cached policy is read with marshal


def test_tree_sitter_loads_only_when_a_component_is_linted(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("# Offer\n\nOur therapy cures MS.\n", encoding="utf-8")
    component = tmp_path / "Offer.tsx"
    component.write_text("export const Offer = () => <p>Our therapy cures MS.</p>;\n", "utf-8")
    loaded(tmp_path, "check", str(page))
    assert "tree_sitter" not in loaded(tmp_path, "check", str(page))
    assert {"tree_sitter", "tree_sitter_typescript"} <= loaded(tmp_path, "check", str(component))


def test_json_output_and_a_config_free_folder_stay_lean(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("This therapy cures MS.\n", encoding="utf-8")
    loaded(tmp_path, "check", str(page))
    loaded(tmp_path, "check", str(page))
    again = loaded(tmp_path, "check", "--format", "json", str(page))
    assert again.isdisjoint(HEAVY + FOR_WORKERS), sorted(again & {*HEAVY, *FOR_WORKERS})


def test_a_site_on_two_cores_stays_lean(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    for i in range(40):
        (site / f"page{i}.md").write_text(f"# Page {i}\n\nOur therapy cures MS.\n", "utf-8")
    loaded(tmp_path, "check", str(site / "page0.md"))
    again = loaded(tmp_path, "check", "-j", "2", "--format", "sarif", str(site))
    assert again.isdisjoint(HEAVY), sorted(again & set(HEAVY))


def test_the_light_sha256_gives_hashlibs_digests():
    import hashlib

    from linter.common.digest import sha256

    for data in (b"", b"healthlint", bytes(range(256)) * 300):
        assert sha256(data).hexdigest() == hashlib.sha256(data).hexdigest()
    digest = sha256(b"in ")
    digest.update(b"parts")
    assert digest.digest() == hashlib.sha256(b"in parts").digest()
