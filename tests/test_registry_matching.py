"""Matching registry member names to the real DUO board names (besturen 2015-2019) and the
2025 mbo/ho institution names: spelling variants, "Stichting X" vs "X", DUO abbreviations,
boards that stopped (merged) before 2019, true ambiguity, and nothing linked below the
threshold."""

from __future__ import annotations

import pytest

from importers.matching import NameMatcher, candidates_from_tables, match_report, normalise_name
from importers.registry_reference import DEFAULT_RAW_DIR, institution_names, read_raw_reference

pytestmark = pytest.mark.skipif(not DEFAULT_RAW_DIR.exists(),
                                reason=f"raw DUO files not at {DEFAULT_RAW_DIR} (set REGIOGRAPH_RAW_DIR)")


@pytest.fixture(scope="module")
def matcher():
    tables = read_raw_reference()
    return NameMatcher(candidates_from_tables(tables, institution_names()))


def test_normalise_drops_legal_forms_and_expands_duo_abbreviations():
    assert normalise_name("Stg. Onderw.grp Punt Speciaal") == "onderwijs groep punt speciaal"
    assert normalise_name("Stichting Spaarnesant") == normalise_name("spaarnesant.")
    assert normalise_name("Montessori Ver. Haarlemmermeer") == normalise_name(
        "Montessori Vereniging Haarlemmermeer")
    assert normalise_name("Sticht. Kathol. Onderw. Hulst") == "katholiek onderwijs hulst"
    assert normalise_name("Élan B.V.") == "elan"
    assert normalise_name("Het Sticht") == "het sticht"  # only filler words: kept whole


@pytest.mark.parametrize("name,board", [
    ("Stichting Pallas", "41246"),                       # exact DUO name
    ("Pallas", "41246"),                                 # "Stichting X" vs "X"
    ("Stg Pallas", "41246"),
    ("Stichting Palas", "41246"),                        # typo
    ("Onderwijsgroep Punt Speciaal", "41531"),           # DUO: "Stg. Onderw.grp Punt Speciaal"
    ("Atlant Basisonderwijs", "40257"),                  # DUO: "Sticht. Atlant Basisonderwijs"
    ("Stichting HZ University of Applied Sciences", "30246"),  # "Stg. HZ Univ. of Appl. Scienc."
    ("Stichting Openbaar Primair Onderwijs Haarlemmermeer", "13622"),  # "Stichting OPO Haarlemmermeer"
    ("Montessori Vereniging Haarlemmermeer", "79016"),
    ("Voortgezet Onderwijs Kennemerland", "41009"),      # "St. Voortg. Ond. Kennemerland"
    ("Albeda", "40290"),                                 # 2025 mbo name -> DUO board "Stichting Albeda"
    ("SOMA College", "34386"),
    ("Hogeschool De Kempel", "50338"),                   # institution name -> its board
])
def test_real_names_match_their_board(matcher, name, board):
    m = matcher.match(name)
    assert (m.status, m.kind, m.key) == ("matched", "board", board), m


def test_board_that_stopped_still_maps_to_its_number(matcher):
    # "Stg. Kathol. Onderwijs Drenthe" was last reported in 2015 (merged or closed)
    m = matcher.match("Stichting Katholiek Onderwijs Drenthe")
    assert (m.status, m.key) == ("matched", "40999") and "2015" in m.note


def test_two_boards_with_the_same_name_are_ambiguous(matcher):
    m = matcher.match("Stichting Prisma")
    assert m.status == "ambiguous"
    assert {c[1] for c in m.candidates[:2]} == {"40114", "47959"}


@pytest.mark.parametrize("name", [
    "Gemeente Haarlem", "Kinderopvang Humanitas", "PO-Raad",
    "Stichting Katholiek Onderwijs Lelystad Flevoland",  # only partly like several boards
])
def test_nothing_below_threshold_is_linked(matcher, name):
    m = matcher.match(name)
    assert m.status == "unmatched" and m.key is None and m.score < matcher.threshold


def test_report_and_pins(matcher):
    report = match_report(["Pallas", "Stichting Prisma", "Salomo", "Salomo"], matcher,
                          pins={"Salomo": "board:85255"})
    assert list(report["name"]) == ["Pallas", "Stichting Prisma", "Salomo"]
    assert list(report["status"]) == ["matched", "ambiguous", "pinned"]
    salomo = report.iloc[2]
    assert salomo["key"] == "85255" and "unmatched" in salomo["note"]
    assert "board:85255 Salomo" in salomo["candidates"]
