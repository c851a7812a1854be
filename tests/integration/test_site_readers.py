"""A Next.js-style site: copy in components, data, message files and MDX.

The fixture site (tests/fixtures/nextsite) plants each claim at a known line
and column, beside code strings, class names, a JSON-LD block and a
sentence split over elements that must not be linted as copy, and carries
its FDA-status disclosure in a shared footer.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from linter.common.errors import ConfigError
from linter.config.discovery import discover
from linter.config.files import load_config
from linter.config.ignore import GitIgnores
from linter.config.settings import Options, Resolver
from linter.documents import read_source
from linter.documents.model import line_starts
from linter.run.runner import run
from tests.conftest import ROOT

SITE = ROOT / "tests" / "fixtures" / "nextsite"

# (file, line, column, rule, match): every claim planted in the site, and nothing else.
PLANTED = [
    ("app/page.tsx", 25, 25, "cure-claim", "cures"),  # inside <strong>, mid-sentence
    ("app/page.tsx", 28, 23, "miracle", "miracle"),  # a copy prop: text="..."
    ("components/Faq.tsx", 4, 35, "miracle", "miracle"),  # an answer in the .map()ed array
    ("components/Faq.tsx", 9, 36, "cure-claim", "cure"),  # HTML inside a string
    ("content/blog/post.mdx", 2, 32, "miracle", "miracle"),  # front matter
    ("content/blog/post.mdx", 8, 20, "cure-claim", "cures"),  # through a JSX tag
    ("messages/en.json", 4, 22, "miracle", "miracle"),  # a message
    ("messages/en.json", 7, 28, "cure-claim", "cures"),
]


def _site(tmp_path: Path) -> Path:
    copy = tmp_path / "site"
    shutil.copytree(SITE, copy)
    return copy


def _found(report, root: Path) -> list[tuple[str, int, int, str, str]]:
    return [
        (str(Path(f.path).relative_to(root).as_posix()), f.line, f.column, f.rule, f.match)
        for f in report.findings
    ]


def _kinds_and_texts(name: str, source: str) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in read_source(name, source).blocks]


def _slice(path: Path, line: int, column: int, end_line: int, end_column: int) -> str:
    source = path.read_text(encoding="utf-8")
    starts = line_starts(source)
    return source[starts[line - 1] + column - 1 : starts[end_line - 1] + end_column - 1]


def test_each_planted_claim_is_reported_at_its_line_and_column_and_nothing_else():
    report = run([str(SITE)], Options())
    assert report.errors == []
    assert _found(report, SITE) == PLANTED
    for f in report.findings:  # the reported range slices the source to the match
        assert _slice(Path(f.path), f.line, f.column, f.end_line, f.end_column) == f.match


def test_code_class_names_json_ld_and_console_strings_are_not_copy():
    source = (SITE / "app/page.tsx").read_text(encoding="utf-8")
    texts = [b.text for b in read_source("app/page.tsx", source).blocks]
    assert texts == [
        "Stem Cell Therapy in Austin",
        "Regenerative care for knees and backs.",
        "Regenerative medicine, explained",
        "Our PRP cures knee pain in weeks.",  # one sentence across <strong> and {" "}
        "A miracle for your joints",
    ]
    kinds = [b.kind for b in read_source("app/page.tsx", source).blocks]
    assert kinds == ["title", "meta", "heading", "paragraph", "paragraph"]


def test_faq_items_are_sections_headed_by_their_questions():
    source = (SITE / "components/Faq.tsx").read_text(encoding="utf-8")
    blocks = read_source("components/Faq.tsx", source).blocks
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "Does stem cell therapy hurt?"),
        ("paragraph", "Most patients feel a miracle of relief."),
        ("heading", "How long does it last?"),
        ("paragraph", "Our injections cure stiffness for months."),
    ]


def test_the_shared_footer_discloses_for_every_page(tmp_path):
    site = _site(tmp_path)
    (site / ".healthlint.yaml").write_text("policies: [policy.yaml]\n", encoding="utf-8")
    without = _found(run([str(site)], Options()), site)
    missing = [f for f in without if f[3] == "fda-status"]
    assert missing == [
        ("app/page.tsx", 5, 11, "fda-status", "Stem Cell"),
        ("components/Faq.tsx", 3, 21, "fda-status", "stem cell"),
        ("content/blog/post.mdx", 10, 17, "fda-status", "Stem cell"),
    ]
    assert [f for f in without if f[3] != "fda-status"] == PLANTED


def test_shared_copy_names_a_missing_file_at_its_line(tmp_path):
    site = _site(tmp_path)
    (site / ".healthlint.yaml").write_text(
        "policies: [policy.yaml]\nshared-copy: [components/Fotter.tsx]\n", encoding="utf-8"
    )
    with pytest.raises(ConfigError) as caught:
        load_config(str(site / ".healthlint.yaml"))
    assert caught.value.line == 2
    assert "Fotter.tsx" in caught.value.message


def test_the_walk_reads_components_mdx_and_message_files_but_not_code_or_build_output(
    tmp_path,
):
    site = _site(tmp_path)
    (site / ".git").mkdir()  # the site's repository: its .gitignore applies
    for generated in ("dist/index.html", "build/page.md", "out/page.mdx", "generated/page.md"):
        (site / generated).parent.mkdir(parents=True, exist_ok=True)
        (site / generated).write_text("A miracle that cures.\n", encoding="utf-8")
    resolver = Resolver(Options())
    walked = sorted(
        Path(t.path).relative_to(site).as_posix() for t in discover([str(site)], resolver)
    )
    assert walked == [
        "app/page.tsx",
        "components/Faq.tsx",
        "components/Footer.tsx",
        "content/blog/post.mdx",
        "messages/en.json",
    ]  # not lib/data.ts, package.json, .next/, dist/, build/, out/, node_modules/,
    # nor generated/ (the site's .gitignore)


def test_include_brings_in_data_modules_with_their_copy_keys(tmp_path):
    site = _site(tmp_path)
    (site / ".healthlint.yaml").write_text(
        "policies: [policy.yaml]\nshared-copy: [components/Footer.tsx]\n"
        'include: ["lib/*.ts"]\ncopy-keys: ["...", "tagline"]\n',
        encoding="utf-8",
    )
    (site / "lib/data.ts").write_text(
        'export const services = [{ title: "Knees", tagline: "It cures arthritis.",'
        ' slug: "miracle-cure" }];\n',
        encoding="utf-8",
    )
    assert _found(run([str(site)], Options()), site) == [
        ("lib/data.ts", 1, 57, "cure-claim", "cures"),
    ]


def test_copy_keys_without_the_ellipsis_replace_the_defaults_and_overrides_apply_per_path(
    tmp_path,
):
    site = _site(tmp_path)
    (site / ".healthlint.yaml").write_text(
        "policies: [policy.yaml]\nshared-copy: [components/Footer.tsx]\n"
        "copy-keys: [question]\n"
        "overrides:\n  - paths: [app/]\n    copy-props: [alt]\n",
        encoding="utf-8",
    )
    found = _found(run([str(site)], Options()), site)
    assert ("components/Faq.tsx", 4, 35, "miracle", "miracle") not in found  # answer: not copy
    assert ("app/page.tsx", 28, 23, "miracle", "miracle") not in found  # text=: not copy here
    assert ("app/page.tsx", 25, 25, "cure-claim", "cures") in found


def test_an_unknown_key_suggests_the_right_one(tmp_path):
    config = tmp_path / ".healthlint.yaml"
    config.write_text("copy-prop: [title]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="did you mean 'copy-props'"):
        load_config(str(config))


def test_a_broken_component_is_one_error_line_and_is_linted_as_far_as_it_parses(tmp_path):
    site = _site(tmp_path)
    (site / "components/Broken.tsx").write_text(
        "export default function Broken() {\n"
        "  return (\n"
        "    <section>\n"
        "      <p>This miracle works</p>\n"
        "      <p>Unclosed {\n"
        "  );\n"
        "}\n",
        encoding="utf-8",
    )
    report = run([str(site)], Options())
    # where the parser gave up: the `);` closing what the unclosed `{` swallowed
    assert [(Path(e.path).name, e.line, e.column) for e in report.errors] == [("Broken.tsx", 6, 3)]
    assert "syntax error" in report.errors[0].message
    found = _found(report, site)
    assert ("components/Broken.tsx", 4, 15, "miracle", "miracle") in found
    assert [f for f in found if f[0] != "components/Broken.tsx"] == PLANTED


def test_gitignore_negation_and_folder_patterns(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("*.draft.md\n!keep.draft.md\nbuild-cache/\n", "utf-8")
    ignores = GitIgnores(str(tmp_path / "sub"))
    assert ignores.ignored(str(tmp_path / "sub/a.draft.md"), folder=False)
    assert not ignores.ignored(str(tmp_path / "sub/keep.draft.md"), folder=False)
    assert ignores.ignored(str(tmp_path / "sub/build-cache"), folder=True)
    assert not ignores.ignored(str(tmp_path / "sub/build-cache"), folder=False)


def test_a_bare_ampersand_in_jsx_text_is_text_not_a_syntax_error():
    source = 'export const H = () => <h2 className="a">Knees & Hips: a cure</h2>;\n'
    doc = read_source("H.tsx", source)
    assert [(b.kind, b.text) for b in doc.blocks] == [("heading", "Knees & Hips: a cure")]
    block = doc.blocks[0]
    assert source[block.source_offset(6) : block.source_end(7)] == "&"


def test_an_ampersand_that_starts_no_entity_in_a_jsx_attribute_is_no_syntax_error():
    source = (
        "export const P = () => (\n"
        '  <section>\n    <Image src="/Page&Contact page.jpeg" alt="Clinic" />\n'
        "    <p>Exosomes cure arthritis &amp; gout.</p>\n  </section>\n);\n"
    )
    doc = read_source("P.tsx", source)
    assert [b.text for b in doc.blocks] == ["Clinic", "Exosomes cure arthritis & gout."]
    block = doc.blocks[1]
    assert source[block.source_offset(0) : block.source_end(31)] == (
        "Exosomes cure arthritis &amp; gout."
    )


def test_a_list_of_customer_reviews_in_json_is_copy():
    source = (
        '[\n  {"author": "J.W.", "review": "After six visits my back pain was gone."},\n'
        '  {"author": "D.A.", "id": "r2", "testimonial": "Best clinic in town."}\n]\n'
    )
    doc = read_source("reviews.json", source)
    assert [b.text for b in doc.blocks] == [
        "After six visits my back pain was gone.",
        "Best clinic in town.",
    ]


def test_a_price_list_in_json_is_copy():
    """A pricing card's price is on the page: rules about prices must see it."""
    source = '{"plans": [{"name": "NAD+ drip", "price": "$659", "sku": "nad-1"}]}\n'
    doc = read_source("pricing.json", source)
    assert [b.text for b in doc.blocks] == ["NAD+ drip", "$659"]


def test_an_array_of_prose_the_component_renders_is_copy():
    source = (
        "const conditions = [\n"
        '  "Knee osteoarthritis",\n'
        '  "Chronic tendon injuries",\n'
        "] as const;\n"
        'const sizes = ["sm", "md"];\n'  # single words: code
        'const routes = ["/about", "/contact us"];\n'  # no words: code
        'const unused = ["A miracle for your joints"];\n'  # never rendered
        "const PARAGRAPHS = [\n"
        '  "PRP cures knee pain.",\n'
        "  <>Call <a href='tel:1'>us</a> today.</>,\n"
        "];\n"
        "export const Page = () => (\n"
        "  <section>\n"
        "    <ul>{conditions.map((c) => <li key={c}>{c}</li>)}</ul>\n"
        "    <Shell paragraphs={PARAGRAPHS} sizes={sizes} links={routes} />\n"
        "  </section>\n"
        ");\n"
    )
    doc = read_source("Page.tsx", source)
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("list_item", "Knee osteoarthritis"),
        ("list_item", "Chronic tendon injuries"),
        ("paragraph", "PRP cures knee pain."),  # passed on, and a sentence
        ("paragraph", "Call us today."),
    ]
    block = doc.blocks[2]
    assert source[block.source_offset(4) : block.source_end(9)] == "cures"


def test_an_array_passed_to_a_component_is_a_list_unless_it_holds_sentences():
    source = (
        'const CONDITIONS = ["Low libido", "Fibromyalgia"];\n'
        "export const Page = () => <Shell lists={[{ items: CONDITIONS }]} />;\n"
    )
    assert _kinds_and_texts("Page.tsx", source) == [
        ("list_item", "Low libido"),
        ("list_item", "Fibromyalgia"),
    ]
    data = (  # a data module: no JSX, whatever its strings hold
        'export const conditions = ["Knee osteoarthritis", "<br/> Hip pain"];\n'
        "export const all = conditions;\n"
    )
    assert read_source("data.ts", data).blocks == []


def test_a_rendered_array_is_found_however_it_is_declared_and_used():
    source = (
        "export const Page = () => <Cards items={cards} />;\n"  # used before it is declared
        'const cards = (["Knee osteoarthritis", "Hip bursitis"] satisfies string[]);\n'
        'const styles = ["flex items-center", "p-4 text-sm"];\n'  # class names, used
        "export const Box = () => <div className={styles.join(' ')} />;\n"
        "// the notes array is never rendered: notes\n"
        'const notes = ["Cure claims go here", "Not for the page"];\n'
        "const other = { notes: 1 }; other.notes;\n"  # a property of that name is no use
    )
    assert _kinds_and_texts("Page.tsx", source) == [
        ("list_item", "Knee osteoarthritis"),
        ("list_item", "Hip bursitis"),
    ]


def test_deeply_nested_arrays_stop_at_the_depth_limit():
    depth = 320  # past MAX_DEPTH: the reader stops, it does not overflow the stack
    source = "const a = " + '["x y z", () => {const a = ' * depth + "1" + "}]" * depth + ";\n"
    source += "export const P = () => <p>{a}</p>;\n"
    assert read_source("deep.tsx", source).blocks is not None


def test_the_short_names_sites_give_copy_are_read_by_default():
    source = (
        "const cards = [\n"
        '  { title: "Cord cells", desc: "Our cells regrow cartilage.", icon: "leaf" },\n'
        '  { heading: "Recovery", copy: "Most patients walk the same day.", href: "/rec" },\n'
        '  { name: "Perks", bullets: ["No downtime at all", "Same-day visits"] },\n'
        "];\n"
        "export const Page = () => (\n"
        '  <Hero intro="Patients tell us PRP changed their lives." variant="wide" />\n'
        ");\n"
    )
    texts = [b.text for b in read_source("Page.tsx", source).blocks]
    assert texts == [
        "Cord cells",
        "Our cells regrow cartilage.",
        "Recovery",
        "Most patients walk the same day.",
        "Perks",
        "No downtime at all",
        "Same-day visits",
        "Patients tell us PRP changed their lives.",
    ]


def test_an_array_of_prose_mapped_where_it_stands_is_copy():
    source = (
        "export const Badges = () => (\n"
        "  <div>\n"
        '    {["No Surgery", "FDA-Cleared Process"].map((tag) => (\n'
        "      <span key={tag}>{tag}</span>\n"
        "    ))}\n"
        '    {["sm", "md"].map((size) => <Dot size={size} />)}\n'  # options, not prose
        '    {["Knee pain", "Hip pain"].map((x) => x.length)}\n'  # mapped to data
        "  </div>\n"
        ");\n"
    )
    assert _kinds_and_texts("Badges.tsx", source) == [
        ("list_item", "No Surgery"),
        ("list_item", "FDA-Cleared Process"),
    ]


def test_a_mapped_literal_is_a_list_or_paragraphs_as_it_is_rendered():
    source = (
        "export const P = () => (\n"
        "  <div>\n"
        '    {["Our cells heal knees.", "Most patients walk the same day."]\n'
        "      .map((t) => <p>{t}</p>)}\n"
        '    {["Knee pain", "Hip pain", ""].filter(Boolean).map((t) => <li key={t}>{t}</li>)}\n'
        '    {["Knee Pain Relief", "Hip Pain Relief"].map((t, i) => (i < 1 ? t : "x"))}\n'
        '    {["Knee Pain Relief", "Hip Pain Relief"].map(renderTag)}\n'  # elements made elsewhere
        "  </div>\n"
        ");\n"
    )
    assert _kinds_and_texts("P.tsx", source) == [
        ("paragraph", "Our cells heal knees."),
        ("paragraph", "Most patients walk the same day."),
        ("list_item", "Knee pain"),
        ("list_item", "Hip pain"),
    ]
    data = 'export const slugs = ["Knee Pain Relief", "Hip"].map((t, i) => (i < 1 ? t : t));\n'
    assert read_source("data.ts", data).blocks == []


def test_a_jsx_link_off_the_site_marks_its_text_as_a_link_and_one_to_the_site_does_not():
    source = (
        "export const P = () => (\n  <section>\n"
        "    <p>Studies show PRP heals tendons "
        '(<a href="https://journal.example/1">Lee 2021</a>).</p>\n'
        '    <p>PRP heals tendons. <Link href="/prp">Learn more</Link> or '
        '<Link href={"https://trials.example"}>see the trial</Link>.</p>\n'
        "  </section>\n);\n"
    )
    doc = read_source("P.tsx", source)
    assert [[b.text[s:e] for s, e in b.links] for b in doc.blocks] == [
        ["Lee 2021"],
        ["see the trial"],
    ]
