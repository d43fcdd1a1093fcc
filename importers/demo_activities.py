"""The demo registry's activities and their honest ground truth.

Every partnership of the demo registry runs a few activities from :data:`ACTIVITIES`
(function, title, description, programme line, target groups; ``{r}`` = the partnership's
area).  The ground truth ``demo_duplicate_group`` follows the issue's definition of a
duplicate: the *same aim* (the same template) run by *different partnerships that share
members or covered municipalities* in the *same area* (all demo activities have overlapping
periods).  So:

- ordinary activities are planned *after* all partnerships and members are known
  (:func:`plan_activities`): each partnership gets templates that no partnership in its
  area (a covered municipality or the stated area in common) uses yet (a different aim,
  wording and target group), so two overlapping partnerships' ordinary activities are hard
  negatives (same function and area, another aim) and not unlabelled copies;
- the injected near-duplicates (an aim reworded with :data:`REWORD`: other words, compounds
  split or joined, "Zij-instroomtraject" vs "Traject voor zij-instromers") are placed only in
  partnerships that overlap each other;
- whatever collisions remain (the same template in two partnerships covering a common
  municipality or stated area, when a crowded area has no unused template left) are
  labelled as one duplicate group too (:func:`label_collisions`), so no pair the
  generator knowingly made the same aim in the same area is unlabelled; a group is only
  formed where every pair shares a member or a municipality, so the rule can propose it.  The same template in partnerships that
  share only a member (a board active in two distant regions) is the same *kind* of
  activity in *another area*: a labelled non-duplicate.
"""

from __future__ import annotations

import random

__all__ = ["ACTIVITIES", "REWORD", "TEMPLATE", "Overlaps", "plan_activities", "label_collisions"]

# (function, title, description, programme line, target groups); {r} = the region's name.
# Templates of one function that share words but differ in aim are the realistic hard
# negatives (e.g. a campaign for zij-instromers vs one for scholieren).
ACTIVITIES = [
    ("werven", "Wervingscampagne zij-instromers {r}", "Gezamenlijke campagne om mensen uit andere sectoren als zij-instromer voor het onderwijs in {r} te werven.", "Doelgroepenbeleid", "zij-instromers"),
    ("werven", "Wervingscampagne pabo voor scholieren {r}", "Voorlichting op middelbare scholen in {r} om havisten en vwo'ers voor de pabo te laten kiezen.", "Doelgroepenbeleid", "scholieren"),
    ("werven", "Open dag onderwijsbanen {r}", "Jaarlijkse open dag waarop besturen in {r} vacatures en opleidingsroutes presenteren.", "Doelgroepenbeleid", "werkzoekenden, studenten"),
    ("werven", "Ambassadeursnetwerk leraren {r}", "Leraren vertellen als ambassadeur over het vak op beurzen en scholen in {r}.", "Doelgroepenbeleid", "scholieren, studenten"),
    ("werven", "Terugkeerregeling herintreders {r}", "Oud-leraren in {r} worden persoonlijk benaderd en krijgen een opfriscursus om terug te keren voor de klas.", "Doelgroepenbeleid", "herintreders"),
    ("werven", "Arbeidsmarktanalyse en prognose {r}", "Jaarlijkse analyse van vraag en aanbod van leraren per sector in {r}, als basis voor de wervingsaanpak.", "Anders organiseren", "besturen"),
    ("werven", "Werven van vakdocenten techniek {r}", "Gerichte werving van vakmensen uit de techniek als docent in het vmbo en mbo van {r}.", "Doelgroepenbeleid", "vakmensen, zij-instromers"),
    ("matchen", "Regionaal loket onderwijsbanen {r}", "Eén loket dat werkzoekenden en zij-instromers in {r} naar een passende school en opleiding verwijst.", "Anders organiseren", "zij-instromers, werkzoekenden"),
    ("matchen", "Invalpool en matching vervangers {r}", "Gezamenlijke pool van invallers die besturen in {r} snel aan vervangingsvragen koppelt.", "Arbeidsvoorwaarden", "invallers"),
    ("matchen", "Stagematching studenten {r}", "Studenten van de lerarenopleidingen worden gematcht aan opleidingsscholen in {r}.", "Opleiding en scholing", "studenten"),
    ("matchen", "Vacatureplatform onderwijs {r}", "Online platform waarop alle besturen in {r} hun vacatures plaatsen en kandidaten een profiel maken.", "Anders organiseren", "werkzoekenden"),
    ("matchen", "Mobiliteitsbank personeel {r}", "Uitwisseling van medewerkers tussen besturen in {r} bij boventalligheid of wens tot loopbaanstap.", "Arbeidsvoorwaarden", "leraren, onderwijsondersteuners"),
    ("matchen", "Doorstroom onderwijsassistent naar leraar {r}", "Onderwijsassistenten in {r} worden gekoppeld aan een route en een school om door te stromen naar leraar.", "Opleiding en scholing", "onderwijsassistenten"),
    ("opleiden", "Zij-instroomtraject {r}", "Begeleid traject voor zij-instromers naar een bevoegdheid, met werkplek bij een bestuur in {r}.", "Doelgroepenbeleid", "zij-instromers"),
    ("opleiden", "AD PEP-opleiding in de regio {r}", "Tweejarige Associate degree Pedagogisch Educatief Professional, georganiseerd in {r}.", "Opleiding en scholing", "onderwijsassistenten"),
    ("opleiden", "EVC-trajecten lerarenopleiding {r}", "Individuele maatwerktrajecten (EVC) binnen het palet van lerarenopleidingen voor medewerkers in {r}.", "Opleiding en scholing", "onderwijsondersteuners"),
    ("opleiden", "Deeltijdpabo in de regio {r}", "Een deeltijdvariant van de pabo met lesdagen in {r}, naast een baan als onderwijsassistent.", "Opleiding en scholing", "onderwijsassistenten, zij-instromers"),
    ("opleiden", "Opleiden in de school {r}", "Studenten leren het vak in de opleidingsscholen van {r}, met schoolopleiders en een gezamenlijk curriculum.", "Opleiding en scholing", "studenten"),
    ("opleiden", "Tweedegraads bevoegdheid tekortvakken {r}", "Leraren zonder bevoegdheid voor wiskunde, natuurkunde of Duits in {r} halen die in een versneld traject.", "Opleiding en scholing", "onbevoegde leraren"),
    ("begeleiden", "Inductieprogramma startende leraren {r}", "Driejarig inductieprogramma met coaching en intervisie voor starters in {r}.", "Opleiding en scholing", "starters"),
    ("begeleiden", "Begeleiding zij-instromers {r}", "Werkplekbegeleiding en intervisie voor zij-instromers in hun eerste jaar in {r}.", "Doelgroepenbeleid", "zij-instromers"),
    ("begeleiden", "Mentoraat studenten op de werkplek {r}", "Opgeleide werkplekbegeleiders begeleiden studenten in de scholen van {r}.", "Opleiding en scholing", "studenten"),
    ("begeleiden", "Coaching startende schoolleiders {r}", "Nieuwe directeuren in {r} krijgen het eerste jaar een ervaren schoolleider als coach.", "Anders organiseren", "schoolleiders"),
    ("begeleiden", "Vitaliteit en duurzame inzetbaarheid {r}", "Gesprekken, verlofregelingen en taakverlichting om oudere leraren in {r} gezond aan het werk te houden.", "Arbeidsvoorwaarden", "oudere leraren"),
    ("begeleiden", "Begeleiding statushouders naar het onderwijs {r}", "Statushouders met een onderwijsdiploma uit het buitenland worden in {r} begeleid bij taal, diplomawaardering en een plek in de school.", "Doelgroepenbeleid", "statushouders"),
    ("professionaliseren", "Regionale academie {r}", "Gezamenlijk professionaliseringsaanbod voor leraren en teams in {r}.", "Opleiding en scholing", "leraren"),
    ("professionaliseren", "Leergang schoolleiders {r}", "Leergang voor (aankomende) schoolleiders van de besturen in {r}.", "Anders organiseren", "schoolleiders"),
    ("professionaliseren", "Opleiding werkplekbegeleiders {r}", "Training van schoolopleiders en werkplekbegeleiders in {r}.", "Opleiding en scholing", "werkplekbegeleiders"),
    ("professionaliseren", "Scholing onderwijsassistenten {r}", "Korte cursussen over klassenmanagement en taalontwikkeling voor onderwijsassistenten in {r}.", "Opleiding en scholing", "onderwijsassistenten"),
    ("professionaliseren", "Kennisnetwerk taakdifferentiatie {r}", "Besturen in {r} delen ervaringen met nieuwe teamsamenstellingen, taakdifferentiatie en de inzet van vakdocenten.", "Anders organiseren", "teams, schoolleiders"),
    ("professionaliseren", "Masterbeurs en leren op masterniveau {r}", "Leraren in {r} worden gestimuleerd en gefaciliteerd om een master te volgen, met studieverlof.", "Arbeidsvoorwaarden", "leraren"),
]
# a paraphrase of each activity (other wording, compounds split or joined, other word order),
# used for the labelled near-duplicates
REWORD = {
    "Wervingscampagne zij-instromers {r}": ("Campagne werving zij-instroom {r}", "In {r} voeren de besturen samen campagne om werkenden uit andere beroepen als zij-instromer naar het leraarschap te halen."),
    "Wervingscampagne pabo voor scholieren {r}": ("Kies voor de pabo: voorlichting scholieren {r}", "Scholieren van havo en vwo in {r} krijgen voorlichting om voor de lerarenopleiding basisonderwijs te kiezen."),
    "Open dag onderwijsbanen {r}": ("Banenmarkt onderwijs {r}", "Eens per jaar presenteren de schoolbesturen van {r} hun vacatures en opleidingsroutes op een banenmarkt."),
    "Ambassadeursnetwerk leraren {r}": ("Leraren als ambassadeur {r}", "Een netwerk van ambassadeurs: leraren uit {r} vertellen op scholen en beurzen over hun vak."),
    "Terugkeerregeling herintreders {r}": ("Herintreders terug voor de klas {r}", "Voormalige leraren in {r} krijgen een persoonlijke uitnodiging en opfriscursus om weer les te geven."),
    "Arbeidsmarktanalyse en prognose {r}": ("Prognose lerarentekort {r}", "Elk jaar een analyse van het aanbod van en de vraag naar leraren in {r}, per sector, voor de wervingsaanpak."),
    "Werven van vakdocenten techniek {r}": ("Technici voor de klas {r}", "Vakmensen uit de techniek worden geworven om les te geven in vmbo en mbo in {r}."),
    "Regionaal loket onderwijsbanen {r}": ("Onderwijsloket {r}", "Loket voor iedereen die in {r} in het onderwijs wil werken: verwijzing naar school en opleiding."),
    "Invalpool en matching vervangers {r}": ("Regionale vervangingspool {r}", "Een gedeelde pool van vervangers die in {r} snel inzetbaar is bij ziekte en verlof."),
    "Stagematching studenten {r}": ("Koppeling stagiairs aan opleidingsscholen {r}", "Stagiairs van de lerarenopleidingen krijgen in {r} een passende stageplek op een opleidingsschool."),
    "Vacatureplatform onderwijs {r}": ("Gezamenlijke vacaturesite onderwijsbanen {r}", "Alle vacatures van de schoolbesturen in {r} op één website, met profielen van kandidaten."),
    "Mobiliteitsbank personeel {r}": ("Personeelsuitwisseling tussen besturen {r}", "Medewerkers kunnen in {r} bij boventalligheid of voor een loopbaanstap naar een ander bestuur overstappen."),
    "Doorstroom onderwijsassistent naar leraar {r}": ("Van onderwijsassistent naar leraar {r}", "Een doorstroomroute voor onderwijsassistenten in {r}: opleiding plus plek in een school op weg naar het leraarschap."),
    "Zij-instroomtraject {r}": ("Traject voor zij-instromers {r}", "Zij-instromers halen in {r} hun bevoegdheid in een begeleid traject bij een schoolbestuur."),
    "AD PEP-opleiding in de regio {r}": ("Associate degree PEP {r}", "De tweejarige Ad Pedagogisch Educatief Professional wordt in {r} aangeboden."),
    "EVC-trajecten lerarenopleiding {r}": ("Erkenning verworven competenties lerarenopleiding {r}", "Maatwerk voor medewerkers in {r}: erkenning van verworven competenties verkort hun lerarenopleiding."),
    "Deeltijdpabo in de regio {r}": ("Pabo in deeltijd {r}", "Onderwijsassistenten volgen naast hun baan de pabo in deeltijd, met lesdagen in {r}."),
    "Opleiden in de school {r}": ("Schoolopleiding studenten {r}", "In de opleidingsscholen van {r} leren studenten het vak met schoolopleiders volgens een gedeeld curriculum."),
    "Tweedegraads bevoegdheid tekortvakken {r}": ("Versneld bevoegd in wiskunde, natuurkunde en Duits {r}", "Onbevoegde leraren in {r} halen versneld hun tweedegraads bevoegdheid in een tekortvak."),
    "Inductieprogramma startende leraren {r}": ("Begeleiding startende leraren {r}", "Starters in {r} krijgen drie jaar coaching en intervisie in een inductieprogramma."),
    "Begeleiding zij-instromers {r}": ("Coaching zij-instromers {r}", "Zij-instromers in {r} krijgen in hun eerste jaar coaching op de werkplek en intervisie."),
    "Mentoraat studenten op de werkplek {r}": ("Werkplekbegeleiding studenten {r}", "Studenten in de scholen van {r} worden begeleid door opgeleide mentoren op de werkplek."),
    "Coaching startende schoolleiders {r}": ("Coachtraject nieuwe directeuren {r}", "Een ervaren schoolleider coacht beginnende directeuren in {r} in hun eerste jaar."),
    "Vitaliteit en duurzame inzetbaarheid {r}": ("Duurzaam inzetbare oudere leraren {r}", "Met taakverlichting, verlofregelingen en gesprekken blijven oudere leraren in {r} gezond aan het werk."),
    "Begeleiding statushouders naar het onderwijs {r}": ("Statushouders voor de klas {r}", "In {r} krijgen statushouders met een buitenlands onderwijsdiploma hulp bij taal, diplomawaardering en een schoolplek."),
    "Regionale academie {r}": ("Academie voor onderwijsprofessionals {r}", "Samen professionaliseren: een regionaal aanbod voor leraren en teams in {r}."),
    "Leergang schoolleiders {r}": ("Schoolleidersleergang {r}", "Een leergang voor zittende en aankomende schoolleiders van de besturen in {r}."),
    "Opleiding werkplekbegeleiders {r}": ("Training schoolopleiders {r}", "Scholing van werkplekbegeleiders en schoolopleiders voor de scholen in {r}."),
    "Scholing onderwijsassistenten {r}": ("Cursusaanbod voor onderwijsassistenten {r}", "Onderwijsassistenten in {r} volgen korte cursussen in klassenmanagement en taalontwikkeling."),
    "Kennisnetwerk taakdifferentiatie {r}": ("Netwerk anders organiseren en taakdifferentiatie {r}", "In {r} wisselen besturen ervaringen uit over taakdifferentiatie, nieuwe teams en vakdocenten."),
    "Masterbeurs en leren op masterniveau {r}": ("Leraren naar een master {r}", "Besturen in {r} faciliteren leraren met studieverlof om een masteropleiding te volgen."),
}

#: template title -> index in :data:`ACTIVITIES`
TEMPLATE = {a[1]: i for i, a in enumerate(ACTIVITIES)}


class Overlaps:
    """Partnership -> true members and covered municipalities, as the generator made them;
    answers whether two partnerships overlap the way the duplicate rule counts it."""

    def __init__(self):
        self.members: dict[str, set[str]] = {}
        self.area: dict[str, set[str]] = {}
        self.stated: dict[str, set[str]] = {}  # areas named in the activities
        self.linked: dict[tuple[str, int], set[str]] = {}  # (partnership, template) -> its injected group

    def link(self, pids, template: int) -> None:
        """Record that ``pids`` run ``template`` as one (injected) duplicate group."""
        for p in pids:
            self.linked[(p, template)] = set(pids)

    def add_member(self, pid: str, unit: str) -> None:
        self.members.setdefault(pid, set()).add(unit)

    def add_area(self, pid: str, muns) -> None:
        self.area.setdefault(pid, set()).update(muns)

    def overlap(self, p: str, q: str) -> bool:
        """Answer whether ``p`` and ``q`` share a member or a covered municipality."""
        return p != q and bool(self.members.get(p, set()) & self.members.get(q, set())
                               or self.area.get(p, set()) & self.area.get(q, set()))

    def add_stated(self, pid: str, area: str) -> None:
        self.stated.setdefault(pid, set()).add(area)

    def same_area(self, p: str, q: str) -> bool:
        """Answer whether ``p`` and ``q`` cover a municipality in common or name the same
        area in their activities (two RAP halves of one arbeidsmarktregio)."""
        return p != q and bool(self.area.get(p, set()) & self.area.get(q, set())
                               or self.stated.get(p, set()) & self.stated.get(q, set()))

    def neighbours(self, pid: str, among) -> list[str]:
        return [q for q in among if self.overlap(pid, q)]


def _row(aid, pid, template, region, start, reworded=False, end=""):
    fn, title, desc, line, groups = ACTIVITIES[template]
    if reworded:
        title, desc = REWORD[title]
    return {"id": aid, "partnership": pid, "title": title.format(r=region),
            "description": desc.format(r=region), "function": fn, "programme_line": line,
            "target_groups": groups, "area": region, "start": start, "end": end}


def _joins(pid: str, template: int, used: dict[str, dict[int, str]], overlaps: Overlaps) -> list[str] | None:
    """Answer the partnerships whose ``template`` activity one in ``pid`` would be the same
    activity as (all users of it reachable through same-area links), or ``None`` when that
    group would hold a pair that the duplicate rule cannot propose (no shared member or
    municipality): such a template is not given to ``pid``."""
    users = [q for q in used if template in used[q]]
    group, todo = set(), [pid]
    while todo:
        x = todo.pop()
        for q in users:
            if q not in group and (overlaps.same_area(x, q) or q in overlaps.linked.get((x, template), ())):
                group.add(q)
                todo.append(q)
    group.discard(pid)
    members = sorted(group) + [pid]
    clique = all(overlaps.overlap(p, q) for i, p in enumerate(members) for q in members[i + 1:])
    return sorted(group) if clique else None


def plan_activities(slots, used: dict[str, dict[int, str]], overlaps: Overlaps,
                    rng: random.Random) -> list[dict]:
    """Answer the ordinary activity rows for ``slots`` ((partnership, area, n, start) in
    generation order).  ``used``: partnership -> template -> activity id, the templates
    already taken (injected duplicates, seed activities); updated in place.  Each slot
    takes the ``n`` templates that the fewest partnerships in the same area run (ties at
    random), never one it runs already, and never one whose same-area group would contain a
    pair sharing no member and no municipality (then it runs fewer activities).
    Partnerships that share only members (a board active in two distant regions) may run
    the same aim, each in its own area: a realistic hard negative (same function and
    wording, another area).  Cost: ~0.2 s for ~200 partnerships."""
    rows = []
    for pid, region, n, start in slots:
        own = used.setdefault(pid, {})
        keyed = []
        for t in range(len(ACTIVITIES)):
            if t in own:
                continue
            group = _joins(pid, t, used, overlaps)
            if group is not None:
                keyed.append((len(group), rng.random(), t))
        for i, (_, _, t) in enumerate(sorted(keyed)[:n]):
            aid = f"{pid}-a{i + 1}"
            own[t] = aid
            rows.append(_row(aid, pid, t, region, start))
    return rows


def label_collisions(rows: list[dict], used: dict[str, dict[int, str]],
                     overlaps: Overlaps) -> int:
    """Give every pair of activities with the same template in partnerships covering a
    common municipality (the same aim in the same area) one ``demo_duplicate_group``
    (joining an injected group where there is one, else a new ``dup-same-NNN``), in place.  Groups are only joined when every pair of the joined
    group shares a member or a municipality (so each labelled pair can be proposed by the
    rule); answer the number of same-aim same-area pairs left apart for that reason (0 in
    the demo registries measured: the planner avoids them)."""
    parent: dict[str, str] = {}

    def find(x):
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    by_template: dict[int, list[tuple[str, str]]] = {}
    for pid, templates in used.items():
        for t, aid in templates.items():
            by_template.setdefault(t, []).append((pid, aid))
    pid_of = {aid: pid for pid, templates in used.items() for aid in templates.values()}
    groups: dict[str, list[str]] = {}  # root -> activities
    labelled: dict[str, list[str]] = {}
    for r in rows:  # the injected groups are groups from the start
        if r.get("demo_duplicate_group") and r["id"] in pid_of:
            labelled.setdefault(r["demo_duplicate_group"], []).append(r["id"])
    for ids in labelled.values():
        for x in ids[1:]:
            parent[find(x)] = find(ids[0])
        groups[find(ids[0])] = list(ids)
    refused = 0
    for t, runs in sorted(by_template.items()):
        runs.sort()
        for i, (p, a) in enumerate(runs):
            for q, b in runs[i + 1:]:
                ra, rb = find(a), find(b)
                if ra == rb or not overlaps.same_area(p, q):
                    continue
                left, right = groups.get(ra, [a]), groups.get(rb, [b])
                if all(overlaps.overlap(pid_of[x], pid_of[y]) for x in left for y in right):
                    parent[ra] = rb
                    groups[rb] = left + right
                    groups.pop(ra, None)
                else:  # the rule could not propose every pair of the merged group
                    refused += 1
    components: dict[str, list[str]] = {}
    for aid in list(parent):
        components.setdefault(find(aid), []).append(aid)
    by_id = {r["id"]: r for r in rows}
    fresh = 0
    for members in sorted(sorted(c) for c in components.values() if len(c) > 1):
        labels = sorted({by_id[a].get("demo_duplicate_group") for a in members} - {None, ""})
        if not labels:
            fresh += 1
            labels = [f"dup-same-{fresh:03d}"]
        for a in members:
            by_id[a]["demo_duplicate_group"] = labels[0]
    return refused
