"""The YAML loader every file the user gives is read with: safe, no aliases, no deep nesting, no
key given twice, and no YAML 1.1 base-60 numbers."""

from __future__ import annotations

import re
from typing import Any

import yaml

# Deeper than any unit, scenario or parameter file nests: past it a file is refused, not read
# into Python's recursion limit.
MAX_DEPTH = 40
# Values in a file once every alias (`*name`) is written out: a unit of 10 000 people is about
# 300 000. A few lines of aliases of aliases expand to billions, which anything that walks the
# data (the line map, the model's validation) would follow for minutes.
MAX_VALUES = 2_000_000


class StrictLoader(yaml.SafeLoader):
    """SafeLoader without YAML 1.1's base-60 numbers, so 07:30 stays a clock time, not 450;
    aliases counted as the values they stand for, and refused past MAX_VALUES; no nesting past
    MAX_DEPTH; no key given twice in one mapping (the second silently won)."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0
        self._values = 0
        self._sizes: dict[int, int] = {}

    def _size(self, node: yaml.Node) -> int:
        """The values under `node` with every alias written out."""
        known = self._sizes.get(id(node))
        if known is not None:
            return known
        size = 1
        if isinstance(node, yaml.SequenceNode):
            size += sum(self._size(item) for item in node.value)
        elif isinstance(node, yaml.MappingNode):
            size += sum(self._size(key) + self._size(value) for key, value in node.value)
        self._sizes[id(node)] = size
        return size

    def _refuse(self, problem: str) -> None:
        mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
        raise yaml.composer.ComposerError(None, None, problem, mark)

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            anchor = self.peek_event().anchor  # type: ignore[no-untyped-call]
            aliased = self.anchors.get(anchor)
            self._values += self._size(aliased) if aliased is not None else 1
            if self._values > MAX_VALUES:
                self._refuse(
                    f"its aliases (*name) stand for more than {MAX_VALUES:,} values".replace(
                        ",", " "
                    )
                )
            return super().compose_node(parent, index)
        self._values += 1
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                self._refuse(f"nested more than {MAX_DEPTH} levels deep")
            if self._values > MAX_VALUES:
                self._refuse(f"more than {MAX_VALUES:,} values".replace(",", " "))
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if isinstance(key, list | dict):
                continue  # unhashable: the safe constructor says so itself
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"the key «{key}» is given twice", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


StrictLoader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag not in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?(0|[1-9][0-9_]*)$"), list("-+0123456789")
)
StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?([0-9][0-9_]*)?\.[0-9]+([eE][-+]?[0-9]+)?$"),
    list("-+0123456789."),
)
