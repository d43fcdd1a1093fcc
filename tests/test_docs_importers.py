"""docs/importers.md documents every importer in importers.IMPORTERS (name, module, files)."""

from pathlib import Path

from importers import IMPORTERS

DOC = Path(__file__).resolve().parent.parent / "docs" / "importers.md"


def _section(text: str, name: str) -> str:
    start = text.index(f"## {name}\n")
    end = text.find("\n## ", start + 1)
    return text[start: end if end != -1 else len(text)]


def test_every_importer_is_documented():
    text = DOC.read_text(encoding="utf-8")
    missing = [name for name in IMPORTERS if f"## {name}\n" not in text]
    assert not missing, f"importers not documented in docs/importers.md: {missing}"


def test_each_section_names_the_module_files_and_what_it_produces_and_reports():
    text = DOC.read_text(encoding="utf-8")
    for name, cls in IMPORTERS.items():
        section = _section(text, name)
        module = cls.__module__.replace(".", "/") + ".py"
        assert f"`{module}`" in section, f"{name}: module {module} not named"
        own_files = [rel for rel in cls.files if Path(rel).name in section or rel in section]
        assert own_files, f"{name}: none of its files is named"
        for word in ("Produces:", "Reports:"):
            assert word in section, f"{name}: no '{word}' line"


def test_no_documented_importer_is_missing_from_the_registry():
    text = DOC.read_text(encoding="utf-8")
    documented = [line[3:].strip() for line in text.splitlines() if line.startswith("## ")]
    assert set(documented) - {"Source nodes"} == set(IMPORTERS)
