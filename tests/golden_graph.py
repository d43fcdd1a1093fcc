"""A small hand-built graph whose answers are worked out by hand (see tests/test_queries_golden.py).

Municipalities GM0001..GM0004; arbeidsmarktregio AM01 = {GM1, GM2}, AM02 = {GM3, GM4};
provincie PV20 = {GM1, GM2, GM3}, PV21 = {GM4}; onderwijsregio:OR1 = {GM1} (PART_OF) and the
onderwijsregio partnership OR1 COVERS GM2, so GM3 and GM4 lie in no Onderwijsregio.

Boards 10001..10007 (10006 is in no partnership); schools S1..S8; teacher colleges T1 (run by
board 10005) and T2 (a direct member of SO1); organisation O1 (a municipality office).

Partnerships and memberships (as of 2024-06-01):
    R1  rap              10001, 10002, 10003
    R2  rap              10003, 10004, O1      (10001 left on 2020-12-31)
    SO1 samen-opleiden   10001, 10002, 10005, T2
    OR1 onderwijsregio   10001, 10002, 10003, 10004
    P5  transfercentrum  10004, 10007
"""

from __future__ import annotations

import pandas as pd

from graph.tables import GraphTables

__all__ = ["golden_tables", "GOLDEN_DATE", "two_cluster_tables"]

GOLDEN_DATE = "2024-06-01"
_SRC = {"source": "golden-test", "source_date": "2024-01-01"}


def _frame(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame([{**_SRC, **row} for row in rows])


def _rels(pairs, **props) -> pd.DataFrame:
    return _frame([{"start": a, "end": b, **props} for a, b in pairs])


def golden_tables() -> GraphTables:
    """Answer the golden graph as tables (write with ``store.replace_graph``)."""
    t = GraphTables()
    t.add_nodes("Municipality", _frame([
        {"id": "GM0001", "name": "Alpha", "code": "0001"},
        {"id": "GM0002", "name": "Beta", "code": "0002"},
        {"id": "GM0003", "name": "Gamma", "code": "0003"},
        {"id": "GM0004", "name": "Delta", "code": "0004"},
    ]))
    t.add_nodes("Region", _frame([
        {"id": "arbeidsmarktregio:AM01", "scheme": "arbeidsmarktregio", "code": "AM01", "name": "Noord"},
        {"id": "arbeidsmarktregio:AM02", "scheme": "arbeidsmarktregio", "code": "AM02", "name": "Zuid"},
        {"id": "provincie:PV20", "scheme": "provincie", "code": "PV20", "name": "Groningen"},
        {"id": "provincie:PV21", "scheme": "provincie", "code": "PV21", "name": "Friesland"},
        {"id": "onderwijsregio:OR1", "scheme": "onderwijsregio", "code": "OR1", "name": "Onderwijsregio Alpha"},
        {"id": "swv-po:PO2001", "scheme": "swv-po", "code": "PO2001", "name": "SWV een"},
        {"id": "swv-po:PO2002", "scheme": "swv-po", "code": "PO2002", "name": "SWV twee"},
    ]))
    t.add_relationships("PART_OF", "Municipality", "Region", _rels([
        ("GM0001", "arbeidsmarktregio:AM01"), ("GM0002", "arbeidsmarktregio:AM01"),
        ("GM0003", "arbeidsmarktregio:AM02"), ("GM0004", "arbeidsmarktregio:AM02"),
        ("GM0001", "provincie:PV20"), ("GM0002", "provincie:PV20"), ("GM0003", "provincie:PV20"),
        ("GM0004", "provincie:PV21"), ("GM0001", "onderwijsregio:OR1"),
    ]))
    t.add_nodes("Board", _frame([
        {"id": f"1000{i}", "name": f"Bestuur {i}"} for i in range(1, 8)
    ]))
    schools = [  # id, sector, board, municipality
        ("S1", "po", "10001", "GM0001"), ("S2", "po", "10001", "GM0003"),
        ("S3", "vo", "10002", "GM0002"), ("S4", "sbo", "10003", "GM0002"),
        ("S5", "po", "10003", "GM0004"), ("S6", "mbo", "10004", "GM0003"),
        ("S7", "po", "10006", "GM0004"), ("S8", "po", "10007", "GM0004"),
    ]
    t.add_nodes("School", _frame([
        {"id": s, "name": f"School {s}", "sector": sec, "municipality_code": m}
        for s, sec, _, m in schools]))
    t.add_relationships("GOVERNS", "Board", "School", _rels([(b, s) for s, _, b, _ in schools]))
    t.add_relationships("LOCATED_IN", "School", "Municipality",
                        _rels([(s, m) for s, _, _, m in schools]))
    t.add_relationships("IN_AREA", "School", "Region", _rels([
        ("S1", "swv-po:PO2001"), ("S2", "swv-po:PO2002")]))
    t.add_nodes("TeacherCollege", _frame([
        {"id": "T1", "name": "Pabo Alpha", "programme": "pabo", "city": "Alpha", "croho": "34808"},
        {"id": "T2", "name": "Lerarenopleiding Beta", "programme": "tweedegraads", "city": "Beta",
         "croho": "35000"},
    ]))
    t.add_relationships("OFFERED_BY", "TeacherCollege", "Board", _rels([("T1", "10005")]))
    t.add_relationships("OFFERED_IN", "TeacherCollege", "Municipality", _rels([("T1", "GM0001")]))
    t.add_nodes("Organisation", _frame([{"id": "O1", "name": "Gemeente Gamma", "kind": "gemeente"}]))
    t.add_nodes("Partnership", _frame([
        {"id": "R1", "name": "RAP Noord", "kind": "rap"},
        {"id": "R2", "name": "RAP Zuid", "kind": "rap"},
        {"id": "SO1", "name": "SO Alpha", "kind": "samen-opleiden"},
        {"id": "OR1", "name": "Onderwijsregio Alpha", "kind": "onderwijsregio"},
        {"id": "P5", "name": "Pool Delta", "kind": "transfercentrum"},
    ]))
    board_members = [("10001", "R1"), ("10002", "R1"), ("10003", "R1"), ("10003", "R2"),
                     ("10004", "R2"), ("10001", "SO1"), ("10002", "SO1"), ("10005", "SO1"),
                     ("10001", "OR1"), ("10002", "OR1"), ("10003", "OR1"), ("10004", "OR1"),
                     ("10007", "P5")]
    t.add_relationships("MEMBER_OF", "Board", "Partnership", pd.concat([
        _rels(board_members, role="partner", valid_from="2020-01-01"),
        _rels([("10001", "R2")], role="partner", valid_from="2019-01-01", valid_to="2020-12-31"),
        _rels([("10004", "P5")], role="penvoerder", valid_from="2022-01-01"),
    ], ignore_index=True))
    t.add_relationships("MEMBER_OF", "TeacherCollege", "Partnership",
                        _rels([("T2", "SO1")], role="opleiding"))
    t.add_relationships("MEMBER_OF", "Organisation", "Partnership",
                        _rels([("O1", "R2")], role="gemeente"))
    t.add_relationships("COVERS", "Partnership", "Municipality", _rels([
        ("R1", "GM0001"), ("R1", "GM0002"), ("R2", "GM0003"), ("R2", "GM0004"),
        ("OR1", "GM0002")]))
    t.add_relationships("COVERS", "Partnership", "Region", _rels([("SO1", "provincie:PV21")]))
    activities = [  # id, partnership, function, start, end, title, description
        ("A01", "R1", "werven", "2023-01-01", "2024-12-31", "Wervingscampagne zij-instromers",
         "Campagne om zij-instromers te werven voor het basisonderwijs in de regio."),
        ("A02", "SO1", "werven", "2024-01-01", "2025-06-30", "Campagne werving zij-instroom",
         "Regionale wervingscampagne voor zij-instromers in het primair onderwijs."),
        ("A03", "R1", "opleiden", "2023-09-01", "2024-08-31", "Opleidingsschool",
         "Studenten leren in de school."),
        ("A04", "R2", "werven", "2019-01-01", "2019-12-31", "Banenmarkt 2019",
         "Een banenmarkt voor leraren."),
        ("A05", "OR1", "begeleiden", "2024-01-01", "2024-12-31", "Inductieprogramma starters",
         "Begeleiding van startende leraren."),
        ("A06", "R2", "matchen", "2024-01-01", None, "Invalpool matching",
         "Vraag en aanbod van invallers koppelen."),
        ("A07", "OR1", "werven", "2026-01-01", "2027-12-31", "Regiobrede werving",
         "Werving voor alle sectoren."),
        ("A08", "OR1", "matchen", "2026-01-01", "2027-12-31", "Matchingsplatform",
         "Een platform voor vacatures."),
        ("A09", "OR1", "opleiden", "2026-01-01", "2027-12-31", "Samen opleiden in de regio",
         "Opleiden in de school."),
        ("A10", "OR1", "professionaliseren", "2026-01-01", "2027-12-31", "Regioacademie",
         "Scholing voor zittende leraren."),
        ("A11", "SO1", "professionaliseren", "2020-01-01", "2021-12-31", "Leergemeenschap",
         "Leergemeenschap voor opleiders."),
    ]
    t.add_nodes("Activity", _frame([
        {"id": a, "function": f, "start": s, "end": e, "title": title, "description": d}
        for a, _, f, s, e, title, d in activities]))
    t.add_relationships("RUNS", "Partnership", "Activity",
                        _rels([(p, a) for a, p, *_ in activities]))
    return t


def two_cluster_tables() -> GraphTables:
    """Two groups of four boards (partnerships G1, G2) joined by one two-board partnership.

    Boards 20001-20004 have schools in GM0001 (arbeidsmarktregio AM01), 20005-20008 in GM0003
    (AM02); partnership BR links 20004 and 20005, the only bridge.
    """
    t = GraphTables()
    t.add_nodes("Municipality", _frame([{"id": "GM0001", "name": "Alpha"},
                                        {"id": "GM0003", "name": "Gamma"}]))
    t.add_nodes("Region", _frame([
        {"id": "arbeidsmarktregio:AM01", "scheme": "arbeidsmarktregio", "code": "AM01"},
        {"id": "arbeidsmarktregio:AM02", "scheme": "arbeidsmarktregio", "code": "AM02"}]))
    t.add_relationships("PART_OF", "Municipality", "Region", _rels([
        ("GM0001", "arbeidsmarktregio:AM01"), ("GM0003", "arbeidsmarktregio:AM02")]))
    boards = [f"2000{i}" for i in range(1, 9)]
    t.add_nodes("Board", _frame([{"id": b, "name": f"Bestuur {b}"} for b in boards]))
    t.add_nodes("School", _frame([{"id": f"X{b}", "sector": "po"} for b in boards]))
    t.add_relationships("GOVERNS", "Board", "School", _rels([(b, f"X{b}") for b in boards]))
    t.add_relationships("LOCATED_IN", "School", "Municipality", _rels(
        [(f"X{b}", "GM0001" if i < 4 else "GM0003") for i, b in enumerate(boards)]))
    t.add_nodes("Partnership", _frame([
        {"id": "G1", "name": "Groep 1", "kind": "rap"}, {"id": "G2", "name": "Groep 2", "kind": "rap"},
        {"id": "BR", "name": "Brug", "kind": "convenant"}]))
    t.add_relationships("MEMBER_OF", "Board", "Partnership", _rels(
        [(b, "G1") for b in boards[:4]] + [(b, "G2") for b in boards[4:]]
        + [("20004", "BR"), ("20005", "BR")], role="partner"))
    return t
