"""What a reader takes as copy in files whose copy sits among code.

Markdown, HTML and plain text are copy through and through; JSX, TypeScript,
JavaScript and JSON files hold copy in a few places only: text between
elements, some props, the values of some keys; so does front matter. Which
props and keys count is configurable (``copy-props``, ``copy-keys``); these
are the defaults, the names real sites use for what a visitor reads.
"""

from __future__ import annotations

from linter.common.plaindata import PlainData


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: JSX props whose string values are copy (compared case-insensitively).
COPY_PROPS = _words(
    """title description text question answer label alt heading subheading subtitle
    headline caption quote summary excerpt review testimonial
    desc intro lead tagline blurb subtext"""
)
#: Object keys whose string values are copy, in JS/TS data and non-message JSON.
COPY_KEYS = _words(
    """question answer quote name title description text body content summary heading
    subheading subtitle headline excerpt caption review testimonial
    desc copy intro lead tagline blurb subtext details paragraph paragraphs
    bullets benefits highlights keyPoints price"""
)
#: Front-matter values that are copy: a plain name is a top-level key, a path
#: reaches into nested values (``[]`` is every item of a list). These are the
#: keys Jekyll, Hugo, Eleventy, Gatsby, Astro and the CMSs that feed them use
#: for text a page renders: its title and description, a lead, FAQ pairs,
#: bullet lists, hero, SEO and call-to-action blocks, and a page's selling points
#: ("usp", "whyChoose", "overview", "pitch", a practitioner's "bio").
FRONT_MATTER_KEYS = _words(
    """title description summary excerpt subtitle lead tagline intro
    faq[].question faq[].answer faqs[].question faqs[].answer
    faq[].q faq[].a faqs[].q faqs[].a
    faq[].answer[] faq[].answer[].text faqs[].answer[] faqs[].answer[].text
    keyPoints[] key_points[] highlights[] benefits[]
    testimonials[].quote testimonials[].text
    hero.title hero.subtitle hero.text seo.title seo.description
    cta.title cta.description cta.text
    **.*title **.*text **.*description **.*quote **.*answer **.*question **.*summary
    **.*excerpt **.*caption **.*headline **.*heading **.*tagline **.*intro **.*blurb
    **.*body **.*review **.*testimonial **.*price
    **.usp **.why **.whyChoose **.whyChooseUs **.why_choose **.why_choose_us **.whyUs **.why_us
    **.overview **.pitch **.bio **.content"""
)
#: Props and keys that head what follows them: each object or component carrying
#: one starts a section, so section and heading scopes work on FAQ items and cards.
HEADING_NAMES = _words("title heading headline question name")


class ReadOptions(PlainData):
    """The reading choices for one file (from its configuration)."""

    __slots__ = ("copy_props", "copy_keys", "messages", "front_matter_keys")

    def __init__(
        self,
        copy_props: frozenset[str] = COPY_PROPS,
        copy_keys: frozenset[str] = COPY_KEYS,
        messages: bool = False,  # a message file: every string value is copy
        front_matter_keys: frozenset[str] = FRONT_MATTER_KEYS,
    ) -> None:
        self.copy_props = copy_props
        self.copy_keys = copy_keys
        self.messages = messages
        self.front_matter_keys = front_matter_keys


DEFAULT_OPTIONS = ReadOptions()
