"""A Babel extractor for the taxonomy files: every label and description, with its code.

Used for the `taxonomy` domain (`locales/taxonomy.cfg`; registered as the `taxonomy` extractor
in pyproject.toml for other tools). It reads `themes.yaml`, `lifecycle.yaml` and `regions.yaml`
as YAML nodes, not plain data, so that each message keeps the line it was written on.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any

import yaml

# What each list in the taxonomy files holds, as the translators' comment names it.
KINDS: Mapping[str, str] = {
    "themes": "theme",
    "subthemes": "sub-theme",
    "phases": "lifecycle phase",
    "regions": "region",
}
WORDED_FIELDS: tuple[str, ...] = ("label", "description")

# (line, function name, message, comments), as Babel's extractors yield them.
Extracted = tuple[int, str | None, str, list[str]]


def _scalars(node: yaml.MappingNode) -> dict[str, yaml.ScalarNode]:
    return {
        key.value: value
        for key, value in node.value
        if isinstance(key, yaml.ScalarNode) and isinstance(value, yaml.ScalarNode)
    }


def _walk(node: yaml.Node, kind: str | None) -> Iterator[Extracted]:
    if isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _walk(item, kind)
        return
    if not isinstance(node, yaml.MappingNode):
        return
    scalars = _scalars(node)
    code = scalars.get("code")
    if code is not None and kind is not None:
        for name in WORDED_FIELDS:
            text = scalars.get(name)
            if text is not None and text.value:
                comment = f"{kind} {code.value}: {name}"
                yield text.start_mark.line + 1, None, text.value, [comment]
    for key, value in node.value:
        if isinstance(key, yaml.ScalarNode) and key.value in KINDS:
            yield from _walk(value, KINDS[key.value])


def extract_taxonomy(
    fileobj: IO[bytes],
    keywords: Collection[str],
    comment_tags: Collection[str],
    options: Mapping[str, Any],
) -> Iterator[Extracted]:
    """Yield each `label` and `description` of a taxonomy file, commented with its code."""
    del keywords, comment_tags  # YAML has no gettext calls and no translator comments
    text = fileobj.read().decode(str(options.get("encoding", "utf-8")))
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if root is not None:
        yield from _walk(root, None)
