"""Writes resources/x12/270.5010.X279.A1.xml and 271.5010.X279.A1.xml, pyx12 maps of the
5010 eligibility pair, from the compact tables below (run: .venv/bin/python scripts/x12_maps.py).

Why: pyx12 4.0.0 ships 270/271 maps for 4010 only (its issue #62 asks for 005010X279A1), and
its maps.xml names a 5010 file it does not ship. The tables follow the public ASC X12 5010
270/271 (005010X279A1) loop and segment layout; each element is (data element number, usage,
valid codes). Segments a front desk never sends or reads (HI, MPI, AMT, III) are left out, and
docs/edi.md says so. tests/edi/test_maps.py checks that the committed files match this script.
"""

from __future__ import annotations

import sys
from pathlib import Path
from xml.etree import ElementTree as ET

OUT = Path(__file__).resolve().parent.parent / "resources" / "x12"
VERSION = "005010X279A1"

El = tuple  # (data_ele, usage, codes) or ("C003", usage, [sub elements])
AAA_REASONS = ("04 15 41 42 43 44 45 46 47 48 49 50 51 52 53 54 55 56 57 58 60 61 62 63 64 65"
               " 66 67 68 69 70 71 72 73 74 75 76 77 78 79 80 97 98 AA AE AF AG AO CI E8 IA MA")


def codes(text: str) -> tuple[str, ...]:
    return tuple(text.split())


def seg(xid: str, usage: str, pos: str, max_use: str, elements: list[El],
        syntax: tuple[str, ...] = ()) -> dict:
    return {"kind": "segment", "xid": xid, "usage": usage, "pos": pos, "max_use": max_use,
            "elements": elements, "syntax": syntax}


def loop(xid: str, usage: str, pos: str, repeat: str, children: list[dict],
         kind: str | None = None) -> dict:
    return {"kind": "loop", "xid": xid, "usage": usage, "pos": pos, "repeat": repeat,
            "children": children, "type": kind}


def hl(level: str, parent: str, child: str) -> dict:
    return seg("HL", "R", "0100", "1", [("628", "R", ()), ("734", parent, ()),
                                        ("735", "R", codes(level)), ("736", "R", codes(child))])


def nm1(entities: str, kinds: str, id_usage: str, id_codes: str, last: str = "R",
        extra: str = "N") -> dict:
    return seg("NM1", "R", "0300", "1", [
        ("98", "R", codes(entities)), ("1065", "R", codes(kinds)), ("1035", last, ()),
        ("1036", "S", ()), ("1037", "S", ()), ("1038", "N", ()), ("1039", "S", ()),
        ("66", id_usage, codes(id_codes)), ("67", id_usage, ()), ("706", extra, codes("72")),
        ("98", "N", ()), ("1035", "N", ())], ("P0809", "C1110"))


def ref(pos: str, max_use: str, qualifiers: str, described: str = "N") -> dict:
    return seg("REF", "S", pos, max_use, [("128", "R", codes(qualifiers)), ("127", "R", ()),
                                         ("352", described, ())])


def address(n3: str = "0600", n4: str = "0700") -> list[dict]:
    return [seg("N3", "S", n3, "1", [("166", "R", ()), ("166", "S", ())]),
            seg("N4", "S", n4, "1", [("19", "R", ()), ("156", "S", ()), ("116", "S", ()),
                                     ("26", "S", ()), ("309", "N", ()), ("310", "N", ()),
                                     ("1715", "S", ())])]


def prv(pos: str) -> dict:
    return seg("PRV", "S", pos, "1", [
        ("1221", "R", codes("AD AT BI CO CV H HH LA OT P1 P2 PC PE R RF SB SK SU")),
        ("128", "S", codes("PXC")), ("127", "S", ())])


def per(pos: str) -> dict:
    kinds = codes("ED EM EX FX TE UR")
    return seg("PER", "S", pos, "3", [
        ("366", "R", codes("IC")), ("93", "S", ()), ("365", "S", kinds), ("364", "S", ()),
        ("365", "S", kinds), ("364", "S", ()), ("365", "S", kinds), ("364", "S", ()),
        ("443", "N", ())])


def aaa(pos: str) -> dict:
    return seg("AAA", "S", pos, "9", [("1073", "R", codes("N Y")), ("559", "N", ()),
                                     ("901", "R", codes(AAA_REASONS)),
                                     ("889", "R", codes("C N P R S W X Y"))])


def trn(max_use: str, types: str) -> dict:
    return seg("TRN", "S", "0200", max_use, [("481", "R", codes(types)), ("127", "R", ()),
                                            ("509", "R", ()), ("127", "S", ())])


def dmg() -> dict:
    return seg("DMG", "S", "1100", "1", [("1250", "R", codes("D8")), ("1251", "R", ()),
                                        ("1068", "S", codes("F M U"))])


def ins(yes: str, relationships: str, usage: str) -> dict:
    rest: list[El] = [(n, "N", ()) for n in
                      ("875", "1203", "1216", "1218", "1219", "584", "1220", "1073", "1250",
                       "1251", "1165", "19", "156", "26")]
    return seg("INS", "S", "1200", "1", [("1073", usage, codes(yes)),
                                        ("1069", "R", codes(relationships)), *rest,
                                        ("1470", "S", ())])


def dtp(pos: str, max_use: str, qualifiers: str) -> dict:
    return seg("DTP", "S", pos, max_use, [("374", "R", codes(qualifiers)),
                                         ("1250", "R", codes("D8 RD8")), ("1251", "R", ())])


PROCEDURE: El = ("C003", "S", [("235", "R", codes("AD CJ HC ID IV N4 ZZ")), ("234", "R", ()),
                               ("1339", "S", ()), ("1339", "S", ()), ("1339", "S", ()),
                               ("1339", "S", ()), ("352", "N", ()), ("234", "N", ())])
POINTERS: El = ("C004", "S", [("1328", "R", ()), ("1328", "S", ()), ("1328", "S", ()),
                              ("1328", "S", ())])


def control(fic: str, set_id: str, body: list[dict]) -> dict:
    """ISA/GS/ST envelope around one transaction set body, as pyx12's maps carry it."""
    qualifiers = codes("01 14 20 27 28 29 30 33 ZZ")
    isa = seg("ISA", "R", "0100", "1", [
        ("I01", "R", codes("00 03")), ("I02", "R", ()), ("I03", "R", codes("00 01")),
        ("I04", "R", ()), ("I05", "R", qualifiers), ("I06", "R", ()), ("I05", "R", qualifiers),
        ("I07", "R", ()), ("I08", "R", ()), ("I09", "R", ()), ("I65", "R", ()),
        ("I11", "R", codes("00501")), ("I12", "R", ()), ("I13", "R", codes("0 1")),
        ("I14", "R", codes("P T")), ("I15", "R", ())])
    gs = seg("GS", "R", "0100", "1", [
        ("479", "R", codes(fic)), ("142", "R", ()), ("124", "R", ()), ("373", "R", ()),
        ("337", "R", ()), ("28", "R", ()), ("455", "R", codes("X")),
        ("480", "R", codes(VERSION))])
    st = seg("ST", "R", "0100", "1", [("143", "R", codes(set_id)),
                                     ("329", "R", ()), ("1705", "R", codes(VERSION))])
    se = seg("SE", "R", "5550", "1", [("96", "R", ()), ("329", "R", ())])
    ge = seg("GE", "R", "0300", "1", [("97", "R", ()), ("28", "R", ())])
    iea = seg("IEA", "R", "0300", "1", [("I16", "R", ()), ("I12", "R", ())])
    st_loop = loop("ST_LOOP", "R", "0200", ">1", [st, *body, se], "explicit")
    gs_loop = loop("GS_LOOP", "R", "0200", ">1", [gs, st_loop, ge], "explicit")
    return loop("ISA_LOOP", "R", "0010", ">1", [isa, gs_loop, iea], "explicit")


def map_270() -> dict:
    bht = seg("BHT", "R", "0200", "1", [("1005", "R", codes("0022")), ("353", "R", codes("01 13")),
                                       ("127", "R", ()), ("373", "R", ()), ("337", "R", ()),
                                       ("640", "S", codes("RT"))])
    eq = loop("2110C", "S", "1400", "99", [
        seg("EQ", "R", "1400", "1", [("1365", "S", ()), PROCEDURE, ("1207", "N", ()),
                                     ("1336", "N", ()), POINTERS]),
        dtp("1700", "1", "291")])
    person = [ref("0400", "9", "18 1L 1W 3H 6P CT EA EJ F6 GH HJ IG N6 NQ SY Y4"), *address(),
              prv("1000"), dmg()]
    subscriber = loop("2100C", "R", "0300", "1", [
        nm1("IL", "1", "S", "II MI", "S"), *person, ins("Y", "18", "R"),
        dtp("1300", "2", "291 307 435 472"), eq])
    dependent = loop("2100D", "R", "0300", "1", [
        nm1("03", "1", "N", "", "R"), *person, ins("N", "01 19 34", "R"),
        dtp("1300", "2", "291 307 435 472"), {**eq, "xid": "2110D"}])
    detail = loop("DETAIL", "R", "0200", ">1", [
        loop("2000A", "R", "0100", ">1", [
            hl("20", "N", "1"),
            loop("2100A", "R", "0300", "1", [
                nm1("2B 36 GP P5 PR", "1 2", "R", "24 46 FI NI PI XV XX")]),
            loop("2000B", "R", "0400", ">1", [
                hl("21", "R", "1"),
                loop("2100B", "R", "0300", "1", [
                    nm1("1P 2B 36 80 FA GP P5 PR", "1 2", "R", "24 34 46 FI PI SV XV XX"),
                    ref("0400", "9", "0B 1C 1D 1J 4A CT EL EO HPI JD N5 N7 Q4 SY TJ", "S"),
                    *address(), prv("1000")]),
                loop("2000C", "R", "0400", ">1", [
                    hl("22", "R", "0 1"), trn("2", "1"), subscriber,
                    loop("2000D", "S", "0400", ">1", [
                        hl("23", "R", "0"), trn("2", "1"), dependent])])])])], "wrapper")
    header = loop("HEADER", "R", "0110", "1", [bht], "wrapper")
    return {"set": "270", "name": "HIPAA Health Care Eligibility Inquiry 005010X279A1 270",
            "root": control("HS", "270", [header, detail])}


def benefit(xid: str) -> dict:
    """Loop 2110C/2110D: one EB with its limits, dates, rejections, notes and provider."""
    benefit_codes = codes("1 2 3 4 5 6 7 8 A B C CB D E F G H I J K L M MC N O P Q R S T U V"
                          " W X Y")
    periods = codes("6 7 13 21 22 23 24 25 26 27 28 29 30 31 32 33 34 35 36")
    quantities = codes("8H 99 CA CE D3 DB DY HS LA LE M2 MN P6 QA S7 S8 VS YY")
    eb = seg("EB", "R", "1300", "1", [
        ("1390", "R", benefit_codes),
        ("1207", "S", codes("CHD DEP ECH EMP ESP FAM IND SPC SPO TWO")),
        ("1365", "S", ()), ("1336", "S", ()), ("1204", "S", ()), ("615", "S", periods),
        ("782", "S", ()), ("954", "S", ()), ("673", "S", quantities), ("380", "S", ()),
        ("1073", "S", codes("N U Y")), ("1073", "S", codes("N U W Y")), PROCEDURE, POINTERS])
    hsd = seg("HSD", "S", "1350", "9", [(n, "S", ()) for n in
                                       ("673", "380", "355", "1167", "615", "616", "678", "679")])
    msg = seg("MSG", "S", "2500", "10", [("933", "R", ()), ("934", "N", ()), ("1470", "N", ())])
    ls = seg("LS", "S", "3300", "1", [("447", "R", codes("2120"))])
    le = seg("LE", "S", "4000", "1", [("447", "R", codes("2120"))])
    provider = loop(xid.replace("2110", "2120"), "S", "3400", "23", [
        seg("NM1", "R", "3400", "1", [
            ("98", "R", codes("13 1I 1P 2B 36 73 FA GP GW I3 IL LR OC P3 P4 P5 PR PRP SEP TTP"
                              " VER VN VY X3 Y2")),
            ("1065", "R", codes("1 2")), ("1035", "S", ()), ("1036", "S", ()),
            ("1037", "S", ()), ("1038", "S", ()), ("1039", "S", ()),
            ("66", "S", codes("24 34 46 FA FI II MI NI PI PP SV XV XX")), ("67", "S", ()),
            ("706", "S", codes("72")), ("98", "N", ()), ("1035", "N", ())], ("P0809",)),
        *address("3600", "3700"), per("3800"), prv("3900")])
    return loop(xid, "S", "1300", ">1", [
        eb, hsd, ref("1400", "9", "18 1L 1W 49 6P 9F ALS CLI F8 FO G1 IG N6", "S"),
        dtp("1500", "20", "096 193 194 198 290 291 292 295 304 307 318 346 348 349 356 357"
                          " 435 472 636 771"),
        aaa("1600"), msg, ls, provider, le])


def map_271() -> dict:
    bht = seg("BHT", "R", "0200", "1", [("1005", "R", codes("0022")), ("353", "R", codes("06 11")),
                                       ("127", "S", ()), ("373", "R", ()), ("337", "S", ()),
                                       ("640", "N", ())])
    dates = ("102 152 291 307 318 340 341 342 343 346 347 356 357 382 435 442 458 472 539 540"
             " 636 771")
    person = [ref("0400", "9", "18 1L 1W 3H 49 6P CE CT EA EJ F6 GH HJ HLT IG MRC N6 NQ Q4 SY"
                               " Y4", "S"),
              *address(), aaa("0850"), prv("1000"), dmg()]
    subscriber = loop("2100C", "R", "0300", "1", [
        nm1("IL", "1", "S", "II MI", "S"), *person, ins("Y", "18", "R"),
        dtp("1300", "9", dates), benefit("2110C")])
    dependent = loop("2100D", "R", "0300", "1", [
        nm1("03", "1", "N", "", "R"), *person, ins("N", "01 19 34", "R"),
        dtp("1300", "9", dates), benefit("2110D")])
    for child in (*subscriber["children"], *dependent["children"]):
        if child["xid"] == "DTP":  # the person's dates sit before the benefit loop
            child["pos"] = "1250"
    detail = loop("DETAIL", "R", "0200", ">1", [
        loop("2000A", "R", "0100", ">1", [
            hl("20", "N", "0 1"), aaa("0250"),
            loop("2100A", "R", "0300", "1", [
                nm1("2B 36 GP P5 PR", "1 2", "R", "24 46 FI NI PI XV XX"), per("0800"),
                aaa("0850")]),
            loop("2000B", "S", "0400", ">1", [
                hl("21", "R", "0 1"),
                loop("2100B", "R", "0300", "1", [
                    nm1("1P 2B 36 80 FA GP P5 PR", "1 2", "R", "24 34 46 FI PI SV XV XX"),
                    ref("0400", "9", "0B 1C 1D 1J 4A CT EL EO HPI JD N5 N7 Q4 SY TJ", "S"),
                    *address(), aaa("0850"), prv("1000")]),
                loop("2000C", "S", "0400", ">1", [
                    hl("22", "R", "0 1"), trn("3", "1 2"), subscriber,
                    loop("2000D", "S", "0400", ">1", [
                        hl("23", "R", "0"), trn("3", "1 2"), dependent])])])])], "wrapper")
    header = loop("HEADER", "R", "0110", "1", [bht], "wrapper")
    return {"set": "271", "name": "HIPAA Health Care Eligibility Benefit Response 005010X279A1",
            "root": control("HB", "271", [header, detail])}


def _element(parent: ET.Element, owner: str, seq: int, spec: El, sep: str = "") -> None:
    data_ele, usage, values = spec
    xid = f"{owner}{sep}{seq:02d}"
    if data_ele.startswith("C"):
        node = ET.SubElement(parent, "composite", xid=xid, data_ele=data_ele, usage=usage,
                             seq=f"{seq:02d}")
        for index, sub in enumerate(values, start=1):
            _element(node, xid, index, sub, "-")
        return
    node = ET.SubElement(parent, "element", xid=xid, data_ele=data_ele, usage=usage,
                         seq=f"{seq:02d}")
    if data_ele == "1365":  # EQ01 and EB03 repeat (up to 99 times) in 5010
        # pyx12 4.0.0 checks a repeating element as one value, so "30^98" would fail the
        # 2-character service type code: it is checked as free text (MSG01's form, 264
        # characters) here, and desktop_app/edi/x271.py checks each repetition.
        node.set("data_ele", "933")
        node.set("max_use", "99")
    if values:
        valid = ET.SubElement(node, "valid_codes")
        for code in values:
            ET.SubElement(valid, "code").text = code


def _node(parent: ET.Element, spec: dict) -> None:
    if spec["kind"] == "segment":
        node = ET.SubElement(parent, "segment", xid=spec["xid"], usage=spec["usage"],
                             pos=spec["pos"], max_use=spec["max_use"])
        for rule in spec["syntax"]:
            ET.SubElement(node, "syntax").text = rule
        for seq, element in enumerate(spec["elements"], start=1):
            _element(node, spec["xid"], seq, element)
        return
    attrs = {"xid": spec["xid"], "usage": spec["usage"], "pos": spec["pos"],
             "repeat": spec["repeat"]}
    if spec["type"]:
        attrs["type"] = spec["type"]
    node = ET.SubElement(parent, "loop", attrs)
    for child in spec["children"]:
        _node(node, child)


def render(spec: dict) -> str:
    root = ET.Element("transaction", xid=spec["set"])
    ET.SubElement(root, "name").text = spec["name"]
    _node(root, spec["root"])
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    note = ("<!-- Written by scripts/x12_maps.py for Front Desk Pay: the public 005010X279A1 "
            "layout in pyx12's map format. Edit the script, not this file. -->")
    return f'<?xml version="1.0" encoding="utf-8"?>\n{note}\n{body}\n'


MAPS = {"270.5010.X279.A1.xml": map_270, "271.5010.X279.A1.xml": map_271}


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, build in MAPS.items():
        (OUT / name).write_text(render(build()), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
