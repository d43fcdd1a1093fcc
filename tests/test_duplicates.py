"""Duplicate-activity candidates: Dutch text handling, the candidate rules, the store path."""

from __future__ import annotations

import pandas as pd
import pytest

from graph.duplicates import (evaluate, find_duplicates, labelled_pairs, normalise_text,
                              rank_candidates, text_similarity)
from tests.golden_graph import golden_tables


def test_normalise_splits_compounds_hyphens_and_drops_stop_words():
    words = normalise_text("De wervingscampagne voor zij-instromers").split()
    assert "campagne" in words and "werf" in words       # wervings|campagne, werving -> werf
    assert "zijinstromer" in words and "instromer" in words
    assert "de" not in words and "voor" not in words


def test_text_similarity_ranks_paraphrases_above_unrelated_text():
    sims = text_similarity(["Wervingscampagne zij-instromers",
                            "Campagne werving zij-instroom",
                            "Inductieprogramma voor startende leraren"])
    assert sims[0, 1] > 0.3 and sims[0, 2] < 0.1
    assert sims[0, 0] == pytest.approx(1.0)


def _activities(rows):
    return pd.DataFrame([(r[0], r[1], r[2], r[3], None, *r[4:]) for r in rows],
                        columns=["activity", "partnership", "title", "description", "area",
                                       "function", "programme_line", "target_groups", "start",
                                       "finish", "label"])


SAME = "Regionale wervingscampagne voor zij-instromers in het primair onderwijs"
ROWS = [
    ("a1", "P", "Wervingscampagne zij-instromers", SAME, "werven", None, None, "2023-01-01", "2023-12-31", "g1"),
    ("a2", "Q", "Campagne werving zij-instroom", SAME, "werven", None, None, "2023-06-01", None, "g1"),
    ("a3", "P", "Campagne werving zij-instroom", SAME, "werven", None, None, "2023-01-01", None, None),   # same partnership as a1
    ("a4", "R", "Campagne werving zij-instroom", SAME, "matchen", None, None, "2023-01-01", None, None),  # other function
    ("a5", "S", "Campagne werving zij-instroom", SAME, "werven", None, None, "2025-01-01", None, None),   # later than a1
    ("a6", "T", "Campagne werving zij-instroom", SAME, "werven", None, None, None, None, None),          # no overlap with P
]


def test_rank_candidates_applies_every_rule():
    members = {"P": {"Board:1", "Board:2"}, "Q": {"Board:2", "Board:3"}, "R": {"Board:1"},
               "S": {"Board:1"}, "T": {"Board:9"}}
    found = rank_candidates(_activities(ROWS), members, min_text=0.3)
    pairs = {(c.activity_a, c.activity_b) for c in found}
    assert ("a1", "a2") in pairs
    assert ("a1", "a3") not in pairs   # same partnership
    assert ("a1", "a4") not in pairs   # different function
    assert ("a1", "a5") not in pairs   # periods do not overlap
    assert not any("a6" in p for p in pairs)  # T shares no members or area
    best = next(c for c in found if (c.activity_a, c.activity_b) == ("a1", "a2"))
    assert best.member_overlap == pytest.approx(0.5) and best.shared_members == ["Board:2"]
    assert best.shared_period == ("2023-06-01", "2023-12-31")
    assert any(r.startswith("same function: werven") for r in best.reasons)


def test_area_overlap_alone_makes_a_candidate():
    found = rank_candidates(_activities(ROWS), {}, {"P": {"GM1"}, "T": {"GM1", "GM2"}})
    pair = next(c for c in found if (c.activity_a, c.activity_b) == ("a1", "a6"))
    assert pair.area_overlap == 1.0 and pair.member_overlap == 0.0


def test_evaluate_counts_precision_and_recall():
    found = rank_candidates(_activities(ROWS), {"P": {"x"}, "Q": {"x"}, "S": {"x"}, "R": {"x"}})
    truth = labelled_pairs(_activities(ROWS))
    assert truth == {("a1", "a2")}
    table = evaluate(found, truth, thresholds=(0.0,)).iloc[0]
    assert table["hits"] == 1 and table["recall"] == 1.0
    assert table["precision"] == pytest.approx(1 / table["predicted"])


def test_find_duplicates_on_the_golden_graph(store):
    store.replace_graph(golden_tables())
    found = find_duplicates(store, as_of="2024-06-01", min_text=0.3)
    assert [(c.activity_a, c.activity_b, c.function) for c in found] == [("A01", "A02", "werven")]
    top = found[0]
    assert (top.partnership_a, top.partnership_b) == ("R1", "SO1")
    assert top.shared_members == ["Bestuur 1", "Bestuur 2"]
    assert top.member_overlap == pytest.approx(2 / 3)
    loose = find_duplicates(store, as_of="2024-06-01", min_text=0.0)
    assert ("A06", "A08") in {(c.activity_a, c.activity_b) for c in loose}
