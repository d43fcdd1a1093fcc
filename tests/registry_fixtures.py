"""Small hand-built registry and DUO reference tables with known answers (shared by tests)."""

from __future__ import annotations

import pandas as pd

from graph.tables import GraphTables


def _f(rows, cols, source="duo-test"):
    frame = pd.DataFrame(rows, columns=cols, dtype=object)
    frame["source"] = source
    frame["source_date"] = "2025-01-01"
    return frame


def reference() -> GraphTables:
    """Four real DUO boards (real names), two schools, three municipalities, one region."""
    t = GraphTables()
    t.add_nodes("Board", _f([["41246", "Stichting Pallas"], ["41853", "Stichting Spaarnesant"],
                             ["85255", "Salomo, Stg. CPO Z-Kennemerlnd"],
                             ["13622", "Stichting OPO Haarlemmermeer"],
                             ["40114", "Stichting Prisma"], ["47959", "Stichting Prisma"]],
                            ["id", "name"]))
    t.add_nodes("School", _f([["32JK00", "BBS de Verwondering", "32JK"],
                              ["03WU00", "Kindcentrum De Wegwijzer", "03WU"]], ["id", "name", "brin"]))
    t.add_relationships("GOVERNS", "Board", "School", _f([["41853", "32JK00"], ["13622", "03WU00"]],
                                                          ["start", "end"]))
    t.add_nodes("Municipality", _f([["GM0392", "Haarlem"], ["GM0394", "Haarlemmermeer"],
                                    ["GM0453", "Velsen"]], ["id", "name"]))
    t.add_nodes("Region", _f([["arbeidsmarktregio:AM99", "arbeidsmarktregio", "AM99", "Testregio"]],
                             ["id", "scheme", "code", "name"]))
    t.add_relationships("PART_OF", "Municipality", "Region",
                        _f([["GM0392", "arbeidsmarktregio:AM99"], ["GM0453", "arbeidsmarktregio:AM99"]],
                           ["start", "end"]))
    return t


def registry_tables() -> dict[str, pd.DataFrame]:
    """A registry with a known history: Pallas leaves RAP-A at the end of 2022 and joins
    RAP-B in 2023 (moved); OPO joins RAP-A in 2023; Spaarnesant stays throughout."""
    P = pd.DataFrame
    return {
        "partnerships": P([
            {"id": "rap-a", "name": "RAP-regio A", "kind": "rap", "status": "actief",
             "sector": "po", "area": "Kennemerland", "website": "https://a.example",
             "source": "test"},
            {"id": "rap-b", "name": "RAP-regio B", "kind": "rap", "status": "actief"},
            {"id": "sop-x", "name": "Partnerschap X", "kind": "samen-opleiden", "status": "aspirant"},
        ]),
        "memberships": P([
            {"partnership": "rap-a", "member": "41246", "role": "penvoerder",
             "valid_from": "2020-01-01", "valid_to": "2022-12-31"},
            {"partnership": "rap-b", "member": "Stichting Pallas", "role": "partner",
             "valid_from": "2023-01-01"},
            {"partnership": "rap-a", "member": "Spaarnesant", "role": "partner",
             "valid_from": "2019-08-01"},
            {"partnership": "rap-a", "member": "Stichting Openbaar Primair Onderwijs Haarlemmermeer",
             "role": "partner", "valid_from": "2023-03-01"},
            {"partnership": "rap-a", "member": "Gemeente Haarlem", "member_type": "organisation",
             "organisation_kind": "gemeente", "role": "gemeente"},
            {"partnership": "sop-x", "member": "Stichting Prisma", "role": "partner",
             "pin": "board:40114", "note": "de Prisma in Wijchen"},
            {"partnership": "sop-x", "member": "32JK00", "role": "partner",
             "valid_from": "2021-01-01", "valid_to": "2021-12-31"},
            {"partnership": "sop-x", "member": "Kinderopvang De Egel", "role": "other"},
        ]),
        "activities": P([
            {"id": "a1", "partnership": "rap-a", "title": "Zij-instroom",
             "description": "Trajecten voor zij-instromers", "function": "opleiden",
             "programme_line": "Doelgroepenbeleid", "target_groups": "zij-instromers, studenten",
             "area": "Kennemerland", "start": "2021-01-01", "end": "2022-12-31",
             "demo_duplicate_group": "g1"},
            {"id": "a2", "partnership": "rap-b", "title": "Werving", "function": "werven"},
        ]),
        "coverage": P([
            {"partnership": "rap-a", "area": "GM0392", "area_name": "Haarlem"},
            {"partnership": "rap-a", "area": "Haarlemmermeer"},
            {"partnership": "rap-b", "area": "arbeidsmarktregio:AM99"},
        ]),
        "contacts": P([
            {"id": "c1", "partnership": "rap-a", "name": "Projectleider A", "role": "projectleider",
             "organisation": "RAP-regio A"},
        ]),
    }
