"""Data shaping for the explorer: the tables the app's pages draw, computed from the store.

Each function answers a plain DataFrame (or dict) from one or two read queries in the
common Cypher subset, then shapes it in pandas.  Pages call these and never write Cypher.
Costs are given at national size (~15k nodes, ~300 partnerships, ~5k memberships).
"""

from __future__ import annotations

from datetime import date
from itertools import combinations
from typing import Any

import pandas as pd

from .store.base import GraphStore

__all__ = [
    "overview_counts",
    "sector_counts",
    "synthetic_sources",
    "memberships",
    "overlap_pairs",
    "overlap_matrix",
    "shared_members",
    "boards_in_several",
    "member_sectors",
    "sector_mix",
    "sector_mixing_matrix",
    "bridging_members",
    "partnership_kinds",
    "result_frame",
    "activity_details",
]

_SECTOR_ORDER = ("po", "sbo", "so", "vso", "vo", "mbo", "ho")


def overview_counts(store: GraphStore) -> pd.DataFrame:
    """Answer nodes per label and relationships per type as one table (kind, name, count).

    Cost: ~20 count queries, a few ms each.
    """
    nodes, rels = store.counts()
    rows = [("node", label, n) for label, n in nodes.items()]
    rows += [("relationship", rel, n) for rel, n in rels.items()]
    return pd.DataFrame(rows, columns=["kind", "name", "count"])


def sector_counts(store: GraphStore) -> pd.DataFrame:
    """Answer schools per sector and boards per sector (a board counts in each of its sectors).

    Cost: two aggregate queries, ~10 ms.
    """
    schools = store.read("MATCH (s:School) RETURN s.sector AS sector, count(s) AS n")
    boards = store.read("MATCH (b:Board) RETURN b.sectors AS sectors")
    counts: dict[str, dict[str, int]] = {}
    for sector, n in schools.rows:
        counts.setdefault(sector or "unknown", {})["schools"] = int(n)
    for (sectors,) in boards.rows:
        for sector in _as_list(sectors) or ["unknown"]:
            row = counts.setdefault(sector, {})
            row["boards"] = row.get("boards", 0) + 1
    colleges = store.read("MATCH (t:TeacherCollege) RETURN count(t) AS n").scalar() or 0
    if colleges:
        counts.setdefault("ho", {})["teacher colleges"] = int(colleges)
    frame = pd.DataFrame.from_dict(counts, orient="index").fillna(0).astype(int)
    for column in ("schools", "boards", "teacher colleges"):
        if column not in frame.columns:
            frame[column] = 0
    order = [s for s in _SECTOR_ORDER if s in frame.index] + \
            sorted(s for s in frame.index if s not in _SECTOR_ORDER)
    frame = frame.loc[order, ["schools", "boards", "teacher colleges"]]
    frame.index.name = "sector"
    return frame.reset_index()


def synthetic_sources(store: GraphStore) -> list[str]:
    """Answer the names of loaded datasets that are synthetic (e.g. the demo registry).

    A dataset counts when its Source node says ``synthetic: true`` or when registry nodes
    (partnerships, activities, organisations) carry ``synthetic: true`` - so the banner
    shows even if a loader wrote no Source node.  Cost: four small queries, a few ms.
    """
    found = {row[0] for row in store.read(
        "MATCH (s:Source) WHERE s.synthetic = true RETURN s.id AS id").rows}
    for label in ("Partnership", "Activity", "Organisation"):
        found.update(row[0] or "unnamed" for row in store.read(
            f"MATCH (n:{label}) WHERE n.synthetic = true RETURN DISTINCT n.source AS source "
            "LIMIT 20").rows)
    return sorted(found)


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value if v is not None]
    return [str(value)]


def _in_period(frame: pd.DataFrame, as_of: date | str | None) -> pd.DataFrame:
    if as_of is None or frame.empty:
        return frame
    day = str(as_of)
    start = frame["valid_from"].fillna("0000-01-01")
    end = frame["valid_to"].fillna("9999-12-31")
    return frame[(start <= day) & (end >= day)]


def memberships(store: GraphStore, as_of: date | str | None = None) -> pd.DataFrame:
    """Answer every membership as a row: partnership (id, name, kind), member and its sectors.

    Columns: partnership, partnership_name, kind, member (``Label:id``), member_label,
    member_id, member_name, sectors (list), role, valid_from, valid_to.  With ``as_of``
    only memberships valid on that date.  Cost: one query, ~5k rows, ~50 ms.
    """
    result = store.read(
        "MATCH (m)-[r:MEMBER_OF]->(p:Partnership) "
        "RETURN p.id AS partnership, p.name AS partnership_name, p.kind AS kind, "
        "labels(m) AS labels, m.id AS member_id, m.name AS member_name, "
        "m.sector AS sector, m.sectors AS board_sectors, r.role AS role, "
        "r.valid_from AS valid_from, r.valid_to AS valid_to")
    rows = []
    for rec in result.records():
        label = _as_list(rec["labels"])[0] if rec["labels"] else ""
        rows.append({
            "partnership": rec["partnership"],
            "partnership_name": rec["partnership_name"] or rec["partnership"],
            "kind": rec["kind"] or "other",
            "member": f"{label}:{rec['member_id']}",
            "member_label": label,
            "member_id": rec["member_id"],
            "member_name": rec["member_name"] or rec["member_id"],
            "sectors": _member_sector_list(label, rec["sector"], rec["board_sectors"]),
            "role": rec["role"],
            "valid_from": rec["valid_from"],
            "valid_to": rec["valid_to"],
        })
    columns = ["partnership", "partnership_name", "kind", "member", "member_label", "member_id",
               "member_name", "sectors", "role", "valid_from", "valid_to"]
    return _in_period(pd.DataFrame(rows, columns=columns), as_of)


def _member_sector_list(label: str, sector: Any, board_sectors: Any) -> list[str]:
    if label == "TeacherCollege":
        return ["ho"]
    if label == "School":
        return _as_list(sector)
    if label == "Board":
        return _as_list(board_sectors)
    return []


def partnership_kinds(members: pd.DataFrame) -> list[str]:
    """Answer the partnership kinds present in ``members``, most partnerships first."""
    if members.empty:
        return []
    counts = members.drop_duplicates("partnership")["kind"].value_counts()
    return list(counts.index)


def _filter_kind(members: pd.DataFrame, kinds: list[str] | None) -> pd.DataFrame:
    if kinds:
        return members[members["kind"].isin(kinds)]
    return members


def overlap_pairs(members: pd.DataFrame, kinds: list[str] | None = None,
                  min_shared: int = 1) -> pd.DataFrame:
    """Answer the partnership pairs sharing members: shared count, sizes and Jaccard overlap.

    Computed by a self-join on member in pandas (no per-pair queries).  Cost at national
    size: ~5k memberships -> tens of thousands of pairs, ~0.1 s.
    """
    columns = ["a", "a_name", "a_kind", "b", "b_name", "b_kind", "shared", "a_size", "b_size",
               "jaccard"]
    sub = _filter_kind(members, kinds)[["partnership", "partnership_name", "kind", "member"]]
    sub = sub.drop_duplicates(["partnership", "member"])
    if sub.empty:
        return pd.DataFrame(columns=columns)
    sizes = sub.groupby("partnership")["member"].nunique()
    joined = sub.merge(sub, on="member", suffixes=("_a", "_b"))
    joined = joined[joined["partnership_a"] < joined["partnership_b"]]
    if joined.empty:
        return pd.DataFrame(columns=columns)
    pairs = (joined.groupby(["partnership_a", "partnership_b"], as_index=False)
             .agg(a_name=("partnership_name_a", "first"), a_kind=("kind_a", "first"),
                  b_name=("partnership_name_b", "first"), b_kind=("kind_b", "first"),
                  shared=("member", "nunique")))
    pairs = pairs.rename(columns={"partnership_a": "a", "partnership_b": "b"})
    pairs["a_size"] = pairs["a"].map(sizes).astype(int)
    pairs["b_size"] = pairs["b"].map(sizes).astype(int)
    union = pairs["a_size"] + pairs["b_size"] - pairs["shared"]
    pairs["jaccard"] = (pairs["shared"] / union).round(3)
    pairs = pairs[pairs["shared"] >= min_shared]
    return pairs[columns].sort_values(["shared", "jaccard"], ascending=False,
                                      ignore_index=True)


def overlap_matrix(pairs: pd.DataFrame, limit: int = 40, value: str = "shared") -> pd.DataFrame:
    """Answer a square partnership x partnership matrix of ``value`` (shared or jaccard).

    ``pairs`` is the answer of :func:`overlap_pairs`.  Only the ``limit`` partnerships with
    the most overlap are kept, so the heatmap stays readable; the diagonal is left empty.
    Index and columns are partnership names.
    """
    if pairs.empty:
        return pd.DataFrame()
    totals = pd.concat([pairs[["a", "shared"]].rename(columns={"a": "p"}),
                        pairs[["b", "shared"]].rename(columns={"b": "p"})])
    keep = list(totals.groupby("p")["shared"].sum().sort_values(ascending=False).index[:limit])
    names = dict(zip(pairs["a"], pairs["a_name"])) | dict(zip(pairs["b"], pairs["b_name"]))
    matrix = pd.DataFrame(float("nan"), index=keep, columns=keep)
    for row in pairs[pairs["a"].isin(keep) & pairs["b"].isin(keep)].itertuples():
        matrix.loc[row.a, row.b] = getattr(row, value)
        matrix.loc[row.b, row.a] = getattr(row, value)
    labels = [f"{names.get(p, p)} ({p})" for p in keep]
    matrix.index, matrix.columns = labels, labels
    return matrix


def shared_members(members: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """Answer the members two partnerships have in common, with their role in each."""
    left = members[members["partnership"] == a][["member", "member_label", "member_name", "role"]]
    right = members[members["partnership"] == b][["member", "role"]]
    both = left.merge(right, on="member", suffixes=(f" in {a}", f" in {b}"))
    return both.drop_duplicates("member").reset_index(drop=True)


def boards_in_several(members: pd.DataFrame, kind: str | None = None,
                      min_networks: int = 2) -> pd.DataFrame:
    """Answer boards that sit in ``min_networks`` or more partnerships (of ``kind`` if given).

    Columns: board, board_name, networks, partnership_names.  Cost: one groupby, ~10 ms.
    """
    sub = members[members["member_label"] == "Board"]
    if kind:
        sub = sub[sub["kind"] == kind]
    columns = ["board", "board_name", "networks", "partnership_names"]
    if sub.empty:
        return pd.DataFrame(columns=columns)
    grouped = (sub.drop_duplicates(["member_id", "partnership"])
               .groupby("member_id", as_index=False)
               .agg(board_name=("member_name", "first"), networks=("partnership", "nunique"),
                    partnership_names=("partnership_name", lambda s: "; ".join(sorted(s)))))
    grouped = grouped.rename(columns={"member_id": "board"})
    grouped = grouped[grouped["networks"] >= min_networks]
    return grouped[columns].sort_values(["networks", "board"], ascending=[False, True],
                                        ignore_index=True)


def member_sectors(members: pd.DataFrame) -> pd.DataFrame:
    """Answer one row per (partnership, sector) present among its members."""
    exploded = members[["partnership", "partnership_name", "kind", "member", "sectors"]]
    exploded = exploded.explode("sectors").dropna(subset=["sectors"])
    return exploded.rename(columns={"sectors": "sector"})


def sector_mix(members: pd.DataFrame) -> pd.DataFrame:
    """Answer per partnership the number of members per sector and the sector mix label.

    Columns: partnership, partnership_name, kind, one column per sector, sectors (count of
    sectors present), mix (e.g. ``po+vo+mbo``).  Cost: a pivot, ~20 ms.
    """
    exploded = member_sectors(members)
    if exploded.empty:
        return pd.DataFrame(columns=["partnership", "partnership_name", "kind", "sectors", "mix"])
    pivot = (exploded.drop_duplicates(["partnership", "member", "sector"])
             .pivot_table(index=["partnership", "partnership_name", "kind"], columns="sector",
                          values="member", aggfunc="count", fill_value=0))
    order = [s for s in _SECTOR_ORDER if s in pivot.columns] + \
            sorted(s for s in pivot.columns if s not in _SECTOR_ORDER)
    pivot = pivot[order]
    pivot["sectors"] = (pivot > 0).sum(axis=1)
    pivot["mix"] = ["+".join(s for s in order if row[s] > 0)
                    for _, row in pivot[order].iterrows()]
    pivot.columns.name = None
    return pivot.reset_index().sort_values(["sectors", "partnership"], ascending=[False, True],
                                           ignore_index=True)


def sector_mixing_matrix(members: pd.DataFrame) -> pd.DataFrame:
    """Answer a sector x sector matrix: partnerships with members of both sectors.

    The diagonal is the number of partnerships with a member of that sector.
    """
    exploded = member_sectors(members).drop_duplicates(["partnership", "sector"])
    sectors = [s for s in _SECTOR_ORDER if s in set(exploded["sector"])] + \
        sorted(set(exploded["sector"]) - set(_SECTOR_ORDER))
    matrix = pd.DataFrame(0, index=sectors, columns=sectors)
    for _, group in exploded.groupby("partnership"):
        present = sorted(set(group["sector"]), key=sectors.index)
        for s in present:
            matrix.loc[s, s] += 1
        for s, t in combinations(present, 2):
            matrix.loc[s, t] += 1
            matrix.loc[t, s] += 1
    return matrix


def bridging_members(members: pd.DataFrame, min_sectors: int = 2) -> pd.DataFrame:
    """Answer members (boards, colleges, schools) whose partnerships reach ``min_sectors`` sectors.

    A member bridges sectors when the partnerships it belongs to together contain members
    of several sectors.  Columns: member, member_label, member_name, own_sectors,
    partnerships, sectors_reached, reached.  Vectorised: ~50 ms at national size.
    """
    columns = ["member", "member_label", "member_name", "own_sectors", "partnerships",
               "sectors_reached", "reached"]
    wanted = members[members["member_label"].isin(["Board", "TeacherCollege", "School"])]
    if wanted.empty:
        return pd.DataFrame(columns=columns)
    in_partnership = member_sectors(members)[["partnership", "sector"]].drop_duplicates()
    links = wanted[["member", "partnership"]].drop_duplicates()
    reached = links.merge(in_partnership, on="partnership")[["member", "sector"]].drop_duplicates()
    rank = {s: i for i, s in enumerate(_SECTOR_ORDER)}
    reached = reached.assign(_o=reached["sector"].map(lambda s: rank.get(s, 99)))
    reached = reached.sort_values(["member", "_o", "sector"])
    per_member = reached.groupby("member")["sector"].agg(["count", lambda s: "+".join(s)])
    per_member.columns = ["sectors_reached", "reached"]
    first = wanted.drop_duplicates("member").set_index("member")
    frame = pd.DataFrame({
        "member_label": first["member_label"], "member_name": first["member_name"],
        "own_sectors": first["sectors"].map(lambda v: "+".join(sorted(v or []))),
        "partnerships": links.groupby("member")["partnership"].nunique(),
    }).join(per_member).fillna({"sectors_reached": 0, "reached": ""})
    frame["sectors_reached"] = frame["sectors_reached"].astype(int)
    frame = frame.rename_axis("member").reset_index()[columns]
    frame = frame[frame["sectors_reached"] >= min_sectors]
    return frame.sort_values(["sectors_reached", "partnerships", "member"],
                             ascending=[False, False, True], ignore_index=True)


def result_frame(result) -> pd.DataFrame:
    """Answer a query result as a DataFrame of plain text/number cells for display.

    Nodes, relationships and paths become JSON text (as in the CLI's CSV); numbers stay.
    """
    import json

    from .export import plain

    def cell(value: Any) -> Any:
        value = plain(value)
        if isinstance(value, (dict, list)):
            return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
        return value

    return pd.DataFrame([[cell(v) for v in row] for row in result.rows],
                        columns=list(result.columns))


def activity_details(store: GraphStore, ids: list[str]) -> dict[str, pd.Series]:
    """Answer per activity id its properties and partnership, as a Series (for side by side)."""
    result = store.read(
        "MATCH (a:Activity) WHERE a.id IN $ids OPTIONAL MATCH (p:Partnership)-[:RUNS]->(a) "
        "RETURN a.id AS id, properties(a) AS props, p.id AS partnership, p.name AS name",
        {"ids": list(ids)})
    out = {}
    for node_id, props, partnership, name in result.rows:
        shown = {"partnership": f"{name} ({partnership})" if partnership else ""}
        for key in ("title", "function", "description", "programme_line", "target_groups",
                    "area", "start", "end", "source"):
            if props.get(key) is not None:
                shown[key] = props[key]
        out[node_id] = pd.Series(shown, name="value")
    return out
