"""The whole pipeline on the real bundled data: golden answers, idempotence, all-or-nothing.

Runs on every store (Neo4j when NEO4J_URI is set).  Bad input must raise one clear
InputError naming file, line, column and fix - and leave the previous graph intact.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graph.errors import InputError
from graph.load import load_graph, read_sources

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "raw"
PO_FILE = Path("duo-po-vestigingen") / "02.-alle-schoolvestigingen-basisonderwijs.csv"


@pytest.fixture(scope="module")
def national():
    """The bundled national data parsed once (no store involved)."""
    return read_sources(None)


@pytest.fixture
def loaded(store, national):
    """A store holding the national graph (written from the parsed tables)."""
    store.replace_graph(national.tables)
    return store


def _value(store, cypher, **params):
    return store.read(cypher, params).scalar()


def test_golden_counts_from_the_real_files(loaded):
    assert _value(loaded, "MATCH (s:School {sector: 'po'}) RETURN count(s)") == 6122
    assert _value(loaded, "MATCH (b:Board)-[:GOVERNS]->(s:School {sector: 'po'}) "
                          "RETURN count(DISTINCT b)") == 749
    assert _value(loaded, "MATCH (m:Municipality) RETURN count(m)") == 342
    assert _value(loaded, "MATCH (r:Region {scheme: 'arbeidsmarktregio'}) RETURN count(r)") == 35


def test_each_municipality_in_exactly_one_arbeidsmarktregio(loaded):
    rows = loaded.read(
        "MATCH (m:Municipality) OPTIONAL MATCH (m)-[:PART_OF]->(r:Region {scheme: 'arbeidsmarktregio'}) "
        "WITH m, count(r) AS n RETURN n, count(m) AS municipalities ORDER BY n").rows
    assert rows == [[1, 342]]


def test_every_po_location_in_exactly_one_municipality(loaded):
    rows = loaded.read(
        "MATCH (s:School {sector: 'po'}) OPTIONAL MATCH (s)-[:LOCATED_IN]->(m:Municipality) "
        "WITH s, count(m) AS n RETURN n, count(s) AS schools ORDER BY n").rows
    assert rows == [[1, 6122]]


def test_leading_zeros_are_kept(loaded):
    ids = [r[0] for r in loaded.read("MATCH (b:Board) WHERE b.id STARTS WITH '0' "
                                     "RETURN b.id LIMIT 5").rows]
    assert ids and all(len(i) == 5 for i in ids)
    assert _value(loaded, "MATCH (m:Municipality {id: 'GM0014'}) RETURN m.name") == "Groningen"


def test_every_node_and_relationship_has_its_source(loaded):
    assert _value(loaded, "MATCH (n) WHERE n.source IS NULL OR n.source_date IS NULL "
                          "RETURN count(n)") == 0
    assert _value(loaded, "MATCH ()-[r]->() WHERE r.source IS NULL OR r.source_date IS NULL "
                          "RETURN count(r)") == 0


def test_reimport_gives_the_same_graph(store, national):
    load_graph(store, metrics=False)
    first = store.export_networkx()
    load_graph(store, metrics=False)
    second = store.export_networkx()
    node_rows, rel_rows = national.tables.counts()
    assert first.number_of_nodes() == second.number_of_nodes() == sum(node_rows.values())
    assert first.number_of_edges() == second.number_of_edges() == sum(rel_rows.values())
    assert dict(first.nodes(data=True)) == dict(second.nodes(data=True))
    assert sorted(first.edges(keys=True)) == sorted(second.edges(keys=True))


# -- bad input: one clear message, previous graph intact ---------------------------------
def _copy_data(tmp_path: Path) -> Path:
    target = tmp_path / "raw"
    shutil.copytree(DATA, target)
    return target


def _po_lines(data: Path) -> list[str]:
    return (data / PO_FILE).read_bytes().decode("cp1252").split("\r\n")


def _write_po(data: Path, lines: list[str], encoding: str = "cp1252") -> None:
    (data / PO_FILE).write_bytes("\r\n".join(lines).encode(encoding))


def _wrong_delimiter(data):
    _write_po(data, [line.replace(";", ",") for line in _po_lines(data)])


def _wrong_encoding(data):
    lines = _po_lines(data)
    lines[5] = lines[5].replace(lines[5].split(";")[4], "Basisschool De Zeeën")
    _write_po(data, lines, encoding="utf-8")


def _missing_column(data):
    lines = _po_lines(data)
    drop = lines[0].split(";").index("GEMEENTENUMMER")
    _write_po(data, [";".join(c for i, c in enumerate(line.split(";")) if i != drop)
                     if line else line for line in lines])


def _renamed_column(data):
    lines = _po_lines(data)
    lines[0] = lines[0].replace("VESTIGINGSCODE", "VESTIGINGS_CODE", 1)
    _write_po(data, lines)


def _duplicate_key(data):
    lines = _po_lines(data)
    lines.insert(11, lines[10])
    _write_po(data, lines)


def _unknown_municipality(data):
    lines = _po_lines(data)
    cells = lines[7].split(";")
    cells[lines[0].split(";").index("GEMEENTENUMMER")] = "9999"
    lines[7] = ";".join(cells)
    _write_po(data, lines)


def _empty_file(data):
    (data / PO_FILE).write_bytes(b"")


BAD_INPUT = {
    "wrong delimiter": (_wrong_delimiter, None, "separat"),
    "wrong encoding": (_wrong_encoding, 6, "cp1252"),
    "missing column": (_missing_column, 1, "GEMEENTENUMMER"),
    "renamed column": (_renamed_column, 1, "VESTIGINGSCODE"),
    "duplicate key": (_duplicate_key, 12, "VESTIGINGSCODE"),
    "unknown municipality code": (_unknown_municipality, 8, "9999"),
    "empty file": (_empty_file, None, "empty"),
}


@pytest.mark.parametrize("case", list(BAD_INPUT))
def test_bad_input_is_refused_and_the_graph_stays(case, loaded, tmp_path):
    spoil, line, needle = BAD_INPUT[case]
    before = loaded.counts()
    data = _copy_data(tmp_path)
    spoil(data)
    with pytest.raises(InputError) as caught:
        load_graph(loaded, data_dir=data, metrics=False)
    error = caught.value
    assert error.file and error.file.endswith(PO_FILE.name), str(error)
    if line is not None:
        assert error.line == line, str(error)
    assert error.fix, str(error)
    assert needle.lower() in str(error).lower(), str(error)
    assert loaded.counts() == before
    assert _value(loaded, "MATCH (s:School {sector: 'po'}) RETURN count(s)") == 6122


def test_reimporting_one_source_keeps_the_rest(loaded):
    before = loaded.counts()
    report = load_graph(loaded, ["gemeente-regio"], metrics=False)
    assert report.sources == ["gemeente-regio"]
    assert loaded.counts() == before
    rows = loaded.read(
        "MATCH (s:School {sector: 'po'}) OPTIONAL MATCH (s)-[:LOCATED_IN]->(m:Municipality) "
        "WITH s, count(m) AS n RETURN n, count(s) AS schools ORDER BY n").rows
    assert rows == [[1, 6122]]


def test_demo_registry_is_labelled_synthetic_in_the_sources(store):
    report = load_graph(store, demo_registry=True, metrics=False)
    assert report.synthetic and "SYNTHETIC" in report.summary()
    sources = {s["dataset"]: s for s in store.sources()}
    assert sources["demo-registry"]["synthetic"] is True
    assert sources["duo-po-vestigingen"]["synthetic"] is False
    unlabelled = store.read("MATCH (p:Partnership {source: 'demo-registry'}) "
                            "WHERE p.synthetic IS NULL OR p.synthetic <> true RETURN count(p)")
    assert unlabelled.scalar() == 0
    assert store.read("MATCH (p:Partnership) RETURN count(p)").scalar() > 150


def test_duplicate_judgements_survive_a_reimport(store):
    from graph.judgements import judgements, record_judgement
    load_graph(store, demo_registry=True, metrics=False)
    a, b = [r[0] for r in store.read("MATCH (x:Activity) RETURN x.id ORDER BY x.id LIMIT 2").rows]
    record_judgement(store, a, b, "duplicate", note="same programme")
    load_graph(store, demo_registry=True, metrics=False)
    kept = judgements(store)
    assert len(kept) == 1
    row = kept.iloc[0].to_dict()
    assert {row["activity_a"], row["activity_b"]} == {a, b} and row["verdict"] == "duplicate"
