"""The demo registry's activity planner and honest labels, on hand-built partnerships."""

from __future__ import annotations

import random

from importers.demo_activities import ACTIVITIES, REWORD, Overlaps, label_collisions, plan_activities


def _overlaps():
    o = Overlaps()
    o.add_area("rap", {"GM1", "GM2"})
    o.add_area("so", {"GM2", "GM3"})       # shares GM2 with rap
    o.add_area("far", {"GM9"})             # shares only board b1 with rap
    o.add_area("local", {"GM2"})           # same area as rap and so, no member in common
    for pid, board in (("rap", "b1"), ("so", "b2"), ("far", "b1")):
        o.add_member(pid, board)
    return o


def test_overlap_and_same_area():
    o = _overlaps()
    assert o.overlap("rap", "so") and o.overlap("rap", "far") and not o.overlap("so", "far")
    assert o.same_area("rap", "so") and not o.same_area("rap", "far")
    o.add_stated("far", "Regio X")
    o.add_stated("so", "Regio X")
    assert o.same_area("so", "far")


def test_every_template_has_a_paraphrase_and_the_five_functions():
    assert all(title in REWORD and REWORD[title][0] != title for _, title, *_ in ACTIVITIES)
    assert {a[0] for a in ACTIVITIES} == {"werven", "matchen", "opleiden", "begeleiden", "professionaliseren"}


def test_same_area_partnerships_get_other_aims():
    o = _overlaps()
    used: dict[str, dict[int, str]] = {}
    rows = plan_activities([("rap", "A", 5, "2020-01-01"), ("so", "B", 5, "2020-01-01")], used, o, random.Random(1))
    assert len(rows) == 10 and not set(used["rap"]) & set(used["so"])
    assert label_collisions(rows, used, o) == 0
    assert not any(r.get("demo_duplicate_group") for r in rows)


def test_collisions_labelled_only_where_the_rule_can_propose_every_pair():
    o = _overlaps()
    used = {"rap": {0: "rap-a1"}, "so": {0: "so-a1"}, "far": {0: "far-a1"}, "local": {0: "local-a1"}}
    rows = [{"id": f"{p}-a1", "partnership": p} for p in used]
    refused = label_collisions(rows, used, o)
    by_id = {r["id"]: r.get("demo_duplicate_group") for r in rows}
    # rap, so and local cover GM2: the same aim in the same area, one group; far shares a board
    # with rap but not the area: the same kind of activity elsewhere, not labelled
    assert by_id["rap-a1"] == by_id["so-a1"] == by_id["local-a1"] and by_id["rap-a1"].startswith("dup-same-")
    assert by_id["far-a1"] is None and refused == 0


def test_a_group_the_rule_cannot_propose_is_refused():
    o = Overlaps()
    o.add_area("p", {"GM1"})
    o.add_area("q", {"GM2"})
    o.add_stated("p", "Regio X")
    o.add_stated("q", "Regio X")  # same stated area, but no member or municipality in common
    used = {"p": {3: "p-a1"}, "q": {3: "q-a1"}}
    rows = [{"id": "p-a1", "partnership": "p"}, {"id": "q-a1", "partnership": "q"}]
    assert label_collisions(rows, used, o) == 1
    assert not any(r.get("demo_duplicate_group") for r in rows)
    # and the planner does not give a partnership naming that area the aim p runs there
    o.add_stated("q2", "Regio X")
    plan = plan_activities([("q2", "Regio X", len(ACTIVITIES), "2020-01-01")], {"p": {3: "p-a1"}}, o,
                           random.Random(0))
    titles = {r["title"] for r in plan}
    assert len(plan) == len(ACTIVITIES) - 1 and ACTIVITIES[3][1].format(r="Regio X") not in titles
