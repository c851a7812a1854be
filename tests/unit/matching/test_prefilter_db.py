"""The Hyperscan prefilter finds present every expression RE2 would match.

It may only ever spare work: an expression it leaves out is never looked for,
so a miss would be a lost finding. It is compiled once a policy has come out
of the cache, kept beside it, and used by command-line runs.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import re2
from hypothesis import given, settings
from hypothesis import strategies as st

from linter.config.settings import Options
from linter.engine.triggers import triggers
from linter.matching.prefilter import SetPrefilter, prefilter
from linter.matching.text import DocumentText
from linter.policy import load_policies
from linter.run.runner import run
from tests.conftest import SEEDS

hs = pytest.importorskip("hyperscan", reason="Hyperscan has no wheel for this platform")

from linter.matching.prefilter.database import DatabasePrefilter, database_prefilter, eligible  # noqa: E402

UNANCHORED = re2._re2.RE2.Anchor.UNANCHORED


@pytest.fixture(autouse=True)
def _fresh_process_state() -> None:
    """As in a new process: no prefilter built yet."""
    prefilter.cache_clear()
    yield
    prefilter.cache_clear()


def pack_sources() -> tuple[str, ...]:
    return triggers(load_policies()).sources


def compiled_database(sources: tuple[str, ...]) -> DatabasePrefilter:
    """The database prefilter, as a run after a cache hit compiles it."""
    found = database_prefilter(sources, compile_missing=True)
    assert isinstance(found, DatabasePrefilter)
    return found


def present_by_re2(sources: tuple[str, ...], data: bytes) -> set[int]:
    """What each expression, scanned on its own by RE2, says occurs."""
    out = set()
    for i, source in enumerate(sources):
        regex = re2.compile(f"(?m){source}")._regexp
        if regex.Match(UNANCHORED, data, 0, len(data))[0][0] >= 0:
            out.add(i)
    return out


# --- which expressions it takes ---------------------------------------------


def test_every_trigger_expression_of_the_bundled_pack_is_eligible():
    assert all(eligible(s) for s in pack_sources())


@pytest.mark.parametrize(
    "source",
    [
        r"\bthérapie\b",  # non-ASCII: RE2 and Hyperscan fold case differently
        r"\p{Greek}+",
        r"\pL+ cure",
        r"caf\xE9",
        r"caf\x{e9}",
        r"a\Cb",
        r"(a)\1",
        r"(?U)cures?",
        r"\Acures",
        r"cures\z",
    ],
)
def test_expressions_whose_meaning_may_differ_stay_with_re2(source):
    assert not eligible(source)


@pytest.mark.parametrize("source", [r"\bcure[sd]?\b", r"(?i:\$\s?\d+)", r"^From\b", r"\x41\d{2}"])
def test_plain_ascii_expressions_are_eligible(source):
    assert eligible(source)


def test_ineligible_expressions_are_answered_by_an_re2_set_beside_the_database(tmp_path):
    sources = (r"(?i)\bcures?\b", r"(?i)\bthérapie\b", r"\Acures")
    prefilter = compiled_database(sources)
    assert prefilter.covered == {0, 1}  # \A anchors to the whole text: covered by neither
    assert prefilter.run("Une thérapie qui cures".encode()) == {0, 1}
    assert prefilter.run(b"nothing here") == set()


# --- it answers as RE2 does --------------------------------------------------


def test_on_the_seeds_it_finds_present_exactly_what_re2_finds():
    sources = pack_sources()
    prefilter = compiled_database(sources)
    for page in sorted(SEEDS.iterdir()):
        data = page.read_bytes()
        assert prefilter.run(data) == present_by_re2(sources, data), page.name


def test_the_kelvin_sign_and_the_long_s_which_re2_folds_into_k_and_s_are_not_missed():
    sources = (r"(?i)\brisk[\s\-]*free\b", r"(?i)\bsafe\b", r"\bcure\b")
    prefilter = compiled_database(sources)
    for text in ("ris\u212a-free", "\u017fafe", "RIS\u212a FREE"):
        data = text.encode()
        assert present_by_re2(sources, data) <= prefilter.run(data), text


WORDS = ["cure", "cures", "risk", "free", "safe", "FDA", "approved", "patients", "report", "$", "5"]
PIECES = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from([" ", "  ", "-", "\n", ", ", ".", "é", "ß", "\u212a", "\u017f", "İ", "’"]),
    st.text(st.characters(exclude_categories=("Cs",)), max_size=3),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(PIECES, max_size=30))
def test_on_any_text_it_misses_nothing_re2_matches(pieces):
    sources = (
        r"(?i:\bcures?\b)",
        r"(?i:\brisk[\s\-]*free\b)",
        r"(?i:\bapproved by (?:the )?FDA\b)",
        r"(?m:^\$\s?\d)",
        r"(?i:\bpatients(?: [\w-]+){0,6}? report\b)",
        r"\bsafe$",
        r"[^a-z]free",
        r"(?s:cure.risk)",
        r"cure.risk",
    )
    prefilter = _SHARED.get(sources) or _SHARED.setdefault(sources, compiled_database(sources))
    data = "".join(pieces).encode("utf-8")
    assert present_by_re2(sources, data) <= prefilter.run(data)


_SHARED: dict[tuple[str, ...], DatabasePrefilter] = {}  # compiled once for every example


# --- when it is compiled, kept and used --------------------------------------


def test_a_policy_compiled_in_this_run_gets_no_database(tmp_path):
    # the cache may not outlive this run
    assert database_prefilter((r"\bcures?\b",), compile_missing=False) is None
    assert not list(Path(os.environ["HEALTHLINT_CACHE_DIR"]).glob("*.hsdb"))


def test_after_a_cache_hit_it_is_compiled_stored_and_loaded_by_the_next_process():
    sources = (r"\bcures?\b", r"(?i)\bremission\b")
    compiled_database(sources)
    stored = list(Path(os.environ["HEALTHLINT_CACHE_DIR"]).glob("prefilter-*.hsdb"))
    assert len(stored) == 1
    # the next process, which compiled its policy afresh
    loaded = database_prefilter(sources, compile_missing=False)
    assert isinstance(loaded, DatabasePrefilter)
    assert loaded.run(b"In REMISSION, they say") == {1}


def test_with_caching_off_there_is_no_database(monkeypatch):
    monkeypatch.setenv("HEALTHLINT_CACHE_DIR", "")
    assert database_prefilter((r"\bcures?\b",), compile_missing=True) is None


@pytest.mark.parametrize("damage", ["blob", "header"])
def test_a_damaged_database_is_compiled_again_not_an_error(damage):
    sources = (r"\bcures?\b",)
    compiled_database(sources)
    (stored,) = Path(os.environ["HEALTHLINT_CACHE_DIR"]).glob("prefilter-*.hsdb")
    _, _, blob = stored.read_bytes().partition(b"\n")
    damaged = b"0\nnot a database" if damage == "blob" else b"7\n" + blob
    stored.write_bytes(damaged)
    # unusable, and nothing says the cache lasts
    assert database_prefilter(sources, compile_missing=False) is None
    assert compiled_database(sources).run(b"it cures") == {0}
    assert stored.read_bytes() != damaged


def test_without_hyperscan_the_re2_sets_do_the_job(monkeypatch):
    monkeypatch.setitem(__import__("sys").modules, "hyperscan", None)
    assert database_prefilter((r"\bcures?\b",), compile_missing=True) is None
    assert isinstance(prefilter((r"\bcures?\b",), "database"), SetPrefilter)


def test_documents_use_it_once_a_run_asks_for_it():
    sources = (r"\bcures?\b", r"\bremission\b")
    compiled_database(sources)
    text = DocumentText(["It cures.", "No remission"])
    assert isinstance(prefilter(sources), SetPrefilter)  # the library's default: RE2 sets
    assert isinstance(prefilter(sources, "stored-database"), DatabasePrefilter)
    assert text.prefilter(sources, "stored-database") == ({0, 1}, frozenset({0, 1}))


PAGES = 40


def test_a_site_lints_alike_with_the_database_and_without(tmp_path):
    seeds = sorted(SEEDS.glob("*.txt"))
    site = tmp_path / "site"
    site.mkdir()
    for i in range(PAGES):
        (site / f"page{i}.txt").write_bytes(seeds[i % len(seeds)].read_bytes())

    def findings() -> list:
        prefilter.cache_clear()
        return run([str(site)], Options(jobs=1)).findings

    without = findings()  # compiles the pack: no database yet
    assert type(prefilter(pack_sources(), "stored-database")) is SetPrefilter
    prefilter.cache_clear()
    with_database = findings()  # the policy comes out of the cache: compiled now
    assert isinstance(prefilter(pack_sources(), "database"), DatabasePrefilter)
    assert len(without) > PAGES  # every seed has findings
    assert with_database == without


def test_caseless_symbols_such_as_currency_signs_stay_eligible():
    assert eligible(r"[$£€]\s?\d+")
    assert eligible(r"(?i)\bprice in €\b")
    assert not eligible(r"(?i)\bprix en é\b")  # é has another case: RE2 keeps it


def test_the_database_finds_prices_in_any_currency_as_re2_does():
    sources = (r"[$£€]\s?\d+(?:[,.]\d{3})*", r"(?i)\bcures?\b")
    database = compiled_database(sources)
    for text in ("Packages from £2,500.", "Nur €900 pro Sitzung.", "Only $99!"):
        data = text.encode("utf-8")
        assert database.run(data) == present_by_re2(sources, data) == {0}


def test_the_extension_loaded_on_its_own_is_the_one_the_package_wraps():
    from linter.matching.prefilter.database import hyperscan_extension

    extension = hyperscan_extension()
    assert extension.Database is hs.Database
    assert extension.loadb is hs.loadb
    assert extension.__version__  # the library's version keys the stored database


def test_loaded_first_the_extension_spares_typing_and_the_package_still_imports_after_it():
    import subprocess
    import sys

    probe = (
        "import sys\n"
        "from linter.matching.prefilter.database import hyperscan_extension\n"
        "extension = hyperscan_extension()\n"
        "assert 'typing' not in sys.modules and 'hyperscan' not in sys.modules\n"
        "import hyperscan\n"
        "assert hyperscan.Database is extension.Database\n"
        "import importlib.util\n"
        "assert importlib.util.find_spec('hyperscan._hs_ext').origin == extension.__file__\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
