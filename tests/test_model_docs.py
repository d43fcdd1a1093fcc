"""docs/model.md documents every label and relationship type of graph/model.py."""

from pathlib import Path

from graph.model import NODES, RELATIONSHIPS

DOC = Path(__file__).resolve().parent.parent / "docs" / "model.md"


def test_every_label_and_type_is_documented():
    text = DOC.read_text(encoding="utf-8")
    missing = [name for name in [*NODES, *RELATIONSHIPS] if f"### {name}\n" not in text]
    assert not missing, f"undocumented in docs/model.md: {missing}"


def test_every_documented_property_is_in_the_model():
    text = DOC.read_text(encoding="utf-8")
    for spec in NODES.values():
        for prop in spec.properties:
            assert f"`{prop}`" in text, f"{spec.label}.{prop} not in docs/model.md"
