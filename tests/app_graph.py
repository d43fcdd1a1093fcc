"""A small hand-built graph for the explorer's tests, with answers known by construction.

Three municipalities (real GM codes, so they are on the map): Amsterdam (GM0363), Haarlem
(GM0392), Beverwijk (GM0375).  Two arbeidsmarktregio's: Groot Amsterdam (AM01: GM0363) and
Zuid-Kennemerland (AM02: GM0392, GM0375); one provincie Noord-Holland with all three.

Boards: B1 (po, schools in Amsterdam and Haarlem -> straddles AM01/AM02), B2 (vo, Haarlem),
B3 (mbo, Beverwijk), B4 (ho, runs teacher college TC1 in Amsterdam).
Partnerships: P1 rap {B1, B2, B3}, P2 samen-opleiden {B1, B2, TC1}, P3 onderwijsregio {B2, B3}.
Overlaps: P1-P2 share B1, B2 (Jaccard 2/4); P1-P3 share B2, B3 (2/3); P2-P3 share B2 (1/4).
P1 covers arbeidsmarktregio AM02 (Haarlem, Beverwijk); P3 covers GM0392 directly.
Activities: A1 (P1, werven) and A2 (P2, werven) are near-duplicates; A3 (P3, opleiden).
Sources: duo-test (real), regiograph-metrics (stored ARI/NMI) and demo-registry (synthetic).
"""

from __future__ import annotations

import pandas as pd

from graph.tables import GraphTables

__all__ = ["build_tables", "load_app_graph"]

_REAL = {"source": "duo-test", "source_date": "2025-01-01"}
_DEMO = {"source": "demo-registry", "source_date": "2025-06-01", "synthetic": True}


def _frame(rows, common):
    return pd.DataFrame([{**row, **common} for row in rows])


def build_tables() -> GraphTables:
    t = GraphTables()
    t.add_nodes("Municipality", _frame([
        {"id": "GM0363", "name": "Amsterdam", "code": "0363"},
        {"id": "GM0392", "name": "Haarlem", "code": "0392"},
        {"id": "GM0375", "name": "Beverwijk", "code": "0375"}], _REAL))
    t.add_nodes("Region", _frame([
        {"id": "arbeidsmarktregio:AM01", "scheme": "arbeidsmarktregio", "code": "AM01",
         "name": "Groot Amsterdam"},
        {"id": "arbeidsmarktregio:AM02", "scheme": "arbeidsmarktregio", "code": "AM02",
         "name": "Zuid-Kennemerland en IJmond"},
        {"id": "provincie:PV27", "scheme": "provincie", "code": "PV27", "name": "Noord-Holland"}],
        _REAL))
    t.add_nodes("Board", _frame([
        {"id": "10001", "name": "Stichting Primair Haarlem-Amsterdam", "sectors": ["po"],
         "betweenness": 0.5, "degree": 2, "community": 1, "articulation_point": False,
         "metrics_source": "regiograph-metrics"},
        {"id": "10002", "name": "Stichting VO Kennemerland", "sectors": ["vo"],
         "betweenness": 0.9, "degree": 3, "community": 1, "articulation_point": True,
         "metrics_source": "regiograph-metrics"},
        {"id": "10003", "name": "Nova College", "sectors": ["mbo"],
         "betweenness": 0.1, "degree": 2, "community": 2, "articulation_point": False,
         "metrics_source": "regiograph-metrics"},
        {"id": "10004", "name": "Hogeschool Inholland", "sectors": ["ho"],
         "betweenness": 0.0, "degree": 1, "community": 2, "articulation_point": False,
         "metrics_source": "regiograph-metrics"}], _REAL))
    t.add_nodes("School", _frame([
        {"id": "01AA00", "name": "De Regenboog", "sector": "po", "municipality_code": "GM0363"},
        {"id": "01AB00", "name": "De Zonnewijzer", "sector": "po", "municipality_code": "GM0392"},
        {"id": "02BB00", "name": "Mendel College", "sector": "vo", "municipality_code": "GM0392"},
        {"id": "03CC00", "name": "Nova College Beverwijk", "sector": "mbo",
         "municipality_code": "GM0375"}], _REAL))
    t.add_nodes("TeacherCollege", _frame([
        {"id": "TC1", "name": "Pabo Inholland Amsterdam", "programme": "pabo", "city": "Amsterdam"}],
        _REAL))
    t.add_nodes("Source", _frame([
        {"id": "duo-test", "title": "Test DUO data", "date": "2025-01-01", "publisher": "DUO",
         "synthetic": False}], {"source": "duo-test", "source_date": "2025-01-01"}))
    t.add_nodes("Source", _frame([
        {"id": "regiograph-metrics", "title": "Network metrics", "date": "2025-06-02",
         "publisher": "regiograph", "params": '{"seed": 42, "backend": "igraph"}',
         "agreement": '{"arbeidsmarktregio": {"ari": 0.25, "nmi": 0.5, "boards": 3.0}}'}],
        {"source": "regiograph-metrics", "source_date": "2025-06-02"}))
    t.add_nodes("Source", _frame([
        {"id": "demo-registry", "title": "Demo registry", "date": "2025-06-01",
         "publisher": "regiograph"}], _DEMO))
    t.add_nodes("Partnership", _frame([
        {"id": "P1", "name": "RAP Zuid-Kennemerland", "kind": "rap"},
        {"id": "P2", "name": "SO&P Haarlem", "kind": "samen-opleiden"},
        {"id": "P3", "name": "Onderwijsregio Kennemerland", "kind": "onderwijsregio"}], _DEMO))
    t.add_nodes("Activity", _frame([
        {"id": "A1", "title": "Zij-instromers werven", "function": "werven",
         "description": "Werving van zij-instromers voor het primair onderwijs"},
        {"id": "A2", "title": "Werving zij-instromers", "function": "werven",
         "description": "Zij-instromers werven voor po-scholen in de regio"},
        {"id": "A3", "title": "Opleiden in de school", "function": "opleiden",
         "description": "Studenten opleiden in de school"}], _DEMO))
    t.add_relationships("GOVERNS", "Board", "School", _frame([
        {"start": "10001", "end": "01AA00"}, {"start": "10001", "end": "01AB00"},
        {"start": "10002", "end": "02BB00"}, {"start": "10003", "end": "03CC00"}], _REAL))
    t.add_relationships("LOCATED_IN", "School", "Municipality", _frame([
        {"start": "01AA00", "end": "GM0363"}, {"start": "01AB00", "end": "GM0392"},
        {"start": "02BB00", "end": "GM0392"}, {"start": "03CC00", "end": "GM0375"}], _REAL))
    t.add_relationships("PART_OF", "Municipality", "Region", _frame([
        {"start": "GM0363", "end": "arbeidsmarktregio:AM01"},
        {"start": "GM0392", "end": "arbeidsmarktregio:AM02"},
        {"start": "GM0375", "end": "arbeidsmarktregio:AM02"},
        {"start": "GM0363", "end": "provincie:PV27"}, {"start": "GM0392", "end": "provincie:PV27"},
        {"start": "GM0375", "end": "provincie:PV27"}], _REAL))
    t.add_relationships("OFFERED_BY", "TeacherCollege", "Board",
                        _frame([{"start": "TC1", "end": "10004"}], _REAL))
    t.add_relationships("OFFERED_IN", "TeacherCollege", "Municipality",
                        _frame([{"start": "TC1", "end": "GM0363"}], _REAL))
    t.add_relationships("MEMBER_OF", "Board", "Partnership", _frame([
        {"start": "10001", "end": "P1", "role": "penvoerder"},
        {"start": "10002", "end": "P1", "role": "partner"},
        {"start": "10003", "end": "P1", "role": "partner"},
        {"start": "10001", "end": "P2", "role": "partner"},
        {"start": "10002", "end": "P2", "role": "penvoerder"},
        {"start": "10002", "end": "P3", "role": "partner"},
        {"start": "10003", "end": "P3", "role": "penvoerder"}], _DEMO))
    t.add_relationships("MEMBER_OF", "TeacherCollege", "Partnership",
                        _frame([{"start": "TC1", "end": "P2", "role": "opleiding"}], _DEMO))
    t.add_relationships("COVERS", "Partnership", "Region",
                        _frame([{"start": "P1", "end": "arbeidsmarktregio:AM02"}], _DEMO))
    t.add_relationships("COVERS", "Partnership", "Municipality",
                        _frame([{"start": "P3", "end": "GM0392"}], _DEMO))
    t.add_relationships("RUNS", "Partnership", "Activity", _frame([
        {"start": "P1", "end": "A1"}, {"start": "P2", "end": "A2"}, {"start": "P3", "end": "A3"}],
        _DEMO))
    return t


def load_app_graph(store) -> None:
    """Replace the store's graph by the hand-built one."""
    store.replace_graph(build_tables())
