"""The fast HTML reader gives exactly the reference reader's blocks.

``read_html`` tokenises with one regular expression (``read_html_fast``);
``read_html_reference`` drives the standard library's ``HTMLParser``. For
every input the two must agree on every block: kind, level, name, text,
the pieces that map each character to its source offset, and link spans.
Where the fast reader meets markup it does not model it returns None and
``read_html`` uses the reference reader, so the tests check three things:
the public reader always equals the reference; the fast reader, whenever
it answers, equals the reference; and it does answer for ordinary markup
(else the speed would be lost without a failing test).
"""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linter.documents.html import parser_modelled, read_html, read_html_fast
from linter.documents.html_reference import read_html_reference
from tests.conftest import SHARED

pytestmark = pytest.mark.skipif(
    not parser_modelled(),
    reason="this Python's html.parser is not one the fast reader models; "
    "read_html uses the reference reader throughout",
)


def check(source: str, start: int = 0, end: int | None = None) -> bool:
    """Assert the readers agree on ``source[start:end]``; True if the fast reader answered."""
    reference = read_html_reference(source, start, end)
    assert read_html(source, start, end) == reference
    body = source[start:end]
    fast = read_html_fast(body, start)
    if fast is not None:
        assert fast == reference
    return fast is not None


# -- hand-written pages -------------------------------------------------------

# Ordinary markup: the fast reader must read it itself.
MODELLED = [
    "",
    "plain text, no markup",
    "<p>One</p><p>Two  words\n\tand\r\nmore</p>",
    "<P CLASS=intro>Upper-case tags</P><Li>item</LI>",
    "<h1>Title</h1><h3 id=x>Sub</h3><h7>not a heading</h7>",
    "<ul><li>one<li>two<ul><li>nested</li></ul></li></ul>",
    "<ol>\n  <li>a</li>\n  <li> b </li>\n</ol>",
    "<table><tr><th>Head</th><td>cell <b>bold</b></td></tr></table>",
    "<blockquote>Quoted <em>words</em></blockquote>",
    '<a href="/x">link</a> and <a name=top>anchor</a> <A HREF=y>upper</A>',
    '<p>Before <a href="/x">in the link</a> after</p>',
    '<p>x<a href="/x"> <span>deep</span> </a>y</p>',
    '<a class="c" href="/x" title="t">second attribute</a>',
    '<a title="href" data-href="x">not a link</a><a hreff=x>nor this</a>',
    '<img src="a.png" alt="A patient &amp; her dog"><img alt=\'single\'><img alt=bare>',
    '<img alt="">x<img alt>y<IMG ALT="Upper">',
    '<p>text <img alt="inside"> more</p>',
    '<meta name="description" content="Cures &quot;everything&quot;">',
    '<meta property="og:title" content=\'OG\'><meta name="twitter:description" content=x>',
    '<meta name="keywords" content="not copy"><meta name=Description content="Case">',
    '<meta content="first" name="og:description"><meta name="description">',
    "<title>Page &amp; title</title><head><title>x</title></head>",
    "<script>if (a < b && c) { x = '</p>'; }</script>after",
    "<SCRIPT type=text/javascript>var s = '<b>';</SCRIPT >after",
    "<style>p { color: red }</style><p>styled</p>",
    "<script>never closed <p>text</p>",
    "<script/>visible<style/>too",
    "<noscript><p>hidden</p></noscript><p>shown</p>",
    "<svg><text>no</text></svg><math>x</math><code>y</code><pre>z</pre>",
    "<template><p>t</p></template><textarea>a &amp; b</textarea>after",
    "<!-- a comment --><p>x<!-- in - - text -->y</p><!---->z",
    "<!-- spaced end -- >q<!-- two -- -->r",
    "<!DOCTYPE html><!doctype html><?xml version='1.0'?><!bogus>",
    "<p>a &amp; b &lt; c &gt; d &quot;e&quot; &#39;f&#39; &#x27;g&#X27;</p>",
    "<p>&nbsp;x&nbsp;&nbsp;y&copy;2024 &amp &ampx &unknown; &AMP;</p>",
    "<p>AT&T R&D &-x &;y &=z</p>",
    "<p>&#10;&#32;&#x20; numeric spaces &#0; &#1114112; &#xD800;</p>",
    "<p>1 < 2 and 3 <= 4, a <- b, << >></p>",
    "<p>a<br>b<br/>c<hr>d<wbr>e</p>",
    "<div>a<div>b</div>c</div>d",
    "<p>unclosed<p>second<div>third",
    "</p>stray</div> end tags</span>",
    "<span>x</div>y</span>z",
    "<b><i>x</b>y</i>z",
    "<p>a</p >b</P\t>c",
    "<div class=\"a\" id='b' data-x=1 hidden>x</div>",
    "<div title=\"a > b\">x</div><div title='<p>'>y</div>",
    '<input value="x" disabled/><input disabled />',
    '<a href="/x"/>self-closed link<div/>after',
    '<p data-a = "spaced" data-b= x>t</p>',
    '<div class=a"b>a quote inside a bare value</div>',
    "<custom-element>x</custom-element><x:y>z</x:y>",
    "<p>tab\tsep</p>\r\n<p>crlf\r\nline</p>\r<p>cr</p>",
    "<p>é naïve 😀 中文 “quoted”</p>",
    "<p>\xa0nbsp\xa0lead</p><p>\u2003em space</p>",
    "<a href=x>one</a><a href=y>two</a>",
    "<li><a href=/a>Section 1</a></li><li><a href=/b>Section 2</a></li>",
    "<p>line one<br>\n line two</p>",
    "<dl><dt>term</dt><dd>def</dd></dl><details><summary>s</summary>d</details>",
    "<p>a <!-- c --> b</p>",
    "<p>ends with &",
    "<p>ends with <",
    "trailing white space   ",
    "   \n\t  ",
]

# Markup the fast reader leaves to the reference reader.
NOT_MODELLED = [
    "<p>x<![CDATA[ y ]]>z</p>",
    "<p>a &#; b</p>",
    "<p>a &#xZ; b</p>",
    "<p>a &#12a b</p>",
    "<p>ends in an entity &amp",
    "<p>ends in a reference &#38",
    "<!-- never closed <p>x</p>",
    "<p>open tag at the end <a href='x'",
    '<div class="a"id="b">x</div>',
    "<div/class=a>x</div>",
    "</ div>x</div x>y",
    "</>x",
    "<p =x>y</p>",
    "<p a=>y</p>",
    "<? no end",
    "<!doctype no end",
    "<script>x</\u017fcript>y</script>z",
    # a run of "=" with nothing after it: the parser reads no value
    "<p>Hi<img alt==></p>",
    "<meta name=description content==>",
    # a tag left open with many "=" runs (a record cut short): answered at once
    "<p>Stem cells cure MS.</p><a" + " b==" * 60,
]


@pytest.mark.parametrize("source", MODELLED)
def test_ordinary_markup_is_read_alike_by_the_fast_reader(source):
    assert check(source)
    assert check(source.replace("\n", "\r\n"))


@pytest.mark.parametrize("source", NOT_MODELLED)
def test_markup_not_modelled_goes_to_the_reference_reader(source):
    assert not check(source)


def test_a_slice_of_a_larger_source_keeps_offsets_into_it():
    source = "<p>before</p>" + "".join(MODELLED) + "<p>after</p>"
    for start, end in [(0, None), (13, None), (13, len(source) - 12), (5, 40)]:
        check(source, start, end)


# -- pages of the shared corpus ----------------------------------------------

PAGES = sorted((SHARED / "corpus" / "clinic-sites" / "pages").glob("*.html"))


@pytest.mark.skipif(not PAGES, reason="no shared corpus")
def test_the_clinic_pages_are_read_alike():
    for path in PAGES:
        source = path.read_text(encoding="utf-8")
        assert check(source), path.name
        assert check(source.replace("\n", "\r\n")), path.name


# -- generated pages ----------------------------------------------------------

TAGS = [
    "p", "div", "span", "b", "a", "li", "ul", "ol", "h1", "h2", "h6", "td", "th", "tr",
    "table", "blockquote", "title", "head", "body", "br", "hr", "img", "meta", "script",
    "style", "noscript", "svg", "code", "pre", "textarea", "template", "em", "section",
    "nav", "footer", "label", "button", "wbr", "input", "x-widget",
]  # fmt: skip
TEXTS = [
    "Cures MS", "stem cell", "word", " ", "  ", "\n", "\r\n", "\t", "\xa0", "é", "😀",
    "a  b", " lead", "trail ", "&amp;", "&amp", "&nbsp;", "&#39;", "&#x2019;", "&copy",
    "&bogus;", "&", "& ", "&#", "<", "< ", "1<2", ">", "\"", "'", "=", "/", "AT&T",
    "&lt;p&gt;", "&#10;", "</", "<!", "<?",
]  # fmt: skip
ATTRIBUTES = [
    'href="/x"', "href=/x", "HREF='y'", "href", 'class="c"', "class=c", 'alt="Alt &amp; text"',
    "alt='alt'", "alt=bare", "alt", 'name="description"', "name=og:title",
    'property="og:description"', 'content="Meta copy"', "content='x &lt; y'", 'title="a>b"',
    'data-x = "1"', "data-y=a/b", "hidden", 'alt=""', "x=y/", 'title="&#39;q&#39;"',
]  # fmt: skip
SPACES = [" ", "  ", "\n", "\t", "\r\n", " \n "]


def _start_tag(rng: random.Random, tag: str) -> str:
    name = tag.upper() if rng.random() < 0.15 else tag
    attributes = "".join(
        rng.choice(SPACES) + rng.choice(ATTRIBUTES) for _ in range(rng.choice([0, 0, 1, 2, 3]))
    )
    close = rng.choice([">", ">", ">", " >", "/>", " />"])
    return f"<{name}{attributes}{close}"


def _fragment(rng: random.Random, depth: int) -> str:
    roll = rng.random()
    if roll < 0.35:
        return "".join(rng.choice(TEXTS) for _ in range(rng.randint(1, 4)))
    if roll < 0.45:
        return rng.choice(
            ["<!-- c -->", "<!---->", "<!-- a -- >", "<!DOCTYPE html>", "<?pi x?>", "<!x>"]
        )
    if roll < 0.5:
        return f"</{rng.choice(TAGS)}>"  # a stray or early end tag
    tag = rng.choice(TAGS)
    inner = "".join(_fragment(rng, depth + 1) for _ in range(rng.randint(0, 3 - min(depth, 3))))
    if tag in ("script", "style") and rng.random() < 0.7:
        inner = rng.choice(["var a = '<p>x</p>' && b < c;", "p{x:1}", "</scr", "<!-- x -->"])
    end = rng.choice([f"</{tag}>", f"</{tag.upper()}>", f"</{tag} >", ""])
    return _start_tag(rng, tag) + inner + end


def generated_page(seed: int) -> str:
    rng = random.Random(seed)
    return "".join(_fragment(rng, 0) for _ in range(rng.randint(1, 8)))


def test_seeded_generated_pages_are_read_alike():
    answered = sum(check(generated_page(seed)) for seed in range(3000))
    assert answered > 1500  # most generated markup is modelled


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    pieces=st.lists(
        st.sampled_from(
            TEXTS
            + [f"<{t}>" for t in TAGS]
            + [f"</{t}>" for t in TAGS]
            + [f"<{t} {a}>" for t in ("a", "img", "meta", "p") for a in ATTRIBUTES]
            + ["<!-- c -->", "<!--", "-->", "<!DOCTYPE html>", "<![CDATA[x]]>", "/>", "<a"]
        ),
        max_size=30,
    ),
    start=st.integers(0, 5),
)
def test_any_sequence_of_markup_pieces_is_read_alike(pieces, start):
    source = "<p>x</p>"[:start] + "".join(pieces)
    check(source, start)
