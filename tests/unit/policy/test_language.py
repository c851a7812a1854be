"""The rule language: every construct parses, and errors point at the bad token."""

from __future__ import annotations

import pytest

from linter.common.errors import PolicyError
from linter.policy import load_policies
from linter.policy import model as m

LEXICONS = """
lexicons:
  claim: ["cure*", "repair*"]
  hedge: ["may", "some patients"]
  damage: ["damage", "myelin"]
"""


def policy_with(write_policy, check: str, extra: str = ""):
    text = (
        LEXICONS
        + f"""
rules:
  - id: r
    severity: error
    message: "{{{{ match }}}}"
    check: |
{chr(10).join("      " + line for line in check.splitlines())}
{extra}"""
    )
    return write_policy(text)


VALID_CHECKS = [
    ('"cure"', "forbid", "sentence"),
    ("/cures?/i", "forbid", "sentence"),
    ("@claim", "forbid", "sentence"),
    ("find @claim unless negated", "forbid", "sentence"),
    ("in paragraph: find @claim unless has @hedge", "forbid", "paragraph"),
    ("in block: find @claim", "forbid", "paragraph"),
    ("in section: find @claim where section has link", "forbid", "section"),
    ("in heading: find @claim", "forbid", "heading"),
    ("in field: find @claim", "forbid", "field"),
    ("find @claim unless quoted or sentence has @hedge", "forbid", "sentence"),
    ("find @claim unless not (negated and quoted)", "forbid", "sentence"),
    ("find @claim downgrade to warning if has @hedge", "forbid", "sentence"),
    ('find @claim | "heal" except "heal thyself"', "forbid", "sentence"),
    ("find @claim within 4 words before @damage", "forbid", "sentence"),
    ("find @claim within 4 words after @damage", "forbid", "sentence"),
    ("find @claim within 4 words of @damage", "forbid", "sentence"),
    (
        "find @claim unless next sentence has @hedge or previous sentence has @hedge",
        "forbid",
        "sentence",
    ),
    ("find @claim unless within 8 words has @hedge", "forbid", "sentence"),
    ('find @claim unless match has "cure"', "forbid", "sentence"),
    ('find @claim unless heading has "FAQ" or field has @hedge', "forbid", "sentence"),
    ("in document: when @claim require @hedge", "require", "document"),
    (
        "in document: when has @claim unless negated require within 3 sentences has @hedge",
        "require",
        "document",
    ),
    (
        "in section: when @claim where document has @damage require section has @hedge",
        "require",
        "section",
    ),
    ("find @claim # trailing comment", "forbid", "sentence"),
    (
        "find @claim unless question or reported or hypothetical or disclaimer or heading",
        "forbid",
        "sentence",
    ),
    ("find @claim where within 5 words has @damage or listed", "forbid", "sentence"),
]


@pytest.mark.parametrize(("check", "shape", "scope"), VALID_CHECKS)
def test_every_construct_parses(write_policy, check, shape, scope):
    rule = load_policies([policy_with(write_policy, check)]).rules[0]
    assert (rule.shape, rule.scope) == (shape, scope)


def test_a_pattern_in_a_condition_means_the_rule_scope_has_it(write_policy):
    rule = load_policies([policy_with(write_policy, "find @claim unless @hedge")]).rules[0]
    assert rule.unless == (m.Has(m.Scope("rule"), rule.unless[0].pattern),)


def test_alternatives_of_plain_patterns_become_one_expression(write_policy):
    rule = load_policies([policy_with(write_policy, 'find "a" or "b" | @claim')]).rules[0]
    assert isinstance(rule.pattern, m.Leaf)


MALFORMED = [
    ("find @claim unless", "ends too early"),
    ("find @claim unles negated", "unexpected"),
    ("find 'cure'", "double quotes"),
    ("find @nope", "unknown lexicon @nope"),
    ("find @claim within words of @damage", "unexpected"),
    ("find @claim within 3 sentences of @damage", "counts words"),
    ("find negated", "expected a pattern"),
    ("find @claim and @hedge", "expected a pattern"),
    ("in chapter: find @claim", "unexpected"),
    ("find /(unclosed/", "invalid regex"),
    ("find /a(?=b)/", "lookarounds"),
    ('find ""', "empty phrase"),
    ("find @claim downgrade to fatal if @hedge", "unexpected"),
    ("when @claim", "ends too early"),
    ("find @claim unless has negated", "`has` takes a pattern"),
    ("find (@claim", "ends too early"),
]


@pytest.mark.parametrize(("check", "needle"), MALFORMED)
def test_malformed_checks_are_policy_errors_with_a_position(write_policy, check, needle):
    path = policy_with(write_policy, check)
    with pytest.raises(PolicyError) as info:
        load_policies([path])
    err = info.value
    assert needle in err.message
    assert err.path == str(path)
    assert err.line >= 10  # inside the multi-line check, not at the rule
    rendered = err.render()
    assert rendered.startswith(f"{path}:{err.line}:{err.column}: error: ")
    assert rendered.splitlines()[-1].strip() == "^"


def test_error_points_at_the_bad_token_inside_a_multiline_check(write_policy):
    path = policy_with(write_policy, "find @claim\n  unless negated\n  or has @nope")
    with pytest.raises(PolicyError) as info:
        load_policies([path])
    err = info.value
    source_line, caret_line = err.render().splitlines()[1:]
    assert source_line.strip() == "or has @nope"
    assert source_line[caret_line.index("^") :].startswith("@nope")


def test_error_in_a_one_line_quoted_check_points_into_the_string(write_policy):
    path = write_policy(
        """
        rules:
          - id: r
            severity: error
            message: m
            check: '"cure" unless negatd'
        """
    )
    with pytest.raises(PolicyError) as info:
        load_policies([path])
    err = info.value
    assert (err.line, err.column) == (5, 27)  # the "n" of "negatd"


@pytest.mark.parametrize(
    ("yaml_text", "needle"),
    [
        (
            "rules:\n  - id: r\n    severity: fatal\n    message: m\n    check: '\"x\"'\n",
            "unknown severity",
        ),
        ("rules:\n  - id: r\n    severity: error\n    message: m\n", "missing 'check'"),
        (
            "rules:\n  - id: r\n    severity: error\n    message: m\n"
            "    check: '\"x\"'\n    colour: red\n",
            "unknown key",
        ),
        (
            "rules:\n  - {id: r, severity: error, message: m, check: '\"x\"'}\n"
            "  - {id: r, severity: error, message: m, check: '\"y\"'}\n",
            "duplicate rule id",
        ),
        (
            "rules:\n  - id: Bad_Id\n    severity: error\n    message: m\n    check: '\"x\"'\n",
            "rule id",
        ),
        ("rules: [\n", "invalid YAML"),
        ("- just\n- a list\n", "must be a mapping"),
        (
            "rules:\n  - id: r\n    severity: error\n    message: '{{ match'\n    check: '\"x\"'\n",
            "template",
        ),
        ("lexicons:\n  x: !!python/object:os.system ls\n", "tag"),
        ("lexicons:\n  x: !!python/object/apply:os.system [ls]\n", "tag"),
    ],
)
def test_policy_structure_errors(write_policy, yaml_text, needle):
    path = write_policy(yaml_text)
    with pytest.raises(PolicyError) as info:
        load_policies([path])
    assert needle in info.value.message
    assert info.value.line >= 1


def test_compiled_policies_are_cached_and_reloaded_without_yaml(write_policy):
    path = policy_with(write_policy, "find @claim unless negated downgrade to info if has @hedge")
    first = load_policies([path])
    second = load_policies([path])
    assert second.rules[0] == first.rules[0]
    assert second.regexes == first.regexes


def test_the_bundled_pack_comes_back_from_the_cache_as_compiled(monkeypatch):
    from linter.policy import loader

    compiled = load_policies(use_cache=False)
    load_policies()  # stores it
    monkeypatch.setattr(loader, "load_policy_files", lambda paths: pytest.fail("compiled again"))
    cached = load_policies()
    assert cached == compiled
    # examples are decoded when read (see linter.policy.cache.StoredExamples)
    assert tuple(cached.rules[0].examples) == compiled.rules[0].examples
    assert isinstance(cached.regexes, list)


def test_contexts_compile_to_their_kinds(write_policy):
    check = "find @claim unless question or reported or hypothetical or disclaimer or listed"
    rule = load_policies([policy_with(write_policy, check)]).rules[0]
    (veto,) = rule.unless
    assert [c.kind for c in veto.items] == [
        "question",
        "reported",
        "hypothetical",
        "disclaimer",
        "listed",
    ]


def policy_with_entry(write_policy, entry: str):
    """A one-rule policy whose lexicon holds ``entry`` alone."""
    return write_policy(
        f"""
lexicons:
  tag: ['{entry}']
rules:
  - id: r
    severity: error
    message: m
    check: find @tag
"""
    )


@pytest.mark.parametrize("entry", ["/^\\$\\d+$/im", "/cures?/x", "/cure/I"])
def test_a_lexicon_regex_with_a_flag_other_than_i_is_a_policy_error(write_policy, entry):
    """Read as a phrase it would match nothing, silently; the error names the flags."""
    with pytest.raises(PolicyError, match="unknown regex flags"):
        load_policies([policy_with_entry(write_policy, entry)])


@pytest.mark.parametrize("entry", ["/cures?/", "/cures?/i", "24/7 care", "/ml"])
def test_regexes_with_no_flag_or_i_and_phrases_with_slashes_still_load(write_policy, entry):
    assert load_policies([policy_with_entry(write_policy, entry)]).rules[0].id == "r"
