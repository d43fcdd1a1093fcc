"""The importers on the real bundled national files: golden answers, provenance, determinism.

No store is involved: these check the tables ``import_all`` answers.  (Store-level checks
of the same data live in test_load.py.)
"""

from __future__ import annotations

import pandas as pd
import pytest

from importers import IMPORTERS, default_data_dir, get_importer, import_all

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def national():
    return import_all()


def _rows(result, rel_type, start=None, end=None):
    return result.tables.rel_table(rel_type, start, end)


def test_golden_po_locations_and_boards(national):
    schools = national.tables.node_table("School")
    po = schools[schools["sector"] == "po"]
    assert len(po) == 6122
    governs = _rows(national, "GOVERNS", "Board", "School")
    assert governs[governs["end"].isin(set(po["id"]))]["start"].nunique() == 749


def test_342_municipalities_each_in_exactly_one_of_35_arbeidsmarktregios(national):
    municipalities = national.tables.node_table("Municipality")
    assert len(municipalities) == 342
    regions = national.tables.node_table("Region")
    am = set(regions.loc[regions["scheme"] == "arbeidsmarktregio", "id"])
    assert len(am) == 35
    part_of = _rows(national, "PART_OF", "Municipality", "Region")
    per_municipality = part_of[part_of["end"].isin(am)].groupby("start").size()
    assert set(per_municipality.index) == set(municipalities["id"])
    assert (per_municipality == 1).all()


@pytest.mark.parametrize("scheme,count", [("provincie", 12), ("corop", 40)])
def test_each_municipality_in_one_region_of_each_scheme(national, scheme, count):
    regions = national.tables.node_table("Region")
    ids = set(regions.loc[regions["scheme"] == scheme, "id"])
    assert len(ids) == count
    part_of = _rows(national, "PART_OF", "Municipality", "Region")
    assert (part_of[part_of["end"].isin(ids)].groupby("start").size() == 1).sum() == 342


def test_every_po_location_located_in_exactly_one_municipality(national):
    schools = national.tables.node_table("School")
    po = set(schools.loc[schools["sector"] == "po", "id"])
    located = _rows(national, "LOCATED_IN", "School", "Municipality")
    per_school = located[located["start"].isin(po)].groupby("start").size()
    assert len(per_school) == 6122 and (per_school == 1).all()
    known = set(national.tables.node_table("Municipality")["id"])
    assert set(located["end"]) <= known


def test_leading_zeros_are_kept(national):
    boards = national.tables.node_table("Board")
    assert boards["id"].str.fullmatch(r"\d{5}").all()
    assert "00008" in set(boards["id"])  # Rijksuniversiteit Groningen
    assert boards["id"].str.startswith("0").sum() >= 5
    schools = national.tables.node_table("School")
    assert "00AO00" in set(schools["id"])  # a BRIN starting with zeros (06 file)
    assert "03WU00" in set(schools.loc[schools["sector"] == "po", "id"])  # 02 file
    municipalities = national.tables.node_table("Municipality").set_index("id")
    assert municipalities.loc["GM0014", "name"] == "Groningen"
    assert municipalities.loc["GM0014", "code"] == "0014"
    # the 06 file writes gemeentecode 285 (Voorst); it becomes GM0285
    voorst = schools.set_index("id").loc["00AO00", "municipality_code"]
    assert voorst == "GM0285"


def test_special_needs_schools_and_pupils(national):
    schools = national.tables.node_table("School")
    counts = schools["sector"].value_counts()
    assert counts["sbo"] == 256 and counts["vso"] == 154 and counts["so"] == 448
    po = schools[schools["sector"] == "po"]
    assert po["pupils_year"].dropna().eq(2025).all()
    assert po["pupils"].notna().sum() > 6000
    assert (po["pupils"].dropna() > 0).all()


def test_every_row_has_its_source_and_a_source_node_per_dataset(national):
    tables = national.tables
    for table in [*tables.nodes, *tables.relationships]:
        assert table.rows["source"].notna().all(), table
        assert table.rows["source_date"].str.fullmatch(r"\d{4}-\d{2}-\d{2}").all(), table
        assert not [c for c in table.rows.columns if str(c).startswith("_")], table
    sources = tables.node_table("Source")
    assert sorted(sources["id"]) == sorted(IMPORTERS)
    assert tables.sources() <= set(IMPORTERS)
    assert (sources["rows"] > 0).all()


def test_no_relationship_points_at_a_missing_node(national):
    assert national.tables.dangling() == []


def test_unlinked_rows_are_reported_with_counts_and_examples(national):
    by_what = {u.what: u for u in national.unlinked}
    nameless = next(u for w, u in by_what.items() if w.startswith("boards without a name"))
    assert nameless.count == 40 and len(nameless.examples) == 5
    assert all(u.count > 0 and u.examples for u in national.unlinked)
    assert any("teacher colleges whose board" in w for w in by_what)
    assert any("vo locations without a board" in w for w in by_what)


def test_teacher_colleges_are_linked_to_boards_and_municipalities(national):
    colleges = national.tables.node_table("TeacherCollege")
    assert len(colleges) > 200
    assert set(colleges["degree_kind"]) >= {"pabo", "tweedegraads", "eerstegraads"}
    offered_by = _rows(national, "OFFERED_BY")
    assert offered_by["start"].nunique() >= 0.9 * len(colleges)
    offered_in = _rows(national, "OFFERED_IN")
    assert offered_in["start"].nunique() == len(colleges)


def test_rereading_gives_identical_tables(national):
    again = import_all()
    assert national.tables.counts() == again.tables.counts()
    for first, second in zip(national.tables.nodes, again.tables.nodes):
        assert first.label == second.label
        pd.testing.assert_frame_equal(first.rows.reset_index(drop=True),
                                      second.rows.reset_index(drop=True))
    for first, second in zip(national.tables.relationships, again.tables.relationships):
        assert first.signature == second.signature
        pd.testing.assert_frame_equal(first.rows.reset_index(drop=True),
                                      second.rows.reset_index(drop=True))
    assert [str(u) for u in national.unlinked] == [str(u) for u in again.unlinked]


def test_a_partial_import_brings_its_requirements():
    result = import_all(names=["duo-po-vestigingen"])
    assert {s.name for s in result.sources} == {"gemeente-regio", "duo-besturen", "duo-po-vestigingen"}
    assert result.tables.dangling() == []


def test_data_dir_can_be_overridden_by_env(monkeypatch, tmp_path):
    monkeypatch.setenv("REGIOGRAPH_DATA", str(tmp_path))
    assert default_data_dir() == tmp_path
    monkeypatch.delenv("REGIOGRAPH_DATA")
    assert (default_data_dir() / "duo-po-vestigingen").is_dir()


def test_every_importer_declares_its_files():
    for name, cls in IMPORTERS.items():
        importer = get_importer(name)
        assert importer.name == name and importer.title
        assert importer.files, name
        for rel, schema in importer.files.items():
            assert (default_data_dir() / rel).is_file(), rel
            assert schema.columns, rel
        for required in cls.requires:
            assert list(IMPORTERS).index(required) < list(IMPORTERS).index(name)


def test_a_data_folder_that_does_not_exist_is_a_clear_error(monkeypatch, tmp_path):
    from graph.errors import ConfigError
    monkeypatch.setenv("REGIOGRAPH_DATA", str(tmp_path / "nowhere"))
    with pytest.raises(ConfigError) as caught:
        import_all()
    assert "REGIOGRAPH_DATA" in str(caught.value) and caught.value.fix
    monkeypatch.delenv("REGIOGRAPH_DATA")
    with pytest.raises(ConfigError):
        import_all(data_dir=tmp_path / "nowhere")
    with pytest.raises(ConfigError) as caught:
        import_all(names=["no-such-source"])
    assert "duo-po-vestigingen" in caught.value.fix
