"""Small input files written in the sources' own formats (for importer tests).

``write_small_data(root)`` lays out a data folder like data/raw with tiny versions of the
files ``duo-po-vestigingen`` needs (the 02 file in cp1252 with ``;`` and CRLF, the gemeente
region table, the board names file), plus the 06 pupils file and the SWV table.
"""

from __future__ import annotations

from pathlib import Path

PO_FILE = Path("duo-po-vestigingen/02.-alle-schoolvestigingen-basisonderwijs.csv")
PUPILS_FILE = Path("duo-po-vestigingen/06.-historisch-overzicht-aantal-leerlingen-per-schoolvestiging.csv")
REGIO_FILE = Path("derived-gemeente-regio-koppeling/gemeenten_2025_regio.csv")
BESTUREN_FILE = Path("duo-jaarrekening-balans-2015-2019/besturen_2015_2019_derived.csv")
SWV_FILE = Path("swv-passend-onderwijs-pc4/swv_po_vo_per_pc4_2015.csv")
AM_FILE = Path("cbs-arbeidsmarktregio-gemeente/arbeidsmarktregio_gemeente.json")

PO_HEADER = ("PROVINCIE;BEVOEGD GEZAG NUMMER;INSTELLINGSCODE;VESTIGINGSCODE;VESTIGINGSNAAM;"
             "STRAATNAAM;HUISNUMMER-TOEVOEGING;POSTCODE;PLAATSNAAM;GEMEENTENUMMER;GEMEENTENAAM;"
             "DENOMINATIE;TELEFOONNUMMER;INTERNETADRES")

#: data rows of the small 02 file: line 2, 3, 4 (header = line 1)
PO_ROWS = [
    "Groningen;01234;00AB;00AB00;OBS De Wierde;Hoofdstraat;1;9711 AA;GRONINGEN;0014;GRONINGEN;Openbaar; ; ",
    "Groningen;01234;00AB;00AB01;OBS De Wierde dependance;Zijstraat;2;9712 BB;GRONINGEN;0014;GRONINGEN;Openbaar; ; ",
    "Gelderland;41000;12XY;12XY00;Basisschool De Zeeën;Dorpsstraat;3;7383 AA;VOORST;0285;VOORST;Rooms-Katholiek; ; ",
]

REGIO_HEADER = ("gemeentecode,gemeentenummer,gemeentenaam,provincie,provinciecode,arbeidsmarktregiocode,"
                "arbeidsmarktregio,coropcode,coropnaam,rpa_code,rpa_naam,onderwijsgebied_code,"
                "onderwijsgebied_naam,rmc_code,rmc_naam,wgr_code,wgr_naam,nodaal_code,nodaal_naam")
REGIO_ROWS = [
    "GM0014,0014,Groningen,Groningen,PV20,AM01,Groningen,CR03,Overig Groningen,03,Centraal-Groningen,"
    "01,Groningen en omstreken,03,Centraal en Westelijk Groningen,03,Centraal,01,Groningen",
    "GM0285,0285,Voorst,Gelderland,PV25,AM06,Veluwe Stedendriehoek,CR12,Veluwe,12,Apeldoorn,"
    "05,Apeldoorn-Zutphen,21,Stedendriehoek,21,Stedendriehoek,30,Apeldoorn",
]

BESTUREN_ROWS = [
    "bevoegd_gezag_nummer,sector,groepering,naam,eerste_jaar,laatste_jaar",
    "01234,PO,BO3,Stichting Openbaar Onderwijs Groningen,2015,2019",
    "41000,PO,BO2,Stichting Katholiek Onderwijs Voorst,2015,2019",
]

PUPILS_HEADER = ("INSTELLINGSCODE;VESTIGINGSCODE;NAAM_VESTIGING;SOORT_VESTIGING;DENOMINATIE_VESTIGING;"
                 "BEVOEGD_GEZAG_NUMMER;GEMEENTECODE_VESTIGING;GEMEENTENAAM_VESTIGING;LEERLINGEN_2024;"
                 "LEERLINGEN_2025")
PUPILS_ROWS = [
    "00AB;00AB00;OBS De Wierde;BO;Openbaar;01234;14;GRONINGEN;200;210",
    "00AB;00AB01;OBS De Wierde dependance;BO;Openbaar;01234;14;GRONINGEN;12;<5",
    "77ZZ;77ZZ00;SBO De Brug;SBO;Openbaar;01234;14;GRONINGEN;80;85",
    "88YY;88YY00;VSO De Toren;VSO;Rooms-Katholiek;41000;285;VOORST;40;44",
    "99QQ;99QQ00;Gesloten school;SO;Openbaar;41000;285;VOORST;10;0",
]

SWV_ROWS = ["pc4,gemeente,swv_po_code,swv_vo_code", "9711,Groningen,PO2001,VO2001",
            "9712,Groningen,PO2001,VO2001", "7383,Voorst,PO2507,VO2507"]


def crlf(lines: list[str]) -> str:
    return "\r\n".join(lines) + "\r\n"


def write_po(root: Path, rows: list[str] | None = None, *, header: str = PO_HEADER,
             encoding: str = "cp1252", delimiter: str = ";") -> Path:
    """Write the small 02 file (cp1252, ``;``, CRLF unless told otherwise); answer its path."""
    lines = [header, *(PO_ROWS if rows is None else rows)]
    if delimiter != ";":
        lines = [line.replace(";", delimiter) for line in lines]
    path = root / PO_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(crlf(lines).encode(encoding))
    return path


def write_pupils(root: Path, rows: list[str] | None = None, encoding: str = "utf-8-sig") -> Path:
    """Write the small 06 file (UTF-8 with BOM, ``;``, CRLF)."""
    path = root / PUPILS_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(crlf([PUPILS_HEADER, *(PUPILS_ROWS if rows is None else rows)]).encode(encoding))
    return path


def write_small_data(root: Path) -> Path:
    """Lay out a small data folder (02, 06, region table, board names, SWV); answer ``root``."""
    write_po(root)
    write_pupils(root)
    for rel, lines in ((REGIO_FILE, [REGIO_HEADER, *REGIO_ROWS]), (BESTUREN_FILE, BESTUREN_ROWS),
                       (SWV_FILE, SWV_ROWS)):
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root
