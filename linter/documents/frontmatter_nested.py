"""Nested YAML front matter: lists and mappings whose strings may be copy.

A Jekyll ``faq:`` list of question/answer pairs or a ``keyPoints:`` list is
rendered as copy, but the hand-written front-matter reader only knows flat
values. When a page has such a value under a key a copy path leads into,
this module composes the front matter with PyYAML (imported only then, so a
plain page stays lean), finds the scalars at copy paths by their marks, and
decodes them with the same helpers as flat values.
"""

from __future__ import annotations

import yaml

from linter.documents.copykeys import CopyKeys, KeyPath, Runs, field_block
from linter.documents.model import Block
from linter.documents.yamlscalars import (
    DQ_TOKEN,
    SQ_TOKEN,
    block_scalar,
    fold_segments,
    split_lines,
    unquote,
)


def read_nested(
    source: str, span: tuple[int, int], wanted: set[str], keys: CopyKeys
) -> tuple[dict[str, object], list[tuple[int, Block]]] | None:
    """The values of the ``wanted`` top-level keys, and the field blocks of their copy.

    Blocks come with their source offset, so the caller can merge them in
    source order with the flat fields. None when the front matter is not
    YAML after all (the flat reader is more forgiving).
    """
    start, end = span
    try:
        root = yaml.compose(source[start:end], Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None
    if not isinstance(root, yaml.MappingNode):
        return None
    reader = _Reader(source, start, keys)
    values: dict[str, object] = {}
    for key, value in root.value:
        if isinstance(key, yaml.ScalarNode) and key.value in wanted:
            values[key.value] = reader.walk(value, (key.value,))
    return values, reader.blocks


class _Reader:
    """Walks composed nodes, turning scalars at copy paths into field blocks."""

    def __init__(self, source: str, offset: int, keys: CopyKeys) -> None:
        self.source = source
        self.offset = offset  # where the composed text starts in the source
        self.keys = keys
        self.blocks: list[tuple[int, Block]] = []
        self.seen: set[int] = set()  # nodes already walked: an alias never reads twice

    def walk(self, node: yaml.Node, path: KeyPath) -> object:
        if id(node) in self.seen:
            return None
        self.seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            out: dict[str, object] = {}
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    out[key.value] = self.walk(value, (*path, key.value))
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.walk(item, (*path, i)) for i, item in enumerate(node.value)]
        if isinstance(node, yaml.ScalarNode) and self.keys.wants(path):
            block = field_block(path, self.runs(node))
            if block is not None:
                self.blocks.append((self.offset + node.start_mark.index, block))
        return node.value

    def runs(self, node: yaml.ScalarNode) -> Runs:
        """The scalar's text with source offsets; its quotes are delimiters, not text."""
        source = self.source
        start = self.offset + node.start_mark.index
        end = self.offset + node.end_mark.index
        style = node.style
        if style in ('"', "'"):
            return unquote(source, start + 1, end - 1, DQ_TOKEN if style == '"' else SQ_TOKEN)
        lines = split_lines(source, start, end)
        if style in ("|", ">"):
            return block_scalar(source, lines[1:], literal=style == "|")
        segments = []
        for line in lines:
            text = line.text(source)
            lead = len(text) - len(text.lstrip(" \t"))
            segments.append((line.start + lead, line.start + len(text.rstrip(" \t"))))
        return fold_segments(source, [s for s in segments if s[1] > s[0]], " ")
