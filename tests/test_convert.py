"""graph.convert: the tables -> NetworkX reference used by the store round-trip tests."""

from __future__ import annotations

import networkx as nx
import pandas as pd

from graph.convert import graph_signature, tables_to_networkx
from graph.tables import GraphTables


def _tables() -> GraphTables:
    tables = GraphTables()
    tables.add_nodes("Board", pd.DataFrame([
        {"id": "00745", "name": "Één", "sectors": ["po"], "pupils": None,
         "source": "s", "source_date": "2024-01-01"},
        {"id": "41234", "name": "", "sectors": ["vo", "mbo"], "pupils": 12,
         "source": "s", "source_date": "2024-01-01"},
    ], dtype=object))
    tables.add_nodes("School", pd.DataFrame([
        {"id": "00AA00", "source": "s", "source_date": "2024-01-01"},
    ], dtype=object))
    tables.add_relationships("GOVERNS", "Board", "School", pd.DataFrame([
        {"start": "00745", "end": "00AA00", "source": "s", "source_date": "2024-01-01"},
        {"start": "99999", "end": "00AA00", "source": "s", "source_date": "2024-01-01"},
    ], dtype=object))
    return tables


def test_nodes_keep_ids_and_types_and_drop_empty_values():
    graph = tables_to_networkx(_tables())
    assert sorted(graph.nodes) == ["Board:00745", "Board:41234", "School:00AA00"]
    assert graph.nodes["Board:00745"] == {"label": "Board", "id": "00745", "name": "Één",
                                          "sectors": ["po"], "source": "s",
                                          "source_date": "2024-01-01"}
    assert graph.nodes["Board:41234"]["pupils"] == 12
    assert "name" not in graph.nodes["Board:41234"]


def test_relationships_to_missing_nodes_are_left_out():
    graph = tables_to_networkx(_tables())
    assert list(graph.edges(keys=True, data=True)) == [
        ("Board:00745", "School:00AA00", "GOVERNS",
         {"type": "GOVERNS", "source": "s", "source_date": "2024-01-01"})]


def test_signature_tells_types_apart():
    a, b = nx.MultiDiGraph(), nx.MultiDiGraph()
    a.add_node("Board:1", v=1)
    b.add_node("Board:1", v=1.0)
    assert graph_signature(a) != graph_signature(b)
    b.nodes["Board:1"]["v"] = True
    assert graph_signature(a) != graph_signature(b)
    b.nodes["Board:1"]["v"] = 1
    assert graph_signature(a) == graph_signature(b)
