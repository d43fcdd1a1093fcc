"""Importer behaviour on small hand-built files with known answers."""

from __future__ import annotations

import string

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.tables import GraphTables
from importers import import_all
from importers._common import PlaceIndex, municipality_id, place_key
from importers.base import read_table
from importers.duo_ho_lerarenopleidingen import TEACHER_TRAINING, degree_kind
from importers.duo_po_vestigingen import PO_SCHEMA
from importers.swv_pc4 import SwvPc4Importer
from tests.duo_files import PO_HEADER, write_po, write_small_data


def test_pupils_file_adds_special_schools_and_pupil_counts(tmp_path):
    data = write_small_data(tmp_path)
    result = import_all(data_dir=data, names=["duo-po-leerlingen"])
    schools = result.tables.node_table("School").set_index("id")
    # SBO and VSO with pupils in 2025 become schools; the SO with 0 pupils in 2025 does not
    assert schools.loc["77ZZ00", "sector"] == "sbo" and schools.loc["88YY00", "sector"] == "vso"
    assert "99QQ00" not in schools.index
    assert schools.loc["88YY00", "municipality_code"] == "GM0285"  # "285" padded
    # po schools from the 02 file get the latest count; "<5" is a suppressed count
    assert schools.loc["00AB00", "pupils"] == 210 and schools.loc["00AB00", "pupils_year"] == 2025
    assert pd.isna(schools.loc["00AB01", "pupils"]) and schools.loc["00AB01", "pupils_year"] == 2025
    assert schools.loc["00AB00", "source"] == "duo-po-vestigingen"  # the 02 file owns the node
    governs = result.tables.rel_table("GOVERNS")
    assert set(zip(governs["start"], governs["end"])) >= {("01234", "77ZZ00"), ("41000", "88YY00")}
    assert result.tables.dangling() == []


def test_swv_areas_follow_the_school_postcode_and_sector(tmp_path):
    data = write_small_data(tmp_path)
    # (swv-pc4 also requires edugis-scholen, which the small folder lacks: link by hand)
    result = import_all(data_dir=data, names=["duo-po-leerlingen"])
    importer = SwvPc4Importer()
    read = importer.read(data)
    tables = GraphTables.combine([result.tables, read.tables])
    linked = importer.link(tables)
    rows = linked.tables.rel_table("IN_AREA")
    assert set(zip(rows["start"], rows["end"])) == {
        ("00AB00", "swv-po:PO2001"), ("00AB01", "swv-po:PO2001"), ("12XY00", "swv-po:PO2507")}
    # the sbo/vso schools of the 06 file have no postcode: reported, not linked
    assert any(u.what.startswith("schools without a postcode") and u.count == 2 for u in linked.unlinked)


def test_boards_get_names_and_sectors(tmp_path):
    data = write_small_data(tmp_path)
    result = import_all(data_dir=data, names=["duo-po-leerlingen"])
    boards = result.tables.node_table("Board").set_index("id")
    assert boards.loc["01234", "name"] == "Stichting Openbaar Onderwijs Groningen"
    assert boards.loc["01234", "sectors"] == ["po", "sbo"]
    assert boards.loc["41000", "sectors"] == ["po", "vso"]


def test_a_board_missing_from_the_names_file_is_reported(tmp_path):
    data = write_small_data(tmp_path)
    write_po(data, [
        "Groningen;05555;00AB;00AB00;OBS Nieuw;Hoofdstraat;1;9711 AA;GRONINGEN;0014;GRONINGEN;Openbaar; ; "])
    result = import_all(data_dir=data, names=["duo-po-vestigingen"])
    nameless = [u for u in result.unlinked if u.what.startswith("boards without a name")]
    assert nameless and nameless[0].count == 1 and nameless[0].examples == ["05555"]


def test_municipality_ids_and_place_keys():
    assert municipality_id("14") == municipality_id("0014") == municipality_id("GM0014") == "GM0014"
    assert municipality_id("") is None
    assert place_key("'s-Gravenhage") == place_key("S GRAVENHAGE") == "S GRAVENHAGE"
    assert place_key("Súdwest-Fryslân") == "SUDWEST FRYSLAN"


def test_place_index_finds_municipalities_by_name_postcode_and_city():
    tables = GraphTables()
    tables.add_nodes("Municipality", pd.DataFrame({
        "id": ["GM0603", "GM0373", "GM0893"], "name": ["Rijswijk (ZH.)", "Bergen (NH.)", "Bergen (L.)"],
        "source": "t", "source_date": "2025-01-01"}))
    tables.add_nodes("School", pd.DataFrame({
        "id": ["A", "B"], "city": ["RIJSWIJK ZH", "EGMOND AAN ZEE"], "postcode": ["2282 CN", "1931 BL"],
        "municipality_code": ["GM0603", "GM0373"], "source": "t", "source_date": "2025-01-01"}))
    places = PlaceIndex(tables)
    assert places.by_name("RIJSWIJK") == "GM0603"  # unique once "(ZH.)" is dropped
    assert places.by_name("BERGEN") is None  # two Bergens: no guess
    assert places.locate(postcode="1931AB") == "GM0373"
    assert places.locate(city="Egmond aan Zee") == "GM0373"
    assert places.locate(city="Nergenshuizen") is None


def test_teacher_training_filter_and_degree_kinds():
    for name in ("Opleiding tot leraar Basisonderwijs", "Leraar Engels", "Docent Muziek",
                 "Educatie in de Bètawetenschappen", "Kunsteducatie"):
        assert TEACHER_TRAINING.search(name), name
    for name in ("Pedagogisch Educatief Professional", "Educational Leadership", "Watermanagement"):
        assert not TEACHER_TRAINING.search(name), name
    assert degree_kind("Opleiding tot leraar Basisonderwijs", "HBO-BA") == "pabo"
    assert degree_kind("Opleiding tot leraar voortgezet onderwijs van de tweede graad in Engels",
                       "HBO-BA") == "tweedegraads"
    assert degree_kind("Leraar Engels", "WO-MA") == "eerstegraads"


_codes = st.text(alphabet=string.digits + string.ascii_uppercase, min_size=4, max_size=4)


@settings(max_examples=25, deadline=None)
@given(rows=st.lists(st.tuples(st.integers(0, 99999), _codes, st.integers(0, 99),
                               st.integers(1, 9999), st.text(alphabet="abcéëïôü -'", min_size=1,
                                                               max_size=20).map(str.strip)
                               .filter(bool)),
                     min_size=1, max_size=20, unique_by=lambda r: (r[1], r[2])))
def test_codes_and_names_survive_a_round_trip_through_the_duo_format(tmp_path_factory, rows):
    lines = [f"P;{b:05d};{brin};{brin}{v:02d};{name};S;1;1234 AB;PLAATS;{g:04d};G;Openbaar; ; "
             for b, brin, v, g, name in rows]
    path = write_po(tmp_path_factory.mktemp("rt"), lines, header=PO_HEADER)
    frame = read_table(path, PO_SCHEMA)
    assert list(frame["BEVOEGD GEZAG NUMMER"]) == [f"{b:05d}" for b, *_ in rows]
    assert list(frame["VESTIGINGSCODE"]) == [f"{brin}{v:02d}" for _, brin, v, *_ in rows]
    assert list(frame["GEMEENTENUMMER"]) == [f"{g:04d}" for *_, g, _ in rows]
    assert list(frame["VESTIGINGSNAAM"]) == [name for *_, name in rows]
    assert list(frame["_line"]) == list(range(2, len(rows) + 2))


def test_cbs_and_region_table_disagreement_is_reported(tmp_path):
    import json
    from tests.duo_files import AM_FILE
    data = write_small_data(tmp_path)
    path = data / AM_FILE
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"_bron": {"opgehaald": "2026-10-09"},
                                "gemeenten": {"0014": "Groningen", "0285": "Groningen"}}, indent=2),
                    encoding="utf-8")
    result = import_all(data_dir=data, names=["cbs-arbeidsmarktregio"])
    differ = [u for u in result.unlinked if "differs between CBS" in u.what]
    assert differ and differ[0].count == 1 and differ[0].examples == ["GM0285: CBS AM01, table AM06"]
    source = result.tables.node_table("Source").set_index("id")
    assert source.loc["cbs-arbeidsmarktregio", "date"] == "2026-10-09"


def test_a_relationship_to_a_node_no_source_gives_is_dropped_and_reported(tmp_path, monkeypatch):
    from importers.duo_po_vestigingen import PoVestigingenImporter
    data = write_small_data(tmp_path)
    original = PoVestigingenImporter.read

    def read_with_a_stray_link(self, data_dir):
        result = original(self, data_dir)
        extra = pd.DataFrame({"start": ["99999"], "end": ["00AB00"], "source": "x",
                              "source_date": "2026-01-01"})
        result.tables.add_relationships("GOVERNS", "Board", "School", extra)
        return result

    monkeypatch.setattr(PoVestigingenImporter, "read", read_with_a_stray_link)
    result = import_all(data_dir=data, names=["duo-po-vestigingen"])
    assert result.tables.dangling() == []
    stray = [u for u in result.unlinked if u.what.startswith("GOVERNS relationships")]
    assert stray and stray[0].count == 1 and stray[0].examples == ["99999 -> 00AB00"]
