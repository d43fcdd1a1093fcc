"""Property: any valid registry survives files -> ImportResult -> store -> registry tables
unchanged (Hypothesis generates the registries; text includes accents, quotes, commas,
semicolons and newlines)."""

from __future__ import annotations

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.model import FUNCTIONS, MEMBER_ROLES, PARTNERSHIP_KINDS
from graph.tables import GraphTables
from importers.registry import read_registry
from importers.registry_export import export_registry
from importers.registry_template import registry_columns, write_registry

from .registry_fixtures import reference

_TEXT = st.text(alphabet=st.sampled_from(list("abcXYZ éëï',;\"-&.()/0123456789\n")), max_size=25) \
    .map(lambda s: " ".join(s.split()))  # the reader strips cells; keep text as it would come back
_ID = st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True)
_DATE = st.dates(min_value=pd.Timestamp("2015-01-01").date(),
                 max_value=pd.Timestamp("2030-12-31").date())
_MEMBERS = ["41246", "41853", "32JK00", "Stichting OPO Haarlemmermeer", "Gemeente Velsen", "Stichting Prisma",
            "Kinderopvang 't Kofschip"]


@st.composite
def registries(draw):
    pids = draw(st.lists(_ID, min_size=1, max_size=4, unique=True))
    parts = [{"id": p, "name": draw(_TEXT.filter(bool)), "kind": draw(st.sampled_from(PARTNERSHIP_KINDS)),
              "status": draw(_TEXT), "website": draw(_TEXT), "source": draw(_TEXT)} for p in pids]
    members = []
    for p in pids:
        for m in draw(st.lists(st.sampled_from(_MEMBERS), min_size=1, max_size=4, unique=True)):
            a, b = sorted([draw(_DATE), draw(_DATE)])
            members.append({"partnership": p, "member": m, "role": draw(st.sampled_from(MEMBER_ROLES)),
                            "valid_from": a.isoformat() if draw(st.booleans()) else "",
                            "valid_to": b.isoformat() if draw(st.booleans()) else "",
                            "note": draw(_TEXT),
                            "member_type": "organisation" if m.startswith(("Gemeente", "Kinder")) else ""})
    acts = [{"id": f"{p}-a{i}", "partnership": p, "title": draw(_TEXT.filter(bool)),
             "description": draw(_TEXT), "function": draw(st.sampled_from(FUNCTIONS)),
             "programme_line": draw(_TEXT), "target_groups": ", ".join(draw(st.lists(
                 st.sampled_from(["zij-instromers", "studenten", "starters"]), unique=True)))}
            for p in pids for i in range(draw(st.integers(0, 2)))]
    cover = [{"partnership": p, "area": a} for p in pids
             for a in draw(st.lists(st.sampled_from(["GM0392", "GM0394", "arbeidsmarktregio:AM99", "Velsen"]),
                                    unique=True, max_size=2))]
    return {"partnerships": pd.DataFrame(parts), "memberships": pd.DataFrame(members),
            "activities": pd.DataFrame(acts), "coverage": pd.DataFrame(cover)}


def _norm(frame, table):
    frame = frame.reindex(columns=registry_columns(table)).astype(object)
    frame = frame.where(frame.notna(), "").astype(str)
    return sorted(map(tuple, frame.values.tolist()))


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(reg=registries())
def test_any_registry_round_trips(store, tmp_path_factory, reg):
    folder = tmp_path_factory.mktemp("reg")
    write_registry(reg, folder)
    result = read_registry(folder, reference=reference(), source_date="2025-01-01")
    store.replace_graph(GraphTables.combine([reference(), result.tables]))
    back = export_registry(store)
    for table, frame in reg.items():
        assert _norm(back[table], table) == _norm(frame, table), table
