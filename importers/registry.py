"""Reading a partnership registry into graph tables.

:func:`read_registry` reads the registry files (see :mod:`importers.registry_schema`),
checks what the per-column rules cannot (real dates, ``valid_from`` not after ``valid_to``,
references to known partnerships, one row per member and partnership, known areas), links
members to DUO boards, schools and teacher colleges (codes directly, names through
:mod:`importers.matching`; a ``pin`` wins) and answers an
:class:`~importers.base.ImportResult` with Partnership, Organisation, Activity, Person and -
for kinds ``rap`` and ``onderwijsregio`` - Region nodes (``rap:<id>``,
``onderwijsregio:<id>``) with Municipality PART_OF Region from the coverage.  Every check
happens before anything is produced, so a bad registry raises :class:`InputError` and
nothing reaches a store.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from graph.errors import InputError
from graph.tables import GraphTables

from .base import ImportResult, SourceInfo, Unlinked
from .matching import DEFAULT_THRESHOLD, NameMatcher, candidates_from_tables
from .registry_schema import RegistryTables, read_registry_tables

__all__ = ["REGION_KINDS", "read_registry", "registry_result", "MemberLink", "resolve_members"]

#: Partnership kinds that also become a Region of the same scheme.
REGION_KINDS = ("rap", "onderwijsregio")

_BOARD = re.compile(r"\d{5}")
_BRIN = re.compile(r"[0-9]{2}[A-Z]{2}")
_VEST = re.compile(r"[0-9]{2}[A-Z]{2}[0-9]{2}")


def read_registry(*paths, reference: GraphTables | None = None,
                  extra_candidates: pd.DataFrame | None = None, source: str = "registry",
                  source_date: str | None = None, synthetic: bool = False,
                  threshold: float = DEFAULT_THRESHOLD,
                  duo: GraphTables | None = None) -> ImportResult:
    """Answer the graph tables of the registry at ``paths`` (XLSX, CSV files or a folder).

    ``reference`` (also accepted as ``duo``) are the DUO/CBS tables members and areas are linked to (without them,
    codes are trusted and names become Organisations); ``extra_candidates`` more names for
    matching (kind, key, name); ``source``/``source_date`` the provenance written on every
    row (default date: the newest file's modification date); ``synthetic`` marks every
    row as generated.  Cost: ~1 s for 1,000 partnerships with 10,000 members (matching
    dominates: ~5 ms per distinct member name).
    """
    if len(paths) == 1 and isinstance(paths[0], (list, tuple)):
        paths = tuple(paths[0])
    reference = reference if reference is not None else duo
    tables = read_registry_tables(*paths)
    if source_date is None:
        files = [Path(p) for p in paths]
        stamps = [f.stat().st_mtime for p in files for f in ([p] if p.is_file() else p.iterdir())]
        source_date = _dt.date.fromtimestamp(max(stamps)).isoformat()
    return registry_result(tables, reference=reference, extra_candidates=extra_candidates,
                           source=source, source_date=source_date, synthetic=synthetic,
                           threshold=threshold)


def _err(rt: RegistryTables, table: str, line, column: str, message: str, value, fix: str):
    file, sheet = rt.where(table)
    return InputError(message, file=file, sheet=sheet, line=None if line is None else int(line),
                      column=column, value=value, fix=fix)


def _check_dates(rt: RegistryTables, table: str, start: str, end: str) -> None:
    frame = rt.table(table)
    for rec in frame.to_dict("records"):
        parsed = {}
        for col in (start, end):
            value = rec.get(col)
            if value:
                try:
                    parsed[col] = _dt.date.fromisoformat(value)
                except ValueError:
                    raise _err(rt, table, rec["_line"], col, "not a real date", value,
                               "write an existing date as YYYY-MM-DD") from None
        if len(parsed) == 2 and parsed[start] > parsed[end]:
            raise _err(rt, table, rec["_line"], end, f"{end} is before {start} ({rec[start]})",
                       rec[end], f"swap the dates or correct them: {start} <= {end}")


def _check_refs(rt: RegistryTables) -> set[str]:
    known = set(rt.table("partnerships")["id"])
    for table in ("memberships", "activities", "coverage", "contacts"):
        frame = rt.table(table)
        bad = frame[~frame["partnership"].isin(known)]
        if len(bad):
            rec = bad.iloc[0]
            raise _err(rt, table, rec["_line"], "partnership", "unknown partnership",
                       rec["partnership"], "use an id from the partnerships table or add "
                                           "that partnership there")
    members = rt.table("memberships")
    key = members["partnership"] + "\x00" + members["member"].str.strip().str.lower()
    dup = key.duplicated()
    if dup.any():
        rec = members[dup].iloc[0]
        first = members[key == key[dup].iloc[0]].iloc[0]
        raise _err(rt, "memberships", rec["_line"], "member",
                   f"member listed twice for partnership {rec['partnership']!r} "
                   f"(also on line {first['_line']})", rec["member"],
                   "keep one row per member and partnership; for a member that left and "
                   "came back, give the whole period in one row")
    return known


def _check_same_member(rt: RegistryTables, links: list["MemberLink"]) -> None:
    """Two rows of one partnership that point at the same node ("41246" and "Stichting
    Pallas") would collapse into one membership: refuse them."""
    seen: dict[tuple[str, str, str], dict] = {}
    for rec, link in zip(rt.table("memberships").to_dict("records"), links):
        key = (rec["partnership"], link.label, link.id)
        if key in seen:
            first = seen[key]
            raise _err(rt, "memberships", rec["_line"], "member",
                       f"the same {link.label.lower()} {link.id} as {first['member']!r} on line "
                       f"{first['_line']} (partnership {rec['partnership']!r})", rec["member"],
                       "keep one row per member and partnership (or pin one of them to "
                       "something else if the match is wrong)")
        seen[key] = rec


def slug(text: str) -> str:
    """Answer ``text`` as an id: lower case ASCII letters/digits joined by ``-``."""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:60] or "x"


@dataclass
class MemberLink:
    """Where one membership row points: ``label``/``id`` of the member node, its
    ``score`` and ``status`` (code, pinned, matched, ambiguous, unmatched, organisation,
    unknown-code, not-matched) and, for Organisations, the node's ``name``/``kind``."""

    label: str
    id: str
    score: float
    status: str
    name: str | None = None
    kind: str | None = None
    candidates: str = ""


@dataclass
class _Reference:
    boards: set[str] = field(default_factory=set)
    schools: set[str] = field(default_factory=set)
    colleges: set[str] = field(default_factory=set)
    brin_boards: dict[str, set[str]] = field(default_factory=dict)
    municipalities: dict[str, str] = field(default_factory=dict)  # lower name -> GM code
    regions: set[str] = field(default_factory=set)
    region_members: dict[str, list[str]] = field(default_factory=dict)
    present: bool = False

    @classmethod
    def of(cls, tables: GraphTables | None) -> "_Reference":
        if tables is None:
            return cls()
        ref = cls(present=True)
        ref.boards = set(tables.node_table("Board")["id"].astype(str))
        schools = tables.node_table("School")
        ref.schools = set(schools["id"].astype(str))
        ref.colleges = set(tables.node_table("TeacherCollege")["id"].astype(str))
        governs = tables.rel_table("GOVERNS", "Board", "School")
        if "brin" in schools.columns and len(governs):
            brin = dict(zip(schools["id"], schools["brin"]))
            for b, s in zip(governs["start"], governs["end"]):
                if s in brin and isinstance(brin[s], str):
                    ref.brin_boards.setdefault(brin[s], set()).add(str(b))
        mun = tables.node_table("Municipality")
        ref.municipalities = {str(n).lower(): str(i) for i, n in zip(mun["id"], mun.get("name", mun["id"]))}
        ref.municipalities.update({str(i).lower(): str(i) for i in mun["id"]})
        ref.regions = set(tables.node_table("Region")["id"].astype(str))
        part = tables.rel_table("PART_OF", "Municipality", "Region")
        for m, r in zip(part["start"], part["end"]):
            ref.region_members.setdefault(str(r), []).append(str(m))
        return ref


def _code_link(value: str, ref: _Reference) -> MemberLink | None:
    if _BOARD.fullmatch(value):
        if ref.present and value not in ref.boards:
            return MemberLink("Organisation", f"unknown-board-{value}", 0.0, "unknown-code",
                              name=f"onbekend bestuur {value}", kind="onbekend")
        return MemberLink("Board", value, 100.0, "code")
    if _VEST.fullmatch(value):
        if ref.present and value not in ref.schools:
            return MemberLink("Organisation", f"unknown-school-{value}", 0.0, "unknown-code",
                              name=f"onbekende vestiging {value}", kind="onbekend")
        return MemberLink("School", value, 100.0, "code")
    if _BRIN.fullmatch(value):
        return _brin_link(value, ref, 100.0, "code")
    if value in ref.colleges:
        return MemberLink("TeacherCollege", value, 100.0, "code")
    return None


def _brin_link(brin: str, ref: _Reference, score: float, status: str) -> MemberLink:
    boards = ref.brin_boards.get(brin, set())
    if len(boards) == 1:
        return MemberLink("Board", next(iter(boards)), score, status)
    if brin + "00" in ref.schools:
        return MemberLink("School", brin + "00", score, status)
    return MemberLink("Organisation", f"instelling-{brin.lower()}", score, status,
                      name=f"instelling {brin}", kind="instelling")


def _pin_link(pin: str, rec: dict, ref: _Reference, rt: RegistryTables) -> MemberLink:
    if pin == "none":
        return _organisation(rec, "pinned", 100.0)
    kind, _, key = pin.partition(":")
    label, known = {"board": ("Board", ref.boards), "school": ("School", ref.schools),
                    "college": ("TeacherCollege", ref.colleges),
                    "organisation": ("Organisation", None)}[kind]
    if ref.present and known is not None and key not in known:
        raise _err(rt, "memberships", rec["_line"], "pin", f"the pin names an unknown {kind}",
                   pin, f"use a {kind} id that exists in the DUO data, or pin 'none'")
    if label == "Organisation":
        return MemberLink(label, key, 100.0, "pinned", name=rec["member"],
                          kind=rec.get("organisation_kind") or "overig")
    return MemberLink(label, key, 100.0, "pinned")


def _organisation(rec: dict, status: str, score: float, candidates: str = "") -> MemberLink:
    return MemberLink("Organisation", "org-" + slug(rec["member"]), score, status,
                      name=rec["member"], kind=rec.get("organisation_kind") or "overig",
                      candidates=candidates)


def resolve_members(rt: RegistryTables, reference: GraphTables | None,
                    matcher: NameMatcher | None) -> list[MemberLink]:
    """Answer one :class:`MemberLink` per membership row (pins first, then codes, then
    names through ``matcher``).  Cost: one match per distinct name."""
    ref = _Reference.of(reference)
    cache: dict[str, object] = {}
    out = []
    for rec in rt.table("memberships").to_dict("records"):
        member = rec["member"].strip()
        if rec.get("pin"):
            out.append(_pin_link(rec["pin"], rec, ref, rt))
            continue
        if rec.get("member_type") == "organisation":
            out.append(_organisation(rec, "organisation", 100.0))
            continue
        link = _code_link(member, ref)
        if link is not None:
            out.append(link)
            continue
        if matcher is None:
            out.append(_organisation(rec, "not-matched", 0.0))
            continue
        m = cache.get(member) or matcher.match(member)
        cache[member] = m
        cands = "; ".join(f"{k}:{key} {n} ({s:g})" for k, key, n, s in m.candidates)
        if m.status != "matched":
            out.append(_organisation(rec, m.status, m.score, cands))
        elif m.kind == "board":
            out.append(MemberLink("Board", m.key, m.score, "matched", candidates=cands))
        else:
            link = _brin_link(m.key, ref, m.score, "matched")
            link.candidates = cands
            out.append(link)
    return out


def _area(rec: dict, ref: _Reference, rt: RegistryTables) -> tuple[str, str]:
    area = rec["area"].strip()
    if re.fullmatch(r"GM\d{4}", area):
        if ref.present and area not in ref.municipalities.values():
            raise _err(rt, "coverage", rec["_line"], "area", "unknown municipality code", area,
                       "use a CBS gemeentecode of the 2025 indeling, e.g. GM0392 (Haarlem)")
        return "Municipality", area
    if ":" in area:
        if ref.present and area not in ref.regions:
            raise _err(rt, "coverage", rec["_line"], "area", "unknown region", area,
                       "use a region id <scheme>:<code>, e.g. arbeidsmarktregio:AM12")
        return "Region", area
    code = ref.municipalities.get(area.lower())
    if code is None:
        raise _err(rt, "coverage", rec["_line"], "area", "unknown area", area,
                   "give a CBS code GM####, a region id like corop:CR23 or a municipality "
                   "name exactly as CBS writes it")
    return "Municipality", code


def _frame(rows: list[dict], columns: list[str], source: str, date: str, synthetic: bool) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=columns, dtype=object)
    frame["source"] = source
    frame["source_date"] = date
    if synthetic:
        frame["synthetic"] = True
    return frame


def registry_result(rt: RegistryTables, *, reference: GraphTables | None = None,
                    extra_candidates: pd.DataFrame | None = None, source: str = "registry",
                    source_date: str = "", synthetic: bool = False,
                    threshold: float = DEFAULT_THRESHOLD) -> ImportResult:
    """Answer the :class:`ImportResult` of already-read registry tables (see
    :func:`read_registry`).  Raises :class:`InputError` before building anything."""
    _check_refs(rt)
    _check_dates(rt, "memberships", "valid_from", "valid_to")
    _check_dates(rt, "activities", "start", "end")
    ref = _Reference.of(reference)
    areas = [_area(rec, ref, rt) for rec in rt.table("coverage").to_dict("records")]
    seen_area: dict[tuple[str, str], dict] = {}
    for rec, (_, target) in zip(rt.table("coverage").to_dict("records"), areas):
        first = seen_area.setdefault((rec["partnership"], target), rec)
        if first is not rec:
            raise _err(rt, "coverage", rec["_line"], "area",
                       f"the same area {target} as {first['area']!r} on line {first['_line']}",
                       rec["area"], "give each area once per partnership")
    matcher = None
    if reference is not None:
        matcher = NameMatcher(candidates_from_tables(reference, extra_candidates), threshold=threshold)
    links = resolve_members(rt, reference, matcher)
    _check_same_member(rt, links)

    def frame(rows, cols):
        return _frame(rows, cols, source, source_date, synthetic)

    out = GraphTables()
    parts = rt.table("partnerships")
    prow = [{"id": r["id"], "name": r["name"], "kind": r["kind"], "status": r.get("status"),
             "sector": r.get("sector"), "area": r.get("area"), "website": r.get("website"),
             "reference": r.get("source")} for r in parts.to_dict("records")]
    out.add_nodes("Partnership", frame(prow, ["id", "name", "kind", "status", "sector", "area",
                                              "website", "reference"]))
    kinds = dict(zip(parts["id"], parts["kind"]))
    names = dict(zip(parts["id"], parts["name"]))
    region_of = {p: f"{k}:{p}" for p, k in kinds.items() if k in REGION_KINDS}
    if region_of:
        out.add_nodes("Region", frame(
            [{"id": rid, "scheme": kinds[p], "code": p, "name": names[p]} for p, rid in region_of.items()],
            ["id", "scheme", "code", "name"]))

    orgs: dict[str, dict] = {}
    member_rows: dict[str, list[dict]] = {}
    unlinked: dict[str, list[str]] = {}
    for rec, link in zip(rt.table("memberships").to_dict("records"), links):
        if link.label == "Organisation" and link.id not in orgs:
            orgs[link.id] = {"id": link.id, "name": link.name or rec["member"], "kind": link.kind}
        if link.status in ("ambiguous", "unmatched", "unknown-code", "not-matched"):
            unlinked.setdefault(link.status, []).append(rec["member"])
        member_rows.setdefault(link.label, []).append({
            "start": link.id, "end": rec["partnership"], "role": rec["role"],
            "valid_from": rec.get("valid_from"), "valid_to": rec.get("valid_to"),
            "match_score": round(float(link.score), 1), "match_status": link.status,
            "member_given": rec["member"], "member_type": rec.get("member_type"),
            "organisation_kind": rec.get("organisation_kind"), "pin": rec.get("pin"),
            "note": rec.get("note")})
    if orgs:
        out.add_nodes("Organisation", frame(list(orgs.values()), ["id", "name", "kind"]))
    rel_cols = ["start", "end", "role", "valid_from", "valid_to", "match_score", "match_status",
                "member_given", "member_type", "organisation_kind", "pin", "note"]
    for label, rows in member_rows.items():
        out.add_relationships("MEMBER_OF", label, "Partnership", frame(rows, rel_cols))

    acts = rt.table("activities")
    if len(acts):
        arows = []
        for r in acts.to_dict("records"):
            groups = [g.strip() for g in re.split(r"[,;|]", r.get("target_groups") or "") if g.strip()]
            arows.append({"id": r["id"], "title": r["title"], "description": r.get("description"),
                          "function": r["function"], "programme_line": r.get("programme_line"),
                          "target_groups": groups or None, "area": r.get("area"),
                          "start": r.get("start"), "end": r.get("end"),
                          "demo_duplicate_group": r.get("demo_duplicate_group")})
        out.add_nodes("Activity", frame(arows, ["id", "title", "description", "function",
                                                "programme_line", "target_groups", "area", "start",
                                                "end", "demo_duplicate_group"]))
        out.add_relationships("RUNS", "Partnership", "Activity", frame(
            [{"start": r["partnership"], "end": r["id"]} for r in acts.to_dict("records")],
            ["start", "end"]))

    cover: dict[str, list[dict]] = {}
    part_of: list[dict] = []
    for rec, (label, target) in zip(rt.table("coverage").to_dict("records"), areas):
        cover.setdefault(label, []).append({"start": rec["partnership"], "end": target,
                                            "area_given": rec["area"],
                                            "area_name": rec.get("area_name")})
        if rec["partnership"] in region_of:
            muns = [target] if label == "Municipality" else ref.region_members.get(target, [])
            if label == "Region" and not muns:
                unlinked.setdefault("region coverage not expanded to municipalities", []).append(target)
            part_of += [{"start": m, "end": region_of[rec["partnership"]]} for m in muns]
    for label, rows in cover.items():
        out.add_relationships("COVERS", "Partnership", label,
                              frame(rows, ["start", "end", "area_given", "area_name"]))
    if part_of:
        out.add_relationships("PART_OF", "Municipality", "Region",
                              frame(part_of, ["start", "end"]).drop_duplicates(["start", "end"]))

    contacts = rt.table("contacts")
    if len(contacts):
        recs = contacts.to_dict("records")
        out.add_nodes("Person", frame([{"id": r["id"], "name": r["name"], "role": r.get("role"),
                                        "organisation": r.get("organisation")} for r in recs],
                                      ["id", "name", "role", "organisation"]))
        out.add_relationships("CONTACT_FOR", "Person", "Partnership", frame(
            [{"start": r["id"], "end": r["partnership"]} for r in recs], ["start", "end"]))

    rows_read = sum(len(rt.table(t)) for t in rt.tables)
    info = SourceInfo(name=source, title="Partnership registry" + (" (synthetic demo)" if synthetic else ""),
                      date=source_date, publisher="registry owner", synthetic=synthetic)
    report = [Unlinked(f"members {status}", len(v), list(dict.fromkeys(v))[:5])
              for status, v in unlinked.items()]
    return ImportResult(out, [info], report, rows_read)
