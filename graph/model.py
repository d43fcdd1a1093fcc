"""The graph model: every label, relationship type, key and property, in one place.

Each node label has one key property, ``id`` (a string), unique within the label:

===============  =====================================================================
Board            DUO bevoegd-gezag number, 5 digits with leading zeros (``"41234"``)
School           DUO vestigingscode, BRIN + 2 (``"32JK00"``); mbo locations use the BRIN
                 + volgnummer of the KiesMBO file (``"25GV01"``)
TeacherCollege   ``<rio bestuur id>:<croho code>:<city>`` - one teacher-training offering
Municipality     CBS gemeentecode ``GM####``
Region           ``<scheme>:<code>`` with scheme in :data:`REGION_SCHEMES`
Partnership      the registry's partnership id (RAP region, SO&P partnership, ...)
Organisation     registry id of a member that is no board/school/college (municipality
                 office, childcare, youth care, sector council)
Activity         registry activity id
Person           registry contact id
Source           dataset name (``duo-po-vestigingen``); one node per imported dataset
===============  =====================================================================

Every node and relationship carries ``source`` (dataset name) and ``source_date`` (ISO date
of the dataset).  Generated (demo) data also carries ``synthetic: true``.

Dates are stored as ISO strings (``"2024-08-01"``) so both stores return them the same way;
compare them with ``date(x)`` inside ``WHERE`` only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "SECTORS",
    "REGION_SCHEMES",
    "PARTNERSHIP_KINDS",
    "MEMBER_ROLES",
    "FUNCTIONS",
    "NodeSpec",
    "RelSpec",
    "NODES",
    "RELATIONSHIPS",
    "COMMON_PROPERTIES",
    "node_spec",
    "rel_spec",
    "region_id",
]

#: Education sectors as DUO names them (sbo/so/vso are the special-needs sectors).
SECTORS = ("po", "sbo", "so", "vso", "vo", "mbo", "ho")

#: Region schemes; a Region's id is ``<scheme>:<code>``.
REGION_SCHEMES = (
    "provincie",
    "arbeidsmarktregio",
    "corop",
    "rmc",
    "onderwijsgebied",
    "swv-po",
    "swv-vo",
    "rap",
    "onderwijsregio",
)

#: Kinds of partnership a registry may list.
PARTNERSHIP_KINDS = (
    "rap",
    "samen-opleiden",
    "onderwijsregio",
    "alliantie",
    "transfercentrum",
    "vervangingspool",
    "swv",
    "convenant",
    "other",
)

#: Roles a member can have in a partnership.
MEMBER_ROLES = ("penvoerder", "partner", "opleiding", "gemeente", "other")

#: The five functions of a regional approach.
FUNCTIONS = ("werven", "matchen", "opleiden", "begeleiden", "professionaliseren")

#: Properties every node and relationship has.
COMMON_PROPERTIES = {"source": "str", "source_date": "str"}


@dataclass(frozen=True)
class NodeSpec:
    """A node label: its key (always ``id``) and its documented properties (name -> type)."""

    label: str
    description: str
    properties: dict[str, str] = field(default_factory=dict)
    key: str = "id"


@dataclass(frozen=True)
class RelSpec:
    """A relationship type between two labels and its documented properties."""

    type: str
    start: str
    end: str
    description: str
    properties: dict[str, str] = field(default_factory=dict)


_NODE_LIST = [
    NodeSpec("Board", "A school board (bevoegd gezag): the legal body running schools.", {
        "name": "str", "sectors": "list[str]", "groepering": "str", "synthetic": "bool"}),
    NodeSpec("School", "A school location (vestiging) of any sector.", {
        "name": "str", "brin": "str", "sector": "str", "municipality_code": "str",
        "postcode": "str", "city": "str", "denomination": "str", "pupils": "int",
        "pupils_year": "int", "lat": "float", "lon": "float"}),
    NodeSpec("TeacherCollege", "A teacher-training offering (pabo, tweedegraads, ...).", {
        "name": "str", "programme": "str", "level": "str", "degree_kind": "str",
        "city": "str", "institution": "str", "board_name": "str", "croho": "str"}),
    NodeSpec("Municipality", "A CBS gemeente (2025 indeling).", {
        "name": "str", "code": "str"}),
    NodeSpec("Region", "A region of one scheme (provincie, arbeidsmarktregio, ...).", {
        "scheme": "str", "code": "str", "name": "str", "synthetic": "bool"}),
    NodeSpec("Partnership", "A network from a registry: RAP region, SO&P partnership, ...", {
        "name": "str", "kind": "str", "status": "str", "sector": "str", "area": "str",
        "website": "str", "reference": "str", "synthetic": "bool"}),
    NodeSpec("Organisation", "A registry member that is no board, school or college.", {
        "name": "str", "kind": "str", "synthetic": "bool"}),
    NodeSpec("Activity", "Something a partnership does (one of the five functions).", {
        "title": "str", "description": "str", "function": "str", "programme_line": "str",
        "target_groups": "list[str]", "area": "str", "start": "str", "end": "str",
        "demo_duplicate_group": "str", "synthetic": "bool"}),
    NodeSpec("Person", "A contact person of a partnership.", {
        "name": "str", "role": "str", "organisation": "str", "synthetic": "bool"}),
    NodeSpec("Source", "An imported dataset with its provenance.", {
        "title": "str", "date": "str", "publisher": "str", "url": "str", "licence": "str",
        "synthetic": "bool", "rows": "int", "params": "str", "agreement": "str"}),
]

_REL_LIST = [
    RelSpec("GOVERNS", "Board", "School", "The board runs the school location.",
            {"match_score": "float"}),
    RelSpec("LOCATED_IN", "School", "Municipality", "The school lies in the municipality."),
    RelSpec("OFFERED_IN", "TeacherCollege", "Municipality",
            "The teacher-training offering is given in the municipality."),
    RelSpec("PART_OF", "Municipality", "Region", "The municipality belongs to the region."),
    RelSpec("IN_AREA", "School", "Region",
            "The school lies in a postcode-based area (e.g. an SWV)."),
    RelSpec("OFFERED_BY", "TeacherCollege", "Board", "The board runs the teacher college.",
            {"match_score": "float"}),
    RelSpec("MEMBER_OF", "*", "Partnership",
            "A board, school, college or organisation is a member of a partnership.",
            {"role": "str", "valid_from": "str", "valid_to": "str", "match_score": "float",
             "match_status": "str", "member_given": "str", "member_type": "str",
             "organisation_kind": "str", "pin": "str", "note": "str"}),
    RelSpec("RUNS", "Partnership", "Activity", "The partnership runs the activity."),
    RelSpec("COVERS", "Partnership", "*", "The partnership covers a municipality or region.",
            {"area_given": "str", "area_name": "str"}),
    RelSpec("CONTACT_FOR", "Person", "Partnership", "The person is a contact of the partnership."),
    RelSpec("JUDGED", "Activity", "Activity",
            "A user's judgement of a candidate duplicate pair.",
            {"verdict": "str", "judged_at": "str", "note": "str"}),
]

NODES: dict[str, NodeSpec] = {spec.label: spec for spec in _NODE_LIST}
RELATIONSHIPS: dict[str, RelSpec] = {spec.type: spec for spec in _REL_LIST}


def node_spec(label: str) -> NodeSpec:
    """Answer the spec of ``label``; raise ``KeyError`` naming the known labels."""
    try:
        return NODES[label]
    except KeyError:
        raise KeyError(f"unknown label {label!r}; known: {', '.join(NODES)}") from None


def rel_spec(rel_type: str) -> RelSpec:
    """Answer the spec of ``rel_type``; raise ``KeyError`` naming the known types."""
    try:
        return RELATIONSHIPS[rel_type]
    except KeyError:
        raise KeyError(
            f"unknown relationship type {rel_type!r}; known: {', '.join(RELATIONSHIPS)}"
        ) from None


def region_id(scheme: str, code: str) -> str:
    """Answer the Region key ``<scheme>:<code>`` (raises ``ValueError`` on an unknown scheme)."""
    if scheme not in REGION_SCHEMES:
        raise ValueError(f"unknown region scheme {scheme!r}; known: {', '.join(REGION_SCHEMES)}")
    return f"{scheme}:{code}"
