"""A seeded synthetic graph shaped like the national DUO/CBS data, at any scale.

Used by benchmarks (national size and ten times national size) and by the cross-check
tests when the real importers are not wanted.  Scale 1 gives ~1.5k boards, ~8.5k school
locations, 342 municipalities, 12 provinces, 35 arbeidsmarktregio's, 40 COROP areas, 75 SWV
areas and ~300 teacher-college offerings: the same label and property names as the real
importers (graph/model.py), so the demo registry generator runs on it unchanged.  Every
row carries ``synthetic: true`` and source ``synthetic-reference``.

Cost: ~0.3 s at scale 1, ~3 s at scale 10.
"""

from __future__ import annotations

import random

import pandas as pd

from .tables import GraphTables

__all__ = ["SYNTHETIC_SOURCE", "synthetic_reference", "synthetic_national"]

SYNTHETIC_SOURCE = "synthetic-reference"
_DATE = "2025-01-01"
_SECTOR_MIX = [("po", 0.70), ("vo", 0.17), ("mbo", 0.07), ("sbo", 0.03), ("so", 0.03)]
#: real codes the demo registry names (G4 cities, Zuid-Kennemerland, Haarlemmermeer)
_REAL_CODES = ("GM0344", "GM0363", "GM0518", "GM0599", "GM0377", "GM0392", "GM0394", "GM0397",
               "GM0473")
_WORDS = ["Stichting", "Vereniging", "Openbaar", "Katholiek", "Christelijk", "Primair",
          "Onderwijs", "Scholengroep", "Kindcentra", "Lyceum", "College", "Groep"]


def _frame(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame([{**row, "source": SYNTHETIC_SOURCE, "source_date": _DATE,
                          "synthetic": True} for row in rows])


def _chunks(items: list[str], parts: int) -> list[list[str]]:
    size = -(-len(items) // parts)
    return [items[i:i + size] for i in range(0, len(items), size)]


def synthetic_reference(scale: float = 1.0, seed: int = 42) -> GraphTables:
    """Answer a DUO/CBS-shaped reference graph of ``scale`` times national size."""
    rng = random.Random(seed)
    n_mun = int(342 * scale)
    ordinary = [f"GM{i:04d}" for i in range(1, 10 * n_mun) if f"GM{i:04d}" not in _REAL_CODES]
    muns = sorted(list(_REAL_CODES) + ordinary[: n_mun - len(_REAL_CODES)])
    t = GraphTables()
    t.add_nodes("Municipality", _frame([{"id": m, "name": f"Gemeente {m[2:]}", "code": m[2:]}
                                        for m in muns]))
    regions, part_of = [], []
    for scheme, count in (("provincie", 12), ("arbeidsmarktregio", 35), ("corop", 40)):
        for k, chunk in enumerate(_chunks(muns, max(1, int(count * scale)))):
            rid = f"{scheme}:{scheme[:2].upper()}{k + 1:02d}"
            regions.append({"id": rid, "scheme": scheme, "code": rid.split(":")[1],
                            "name": f"{scheme.capitalize()} {k + 1}"})
            part_of += [{"start": m, "end": rid} for m in chunk]
    swv = [f"swv-po:PO{k + 1:04d}" for k in range(max(1, int(75 * scale)))]
    regions += [{"id": r, "scheme": "swv-po", "code": r.split(":")[1], "name": f"SWV {r[-4:]}"}
                for r in swv]
    t.add_nodes("Region", _frame(regions))
    t.add_relationships("PART_OF", "Municipality", "Region", _frame(part_of))
    boards, schools, governs, located, in_area = [], [], [], [], []
    n_boards = int(1500 * scale)
    school_no = 0
    for b in range(n_boards):
        bid = f"{10000 + b:05d}"
        sector = rng.choices([s for s, _ in _SECTOR_MIX], [w for _, w in _SECTOR_MIX])[0]
        boards.append({"id": bid, "name": f"{rng.choice(_WORDS)} {rng.choice(_WORDS)} {b}"})
        home = rng.randrange(n_mun)
        size = max(1, int(rng.paretovariate(1.1))) if sector != "mbo" else rng.randint(3, 15)
        for _ in range(min(size, 120)):
            school_no += 1
            sid = f"S{school_no:06d}"
            m = muns[min(n_mun - 1, max(0, home + int(rng.gauss(0, 2))))]
            schools.append({"id": sid, "name": f"School {school_no}", "sector": sector,
                            "municipality_code": m, "pupils": rng.randint(40, 900)})
            governs.append({"start": bid, "end": sid})
            located.append({"start": sid, "end": m})
            if sector in ("po", "sbo"):
                in_area.append({"start": sid, "end": swv[min(len(swv) - 1,
                                                             muns.index(m) * len(swv) // n_mun)]})
    t.add_nodes("Board", _frame(boards))
    t.add_nodes("School", _frame(schools))
    t.add_relationships("GOVERNS", "Board", "School", _frame(governs))
    t.add_relationships("LOCATED_IN", "School", "Municipality", _frame(located))
    t.add_relationships("IN_AREA", "School", "Region", _frame(in_area))
    colleges, offered_by, offered_in = [], [], []
    ho_boards = [f"{10000 + n_boards + k:05d}" for k in range(max(1, int(40 * scale)))]
    t.add_nodes("Board", _frame([{"id": h, "name": f"Hogeschool {k}"}
                                 for k, h in enumerate(ho_boards)]))
    for k in range(int(300 * scale)):
        cid = f"rio{k % len(ho_boards)}:{34000 + k}:C{k}"
        m = muns[rng.randrange(n_mun)]
        colleges.append({"id": cid, "name": f"Lerarenopleiding {k}", "programme": "pabo",
                         "city": f"Gemeente {m[2:]}", "croho": str(34000 + k)})
        offered_by.append({"start": cid, "end": ho_boards[k % len(ho_boards)]})
        offered_in.append({"start": cid, "end": m})
    t.add_nodes("TeacherCollege", _frame(colleges))
    t.add_relationships("OFFERED_BY", "TeacherCollege", "Board", _frame(offered_by))
    t.add_relationships("OFFERED_IN", "TeacherCollege", "Municipality", _frame(offered_in))
    return GraphTables.combine([t])


def synthetic_national(scale: float = 1.0, seed: int = 42) -> GraphTables:
    """Answer the synthetic reference plus the demo registry generated on it (both synthetic)."""
    from importers.demo_registry import demo_registry_result
    reference = synthetic_reference(scale, seed)
    registry = demo_registry_result(reference, seed=seed)
    return GraphTables.combine([reference, registry.tables])
