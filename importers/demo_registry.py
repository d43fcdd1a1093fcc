"""A deterministic, clearly synthetic demo registry on the real boards, schools, colleges and
regions.

No member lists of RAP regions, Samen Opleiden partnerships or Onderwijsregio's are public,
so :func:`demo_registry_tables` generates them from DUO/CBS tables with a seeded random
generator, sized like the real field: ~70 RAP regions (arbeidsmarktregio's split in two,
the G4 cities left out), ~75 SO&P partnerships around the real teacher-college cities
(including the 20 real partnership names of the seed list), 50 Onderwijsregio's (the 40
COROP areas, the 10 largest split) whose members cover about 97% of po, 98% of vo and 90%
of mbo locations, transfer centres, substitute pools, alliances and a convenant, plus the
real example of the seeds: RAP-regio Zuid-Kennemerland with RTC de Beurs and its four
programme lines.  Activities cover the five functions; the same aim in the same area run by
partnerships sharing members or municipalities (reworded near-duplicates, and any aim the
generator had to reuse in one area) carries a ground-truth label ``demo_duplicate_group``
(see :mod:`importers.demo_activities`).  Memberships have periods
(joins, leaves and moves) for as-of and diff queries.

Everything it produces is marked ``synthetic: true`` with source ``demo-registry``.
:func:`write_demo_registry` writes the registry as the CSV/XLSX files a user would supply;
:func:`demo_registry_result` reads those files back through the real reader.
"""

from __future__ import annotations

import random
import re
import tempfile
from pathlib import Path

import pandas as pd

from graph.tables import GraphTables

from .base import ImportResult
from .demo_activities import ACTIVITIES, REWORD, TEMPLATE, Overlaps, label_collisions, plan_activities
from .registry import read_registry
from .registry_template import write_registry

__all__ = ["DEMO_SOURCE", "DEMO_DATE", "TARGET_COVERAGE", "demo_registry_tables",
           "write_demo_registry", "demo_registry_result", "demo_import_result",
           "onderwijsregio_coverage"]

DEMO_SOURCE = "demo-registry"
DEMO_DATE = "2025-06-01"
#: Share of locations in an Onderwijsregio, 2025 (ocwincijfers, seed kengetallen).
TARGET_COVERAGE = {"po": 0.97, "vo": 0.98, "mbo": 0.90}
_SECTOR_GROUP = {"po": "po", "sbo": "po", "vo": "vo", "mbo": "mbo"}
_G4 = {"GM0363", "GM0599", "GM0518", "GM0344"}
_ZK = {"Haarlem": "GM0392", "Zandvoort": "GM0473", "Bloemendaal": "GM0377", "Heemstede": "GM0397"}
_HMM = "GM0394"  # Haarlemmermeer
_SEED_CSV = Path(__file__).resolve().parent / "demo_seed_partnerships.csv"

# the four programme lines of RAP Zuid-Kennemerland (seed 003)
_ZK_ACTIVITIES = [
    ("zk-1", "Doelgroepenbeleid", "opleiden", "Zij-instroomtrajecten bij alle besturen", "Opstart van zij-instroomtrajecten bij besturen waar dit nog niet van toepassing was.", "zij-instromers"),
    ("zk-2", "Doelgroepenbeleid", "werven", "Inzet van vakdocenten binnen schoolbesturen", "Vakdocenten worden bovenschools ingezet binnen de besturen.", "vakdocenten"),
    ("zk-3", "Doelgroepenbeleid", "matchen", "Samenwerking primair en voortgezet onderwijs", "Uitwisseling van personeel en kennis tussen po en vo in de regio.", "leraren"),
    ("zk-4", "Doelgroepenbeleid", "matchen", "Samenwerking met praktijkscholen", "Samenwerking met praktijkscholen rond inzet en doorstroom van personeel.", "leraren"),
    ("zk-5", "Opleiding en scholing", "opleiden", "AD PEP-opleiding in de regio", "Organiseren van de tweejarige AD PEP-opleiding in de regio.", "onderwijsassistenten"),
    ("zk-6", "Opleiding en scholing", "professionaliseren", "Motiveren van zittende medewerkers om verder te leren", "Zittende medewerkers worden gestimuleerd en gefaciliteerd om verder te leren.", "leraren"),
    ("zk-7", "Opleiding en scholing", "opleiden", "EVC-trajecten binnen de lerarenopleidingen", "Individuele maatwerktrajecten (EVC) binnen het palet van lerarenopleidingen.", "onderwijsondersteuners"),
    ("zk-8", "Arbeidsvoorwaarden", "begeleiden", "Afstemming arbeidsvoorwaarden tussen besturen", "Afstemming en uitwisseling van ervaringen over arbeidsvoorwaarden.", "leraren"),
    ("zk-9", "Anders organiseren", "professionaliseren", "Taakdifferentiatie en anders organiseren", "Praktische oplossingen voor de korte termijn: taakdifferentiatie, inzet vakdocenten, online leerkracht, meer inzet van OOP.", "leraren, onderwijsondersteuners"),
]
# the template aim each seed activity amounts to: overlapping partnerships do not get it again
# as an ordinary activity (or, if they must, it is labelled as the same activity)
_ZK_TEMPLATE = {"zk-1": "Zij-instroomtraject {r}", "zk-5": "AD PEP-opleiding in de regio {r}",
                "zk-6": "Masterbeurs en leren op masterniveau {r}",
                "zk-7": "EVC-trajecten lerarenopleiding {r}", "zk-9": "Kennisnetwerk taakdifferentiatie {r}"}


class _Builder:
    """Collects registry rows while the generator walks the reference tables."""

    def __init__(self, ref: GraphTables, rng: random.Random):
        self.rng = rng
        self.rows: dict[str, list[dict]] = {t: [] for t in ("partnerships", "memberships", "activities", "coverage", "contacts")}
        self.boards = ref.node_table("Board").set_index("id")
        mun = ref.node_table("Municipality")
        self.mun_name = dict(zip(mun["id"], mun["name"]))
        schools = ref.node_table("School")
        located = ref.rel_table("LOCATED_IN", "School", "Municipality")
        self.school_mun = dict(zip(located["start"], located["end"]))
        self.school_sector = dict(zip(schools["id"], schools.get("sector", pd.Series(dtype=object))))
        governs = ref.rel_table("GOVERNS", "Board", "School")
        self.board_of = dict(zip(governs["end"], governs["start"]))
        self.units_in: dict[str, set[str]] = {}  # municipality -> boards / unboarded locations
        self.spread: dict[str, dict[str, int]] = {}  # unit -> municipality -> locations
        for school, gm in self.school_mun.items():
            unit = self.board_of.get(school, school)
            self.units_in.setdefault(gm, set()).add(unit)
            self.spread.setdefault(unit, {}).setdefault(gm, 0)
            self.spread[unit][gm] += 1
        part = ref.rel_table("PART_OF", "Municipality", "Region")
        regions = ref.node_table("Region")
        self.region_name = dict(zip(regions["id"], regions["name"]))
        self.muns_of: dict[str, list[str]] = {}
        self.region_of: dict[tuple[str, str], str] = {}
        for m, r in zip(part["start"], part["end"]):
            self.muns_of.setdefault(r, []).append(m)
            self.region_of[(m, r.split(":")[0])] = r
        colleges = ref.node_table("TeacherCollege")
        offered = ref.rel_table("OFFERED_IN", "TeacherCollege", "Municipality")
        self.college_mun = dict(zip(offered["start"], offered["end"]))
        self.college_city = dict(zip(colleges["id"], colleges.get("city", colleges["id"])))
        self.dup = 0
        self.pending_note = ""
        self.pending_unit = ""
        self.overlaps = Overlaps()  # true members and areas, for the ground truth
        self.slots: list[tuple[str, str, int, str]] = []  # ordinary activities, planned at the end
        self.used: dict[str, dict[int, str]] = {}  # partnership -> template -> activity id

    def units(self, muns) -> list[str]:
        return sorted(set().union(*[self.units_in.get(m, set()) for m in muns])) if muns else []

    def as_written(self, unit: str, role: str) -> tuple[str, str]:
        """Answer (member, role) as a coordinator writes them: mostly the board number, now
        and then the board's name without its legal form ("Stg. Lentiz Onderwijsgroep" ->
        "Lentiz Onderwijsgroep"), which the reader must match back.  Such rows get the
        ground truth in ``note`` ("demo ground truth: board 31137") to measure matching."""
        name = self.boards.at[unit, "name"] if unit in self.boards.index else None
        if isinstance(name, str) and name.strip() and self.rng.random() < 0.06:
            name = re.sub(r"^(stichting|stg\.?|st\.|sticht\.|vereniging|ver\.)\s+", "", name, flags=re.I)
            self.pending_note = f"demo ground truth: board {unit}"
            self.pending_unit = unit
            return name, role
        return unit, role

    def at_home(self, unit, muns) -> bool:
        """Answer whether ``muns`` hold a real part of ``unit``'s locations (>= 3 or >= 20%):
        a board with one school far away does not join that region's networks."""
        spread = self.spread.get(unit, {})
        here = sum(spread.get(m, 0) for m in muns)
        return here >= 3 or here >= 0.2 * sum(spread.values())

    def partnership(self, pid, name, kind, status="actief", sector="", area="", source="demo-registry", website=""):
        self.rows["partnerships"].append({"id": pid, "name": name, "kind": kind, "status": status, "sector": sector,
                                          "area": area, "website": website, "source": source})
        self.rows["contacts"].append({"id": f"contact-{pid}", "partnership": pid, "name": f"Coördinator {name}",
                                      "role": "coördinator", "organisation": name})

    def member(self, pid, member, role="partner", start="", end="", **extra):
        if self.pending_note:
            extra.setdefault("note", self.pending_note)
            self.pending_note = ""
        self.overlaps.add_member(pid, self.pending_unit or member)
        self.pending_unit = ""
        self.rows["memberships"].append({"partnership": pid, "member": member, "role": role,
                                         "valid_from": start, "valid_to": end, **extra})

    def cover(self, pid, muns):
        self.overlaps.add_area(pid, muns)
        for m in sorted(muns):
            self.rows["coverage"].append({"partnership": pid, "area": m, "area_name": self.mun_name.get(m, "")})

    def activities(self, pid, region, n, start):
        """Reserve ``n`` ordinary activities; their aims are chosen at the end, when every
        partnership and member is known (:func:`~importers.demo_activities.plan_activities`)."""
        self.slots.append((pid, region, n, start))
        self.overlaps.add_stated(pid, region)

    def duplicate(self, pids, region, start):
        """The same aim run by several overlapping partnerships (reworded in every second
        one), labelled as one group.  Only partnerships that overlap all the others take
        part, and the aim is one none of them nor their neighbours runs yet."""
        group_pids = [pids[0]]
        for q in pids[1:]:
            if all(self.overlaps.overlap(q, p) for p in group_pids):
                group_pids.append(q)
        if len(group_pids) < 2:
            return
        near = set(group_pids)
        for p in group_pids:
            near.update(q for q in self.used if self.overlaps.overlap(p, q) or self.overlaps.same_area(p, q))
        taken = {t for q in near for t in self.used.get(q, {})}
        free = [t for t in range(len(ACTIVITIES)) if t not in taken]
        if not free:
            return
        template = self.rng.choice(free)
        self.dup += 1
        self.overlaps.link(group_pids, template)
        group = f"dup-{self.dup:03d}"
        for j, pid in enumerate(group_pids):
            fn, title, desc, line, groups = ACTIVITIES[template]
            t, d = (title, desc) if j % 2 == 0 else REWORD[title]
            aid = f"{pid}-{group}"
            self.used.setdefault(pid, {})[template] = aid
            self.rows["activities"].append({
                "id": aid, "partnership": pid, "title": t.format(r=region),
                "description": d.format(r=region), "function": fn, "programme_line": line,
                "target_groups": groups, "area": region, "start": start, "end": "",
                "demo_duplicate_group": group})


def _split(items: list[str], parts: int) -> list[list[str]]:
    size = -(-len(items) // parts)
    return [items[i:i + size] for i in range(0, len(items), size)]


def demo_registry_tables(reference: GraphTables, seed: int = 42) -> dict[str, pd.DataFrame]:
    """Answer the demo registry (table name -> DataFrame) generated on ``reference``
    (Board, School with sector, LOCATED_IN, GOVERNS, Municipality, Region arbeidsmarktregio /
    corop, PART_OF, TeacherCollege with OFFERED_IN).  Same ``seed``, same registry.
    Cost: ~0.5 s at national size."""
    rng = random.Random(seed)
    b = _Builder(reference, rng)
    amr = sorted(r for r in b.muns_of if r.startswith("arbeidsmarktregio:"))
    corop = sorted(r for r in b.muns_of if r.startswith("corop:"))

    # -- RAP regions: every arbeidsmarktregio split in two, without the G4 ------------------
    rap_by_mun: dict[str, str] = {}
    rap_ids = []
    for region in amr:
        muns = sorted(m for m in b.muns_of[region] if m not in _G4 and m not in _ZK.values() and m != _HMM)
        muns.sort(key=lambda m: (b.region_of.get((m, "corop"), ""), b.mun_name.get(m, "")))
        for k, part in enumerate(_split(muns, 2) if len(muns) > 3 else [muns]):
            if not part:
                continue
            biggest = max(part, key=lambda m: len(b.units_in.get(m, ())))
            pid = f"rap-{region.split(':')[1].lower()}-{k + 1}"
            b.partnership(pid, f"RAP-regio {b.mun_name.get(biggest, biggest)} e.o.", "rap", sector="po/vo",
                          area=b.region_name.get(region, ""))
            b.cover(pid, part)
            rap_ids.append(pid)
            for m in part:
                rap_by_mun[m] = pid
    # the real example: RAP Zuid-Kennemerland and RAP Haarlemmermeer, RTC de Beurs
    b.partnership("rap-zuid-kennemerland", "RAP-regio Zuid-Kennemerland", "rap", sector="po/vo",
                  area="Zuid-Kennemerland", source="seed 003: webinar Samenwerken loont, 8 april 2022")
    b.partnership("rap-haarlemmermeer", "RAP-regio Haarlemmermeer", "rap", sector="po/vo", area="Haarlemmermeer",
                  source="seed 003: twee aparte aanvragen voor Haarlemmermeer en Kennemerland-Zuid")
    b.cover("rap-zuid-kennemerland", _ZK.values())
    b.cover("rap-haarlemmermeer", [_HMM])
    rap_ids += ["rap-zuid-kennemerland", "rap-haarlemmermeer"]
    for m in _ZK.values():
        rap_by_mun[m] = "rap-zuid-kennemerland"
    rap_by_mun[_HMM] = "rap-haarlemmermeer"
    # seed 003: "Voor Haarlemmermeer en Kennemerland-Zuid zijn twee aparte aanvragen gedaan, maar
    # die zijn wel identiek" - so the same activities twice, labelled as duplicates
    for row in _ZK_ACTIVITIES:
        aid, line, fn, title, desc, groups = row
        for pid, area in (("rap-zuid-kennemerland", "Zuid-Kennemerland"), ("rap-haarlemmermeer", "Haarlemmermeer")):
            b.rows["activities"].append({"id": f"{pid}-{aid}", "partnership": pid, "title": title,
                                         "description": desc, "function": fn, "programme_line": line,
                                         "target_groups": groups, "area": area, "start": "2020-01-01", "end": "",
                                         "demo_duplicate_group": f"dup-{aid}"})
            b.overlaps.add_stated(pid, area)
            if aid in _ZK_TEMPLATE:
                b.used.setdefault(pid, {})[TEMPLATE[_ZK_TEMPLATE[aid]]] = f"{pid}-{aid}"
    b.partnership("rtc-de-beurs", "RTC de Beurs", "transfercentrum", status="opgeheven", sector="po",
                  area="Haarlemmermeer en Kennemerland", source="seed 003: regionaal transfercentrum sinds 2015, opgeheven")
    b.cover("rtc-de-beurs", list(_ZK.values()) + [_HMM])
    rtc_boards = [u for u in b.units(list(_ZK.values()) + [_HMM]) if u in b.boards.index][:8]
    for u in rtc_boards:
        b.member("rtc-de-beurs", u, "penvoerder" if u == rtc_boards[0] else "partner", "2015-08-01", "2021-07-31")
    b.rows["activities"].append({"id": "rtc-de-beurs-pool", "partnership": "rtc-de-beurs",
                                 "title": "Gezamenlijke vervangingspool RTC de Beurs",
                                 "description": "Regionaal mobiliteitscentrum: gezamenlijke vervangingspool en uitwisseling van personeel tussen acht besturen.",
                                 "function": "matchen", "programme_line": "", "target_groups": "invallers",
                                 "area": "Haarlemmermeer en Kennemerland", "start": "2015-08-01", "end": "2021-07-31"})
    b.used["rtc-de-beurs"] = {TEMPLATE["Invalpool en matching vervangers {r}"]: "rtc-de-beurs-pool"}
    # RAP members: most boards with a school in the area; some join late, leave, or move
    by_rap: dict[str, list[str]] = {}
    for m, pid in rap_by_mun.items():
        by_rap.setdefault(pid, []).append(m)
    seen: set[tuple[str, str]] = set()
    for pid in sorted(by_rap):
        members = [u for u in b.units(by_rap[pid]) if u in b.boards.index
                   and rng.random() < (0.85 if b.at_home(u, by_rap[pid]) else 0.05)]
        siblings = [q for q in rap_ids if q != pid and q.rsplit("-", 1)[0] == pid.rsplit("-", 1)[0]]
        if pid in ("rap-zuid-kennemerland", "rap-haarlemmermeer"):
            siblings = [q for q in ("rap-zuid-kennemerland", "rap-haarlemmermeer") if q != pid]
        for i, u in enumerate(members):
            if (pid, u) in seen:
                continue
            seen.add((pid, u))
            start, end, r = "2020-01-01", "", rng.random()
            if r < 0.08:
                start = rng.choice(["2021-01-01", "2022-01-01", "2023-08-01"])
            elif r < 0.13:
                end = rng.choice(["2021-12-31", "2022-12-31", "2023-07-31"])
            elif r < 0.16 and siblings:
                other = rng.choice(siblings)  # moves to the neighbouring RAP region
                if (other, u) not in seen:
                    end = "2022-12-31"
                    seen.add((other, u))
                    b.member(other, u, "partner", "2023-01-01", "")
            b.member(pid, *b.as_written(u, "penvoerder" if i == 0 else "partner"), start, end)
        if len(members) > 1:
            area = next(p["area"] for p in b.rows["partnerships"] if p["id"] == pid)
            b.activities(pid, area or pid, rng.randint(2, 4), "2020-01-01")

    # -- Onderwijsregio's: 40 COROP areas, the 10 largest split: 50 ------------------------
    sizes = sorted(corop, key=lambda r: -len(b.units(b.muns_of[r])))
    groups = []
    for r in corop:
        muns = sorted(b.muns_of[r], key=lambda m: b.mun_name.get(m, ""))
        parts = _split(muns, 2) if r in sizes[:10] and len(muns) > 1 else [muns]
        groups += [(r, k, p) for k, p in enumerate(parts)]
    forerunners = set(rng.sample(range(len(groups)), 27))
    unit_regions: dict[str, set[str]] = {}
    or_ids = []
    for n, (r, k, muns) in enumerate(groups):
        split = any(g[0] == r and g[1] == 1 for g in groups)
        pid = f"or-{r.split(':')[1].lower()}" + (f"-{k + 1}" if split else "")
        name = b.region_name.get(r, r) + (f" {'I' if k == 0 else 'II'}" if split else "")
        b.partnership(pid, f"Onderwijsregio {name}", "onderwijsregio", sector="po/vo/mbo", area=name)
        b.cover(pid, muns)
        or_ids.append((pid, "2023-01-01" if n in forerunners else "2025-01-01", name))
        for u in b.units(muns):
            if b.at_home(u, muns):
                unit_regions.setdefault(u, set()).add(pid)
            else:
                unit_regions.setdefault(u, set())
    # every board/location is at home in at least its main Onderwijsregio
    or_muns = {f"or-{r.split(':')[1].lower()}" + (f"-{k + 1}" if any(g[0] == r and g[1] == 1 for g in groups) else ""): muns
               for r, k, muns in groups}
    for u, regions in unit_regions.items():
        if not regions:
            spread = b.spread.get(u, {})
            regions.add(max(sorted(or_muns), key=lambda q: sum(spread.get(m, 0) for m in or_muns[q])))
    left_out = _choose_left_out(b, unit_regions, rng)
    start_of = {pid: s for pid, s, _ in or_ids}
    for u in sorted(unit_regions):
        if u in left_out:
            continue
        for pid in sorted(unit_regions[u]):
            b.member(pid, u, "partner", start_of[pid], "")
    for pid, start, name in or_ids:
        b.activities(pid, name, rng.randint(3, 5), start)

    # -- Samen Opleiden partnerships around the teacher-college cities ---------------------
    college_amr: dict[str, list[str]] = {}
    for c, m in sorted(b.college_mun.items()):
        region = b.region_of.get((m, "arbeidsmarktregio"))
        if region:
            college_amr.setdefault(region, []).append(c)
    seed_rows = pd.read_csv(_SEED_CSV, dtype=str).fillna("")
    sop = []
    for i, rec in enumerate(seed_rows.to_dict("records")):
        sop.append((f"sop-seed-{i + 1:02d}", rec["naam"], rec["sector"], rec["gebied"], rec["penvoerder_of_partner"],
                    rec["status"], rec["bron_url"]))
    k = 0
    while len(sop) < 75:
        region = amr[k % len(amr)]
        sector = ["po", "vo", "po/vo"][(k // len(amr)) % 3]
        label = b.region_name.get(region, region)
        sop.append((f"sop-{region.split(':')[1].lower()}-{sector.replace('/', '')}",
                    f"Partnerschap Samen Opleiden {label} {sector}", sector, label, "", "erkend partnerschap", ""))
        k += 1
    for pid, name, sector, area, penvoerder, status, source in sop:
        b.partnership(pid, name, "samen-opleiden", status=status or "actief", sector=sector, area=area,
                      source=source or "demo-registry")
        hit = [r for r in amr if b.region_name.get(r, "").lower() in area.lower()] if area else []
        if area and not hit:  # "Arnhem/Nijmegen", "Lelystad/Dronten": the first municipality named
            named = [m for m, n in sorted(b.mun_name.items()) if re.search(rf"\b{re.escape(n)}\b", area)]
            hit = [b.region_of[(m, "arbeidsmarktregio")] for m in named if (m, "arbeidsmarktregio") in b.region_of]
        region = hit[0] if hit else rng.choice(amr)
        muns = b.muns_of[region]
        b.cover(pid, muns)
        colleges = college_amr.get(region) or college_amr[rng.choice(sorted(college_amr))]
        for c in rng.sample(colleges, min(2, len(colleges))):
            b.member(pid, c, "opleiding", "2019-08-01", "")
        boards = [u for u in b.units(muns) if u in b.boards.index and b.at_home(u, muns)]
        chosen = rng.sample(boards, min(len(boards), rng.randint(5, 18)))
        if penvoerder and "lerarenopleiding" not in penvoerder:
            b.member(pid, penvoerder, "penvoerder", "2019-08-01", "")  # by name: goes through matching
        for j, u in enumerate(chosen):
            b.member(pid, *b.as_written(u, "penvoerder" if j == 0 and not penvoerder else "partner"),
                     rng.choice(["2019-08-01", "2019-08-01", "2021-08-01", "2023-08-01"]), "")
        # opleidingsscholen: a few school locations of the member boards take part themselves
        locations = sorted(sch for sch, gm in b.school_mun.items() if gm in set(muns)
                           and b.board_of.get(sch) in set(chosen))
        for sch in rng.sample(locations, min(len(locations), rng.randint(2, 6))):
            b.member(pid, sch, "partner", "2020-08-01", "")
        b.activities(pid, area or b.region_name.get(region, ""), rng.randint(2, 4), "2019-08-01")
        # near-duplicates with the RAP region and Onderwijsregio that overlap this partnership
        raps = sorted({rap_by_mun[m] for m in muns if m in rap_by_mun})
        ors = sorted({p for u in chosen for p in unit_regions.get(u, ())})
        if raps and ors and rng.random() < 0.8:
            rap = rng.choice(raps)
            fitting = [q for q in ors if b.overlaps.overlap(q, rap)] or ors
            b.duplicate([pid, rap, rng.choice(fitting)][: rng.choice([2, 3])], area or b.region_name.get(region, ""), "2022-01-01")

    # -- pools, alliances, a convenant -----------------------------------------------------
    for n, region in enumerate(rng.sample(amr, 14)):
        kind = "transfercentrum" if n % 2 == 0 else "vervangingspool"
        label = b.region_name.get(region, region)
        pid = f"{'rtc' if kind == 'transfercentrum' else 'pool'}-{region.split(':')[1].lower()}"
        b.partnership(pid, f"{'Regionaal Transfercentrum' if n % 2 == 0 else 'Vervangingspool'} {label}", kind, sector="po", area=label)
        b.cover(pid, b.muns_of[region])
        boards = [u for u in b.units(b.muns_of[region]) if u in b.boards.index and b.at_home(u, b.muns_of[region])]
        for j, u in enumerate(rng.sample(boards, min(len(boards), rng.randint(3, 10)))):
            b.member(pid, u, "penvoerder" if j == 0 else "partner", "2018-01-01", rng.choice(["", "", "", "2023-12-31"]))
        b.activities(pid, label, 2, "2018-01-01")
    for n, region in enumerate(sorted(college_amr)[:8]):
        label = b.region_name.get(region, region)
        pid = f"alliantie-{region.split(':')[1].lower()}"
        b.partnership(pid, f"Regionale alliantie lerarenopleidingen {label}", "alliantie", sector="po/vo/mbo", area=label)
        b.cover(pid, b.muns_of[region])
        for c in college_amr[region][:4]:
            b.member(pid, c, "opleiding", "2021-01-01", "")
        b.activities(pid, label, 2, "2021-01-01")
    b.partnership("convenant-g5-amsterdam", "G5-convenant Amsterdam", "convenant", sector="po", area="Amsterdam",
                  source="seed 000: leergang PO-Raad, G5-convenanten regio Amsterdam")
    b.cover("convenant-g5-amsterdam", ["GM0363"])
    for j, u in enumerate([u for u in b.units(["GM0363"]) if u in b.boards.index][:5]):
        b.member("convenant-g5-amsterdam", u, "penvoerder" if j == 0 else "partner", "2019-01-01", "")
    b.member("convenant-g5-amsterdam", "Gemeente Amsterdam", "gemeente", "2019-01-01", "",
             member_type="organisation", organisation_kind="gemeente")
    # ordinary activities, now that every partnership and member is known; then the honest labels
    b.rows["activities"] += plan_activities(b.slots, b.used, b.overlaps, random.Random(f"{seed}-activities"))
    label_collisions(b.rows["activities"], b.used, b.overlaps)
    return {name: pd.DataFrame(rows) for name, rows in b.rows.items()}


def _choose_left_out(b: _Builder, unit_regions: dict[str, set[str]], rng: random.Random) -> set[str]:
    """Answer the boards/locations left out of every Onderwijsregio so that the covered
    share of locations per sector comes close to :data:`TARGET_COVERAGE`."""
    locations: dict[str, dict[str, int]] = {}
    total: dict[str, int] = {}
    for school, gm in b.school_mun.items():
        group = _SECTOR_GROUP.get(str(b.school_sector.get(school)))
        if group:
            unit = b.board_of.get(school, school)
            locations.setdefault(unit, {}).setdefault(group, 0)
            locations[unit][group] += 1
            total[group] = total.get(group, 0) + 1
    left: set[str] = set()
    for group in ("mbo", "vo", "po"):
        gap = round(total.get(group, 0) * (1 - TARGET_COVERAGE[group]))
        uncovered = sum(locations[u].get(group, 0) for u in left)
        units = sorted(u for u in unit_regions if locations.get(u, {}).get(group))
        rng.shuffle(units)
        for u in units:
            n = locations[u][group]
            if uncovered >= gap:
                break
            if u not in left and uncovered + n <= gap * 1.2 and set(locations[u]) == {group}:
                left.add(u)
                uncovered += n
    return left


def onderwijsregio_coverage(reference: GraphTables, tables: dict[str, pd.DataFrame]) -> dict[str, float]:
    """Answer, per sector group (po, vo, mbo), the share of locations whose board (or the
    location itself) is a member of an Onderwijsregio in ``tables``."""
    parts = tables["partnerships"]
    ors = set(parts[parts["kind"] == "onderwijsregio"]["id"])
    mem = tables["memberships"]
    members = set(mem[mem["partnership"].isin(ors)]["member"])
    schools = reference.node_table("School")
    governs = reference.rel_table("GOVERNS", "Board", "School")
    board_of = dict(zip(governs["end"], governs["start"]))
    counts: dict[str, list[int]] = {}
    for sid, sector in zip(schools["id"], schools.get("sector", pd.Series(dtype=object))):
        group = _SECTOR_GROUP.get(str(sector))
        if group:
            hit = board_of.get(sid, sid) in members or sid in members
            c = counts.setdefault(group, [0, 0])
            c[0] += hit
            c[1] += 1
    return {g: round(c[0] / c[1], 4) for g, c in counts.items() if c[1]}


def write_demo_registry(reference: GraphTables, path: Path | str, seed: int = 42) -> list[Path]:
    """Write the demo registry to ``path`` (``.xlsx`` or a folder of CSV files), exactly as
    a user would supply a registry, and answer the files written."""
    return write_registry(demo_registry_tables(reference, seed), path)


def demo_registry_result(reference: GraphTables, seed: int = 42,
                         extra_candidates: pd.DataFrame | None = None) -> ImportResult:
    """Answer the demo registry's :class:`ImportResult`: written as CSV files to a temporary
    folder and read back with :func:`~importers.registry.read_registry`, so it passes the
    same checks and matching as a user's registry; every row ``synthetic: true``, source
    ``demo-registry``.  Cost: ~2-4 s at national size (matching the named members)."""
    with tempfile.TemporaryDirectory() as tmp:
        write_demo_registry(reference, tmp, seed)
        return read_registry(tmp, reference=reference, extra_candidates=extra_candidates,
                             source=DEMO_SOURCE, source_date=DEMO_DATE, synthetic=True)


#: The name graph/load.py uses.
demo_import_result = demo_registry_result
