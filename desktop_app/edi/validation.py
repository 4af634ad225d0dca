"""One pass of pyx12 over an X12 text: every segment with the map loop it belongs to, plus the
validation findings, and (on request) the 999 a receiver would answer.

pyx12's own driver (x12n_document) looks for the control maps and the map index in one folder;
our 005010X279A1 maps live in resources/x12 while the control segments, data elements and the
835/999 maps stay pyx12's. So this walk is that driver's loop, with the transaction map chosen
per GS08: ours for the eligibility pair, pyx12's for everything else.
"""

from __future__ import annotations

import io
import json
import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

import pyx12.errh_json
import pyx12.error_999
import pyx12.error_handler
import pyx12.errors
import pyx12.map_if
import pyx12.map_index
import pyx12.params
import pyx12.x12file
from defusedxml import ElementTree
from pyx12.map_if._segment import apply_segment_errors
from pyx12.map_walker import apply_walk_errors, walk_tree

from desktop_app.edi.errors import EdiError, Finding
from desktop_app.paths import resources_dir

OUR_MAPS = {("005010X279A1", "HS"): "270.5010.X279.A1.xml",
            ("005010X279A1", "HB"): "271.5010.X279.A1.xml"}
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|\(\s*[^)]*\)")
_SEGMENT_TEXT = re.compile(r"\b([A-Z][A-Z0-9]{1,2})\*\S*")
logging.getLogger("pyx12").setLevel(logging.CRITICAL)  # its log lines quote element values


@dataclass(frozen=True)
class Segment:
    """A segment as read: its id, its loop in the map, its position, and its elements."""

    id: str
    loop: str
    position: int
    elements: tuple[str, ...]
    repetition: str
    component: str
    line: int = 0  # the segment's count in the whole file

    def get(self, index: int) -> str:
        """Element ``index`` (1-based), "" when absent: X12 drops trailing empty elements."""
        return self.elements[index - 1] if 0 < index <= len(self.elements) else ""

    def repeats(self, index: int) -> list[str]:
        """A repeating element's values (5010 ISA11 separates them); [] when empty."""
        value = self.get(index)
        if not self.repetition:
            return [value] if value else []
        return [v for v in value.split(self.repetition) if v]


@dataclass(frozen=True)
class Walk:
    segments: tuple[Segment, ...]
    findings: tuple[Finding, ...]
    ack_999: str

    @property
    def valid(self) -> bool:
        return not self.findings


@cache
def _param() -> pyx12.params.ParamsBase:
    return pyx12.params.params()


@cache
def _map(name: str, ours: bool) -> Any:
    if not ours:
        return pyx12.map_if.load_map_file(name, _param(), None)
    with open(resources_dir() / "x12" / name, "rb") as handle:
        root = ElementTree.parse(handle).getroot()
    return pyx12.map_if.map_if(root, _param(), None)


@cache
def _index() -> pyx12.map_index.map_index:
    return pyx12.map_index.map_index(None)


def _transaction_map(icvn: str | None, vriic: str | None, fic: str | None) -> Any:
    ours = OUR_MAPS.get((vriic or "", fic or ""))
    if ours:
        return _map(ours, True)
    name = _index().get_filename(icvn, vriic, fic)
    if name is None:
        raise EdiError(f"This is not an X12 file we read (GS08 {vriic}, GS01 {fic}).")
    return _map(name, False)


def walk(text: str, *, want_999: bool = False,
         progress: Callable[[int], None] | None = None) -> Walk:
    """Read and validate ``text``. Raises EdiError when it is not X12 at all.

    ``progress`` hears the count of segments read after each one: a day's 835 of thousands
    of payments takes pyx12 many seconds. To stop the walk it raises ``CancelledError`` (a
    BaseException, so it passes the catch-all below instead of becoming an EdiError)."""
    try:
        return _walk(text, want_999, progress)
    except EdiError:
        raise
    except (pyx12.errors.X12Error, pyx12.errors.EngineError) as error:
        raise EdiError(f"The file is not valid X12: {_scrub(str(error))}.") from None
    except Exception as error:  # pyx12 on hostile bytes: IndexError, KeyError, ...
        raise EdiError(f"The file is not valid X12 ({type(error).__name__}).") from None


def _walk(text: str, want_999: bool, progress: Callable[[int], None] | None) -> Walk:
    errh = pyx12.error_handler.err_handler()
    src = pyx12.x12file.X12Reader(io.StringIO(text))
    terms = src.get_term()
    control = _map("x12.control.00501.xml" if src.icvn == "00501" else "x12.control.00401.xml",
                   False)
    node = control.getnodebypath("/ISA_LOOP/ISA")
    walker = walk_tree()
    icvn = current = None
    segments: list[Segment] = []
    first_bad: Finding | None = None  # pyx12 keeps some element errors (ISA, GS) off its tree
    for seg in src:
        seg_id = seg.get_seg_id()
        previous = node
        if seg_id == "ISA":
            node = control.getnodebypath("/ISA_LOOP/ISA")
            walker.forceWalkCounterToLoopStart("/ISA_LOOP", "/ISA_LOOP/ISA")
        elif seg_id == "GS":
            node = control.getnodebypath("/ISA_LOOP/GS_LOOP/GS")
            walker.forceWalkCounterToLoopStart("/ISA_LOOP/GS_LOOP", "/ISA_LOOP/GS_LOOP/GS")
        else:
            found = walker.walk_errors(node, seg, src.get_seg_count(), src.get_cur_line(),
                                       src.get_ls_id())
            node = found[0]
            apply_walk_errors(errh, found[3])
        if node is None:
            node = previous
            continue
        if seg_id == "ISA":
            errh.add_isa_loop(seg, src)
            icvn = seg.get_value("ISA12")
        elif seg_id == "GS":
            current = _transaction_map(icvn, seg.get_value("GS08"), seg.get_value("GS01"))
            node = current.getnodebypath("/ISA_LOOP/GS_LOOP/GS")
            errh.add_gs_loop(seg, src)
        elif seg_id == "ST":
            errh.add_st_loop(seg, src)
        elif seg_id in ("IEA", "GE", "SE"):
            errh.handle_errors(src.pop_errors())
            closer = {"IEA": errh.close_isa_loop, "GE": errh.close_gs_loop,
                      "SE": errh.close_st_loop}[seg_id]
            closer(node, seg, src)
        else:
            errh.add_seg(node, seg, src.get_seg_count(), src.get_cur_line(), src.get_ls_id())
        errh.handle_errors(src.pop_errors())
        segments.append(_segment(seg, node, src.get_seg_count(), terms, src.get_cur_line()))
        if not apply_segment_errors(node, seg, errh) and first_bad is None:
            first_bad = Finding(seg_id or "?", segments[-1].position, "8",
                                "an element is invalid", segments[-1].line)
        if progress is not None:
            progress(len(segments))
    src.cleanup()
    errh.handle_errors(src.pop_errors())
    findings = tuple(_findings(errh))
    if first_bad is not None and not findings:
        findings = (first_bad,)
    if current is None and not findings:
        findings = (Finding("GS", 1, "GS", "No functional group in the file"),)
    ack = _ack(errh, terms) if want_999 else ""
    return Walk(tuple(segments), findings, ack)


def _segment(seg: Any, node: Any, position: int, terms: tuple[Any, ...], line: int
             ) -> Segment:
    parent = node.get_parent() if hasattr(node, "get_parent") else None
    elements = tuple(element.format(terms[2]) for element in seg.elements)
    return Segment(seg.get_seg_id() or "", getattr(parent, "id", "") or "", position, elements,
                   terms[4] or "", terms[2] or "", line)


def _scrub(text: str) -> str:
    """pyx12 quotes the offending value; a value may be PHI, so it never leaves this module."""
    return _SEGMENT_TEXT.sub(r"\1", _QUOTED.sub("…", text)).strip()


def _findings(errh: Any) -> Iterator[Finding]:
    out = io.StringIO()
    errh.accept(pyx12.errh_json.errh_json_visitor(out, indent=None))
    doc = json.loads(out.getvalue() or "{}")
    for isa in doc.get("interchanges", []):
        yield from (Finding("ISA", 1, e["err_cde"], _scrub(e["err_str"])) for e in isa["errors"])
        for gs in isa.get("groups", []):
            yield from (Finding("GS", 2, e["err_cde"], _scrub(e["err_str"]))
                        for e in gs["errors"])
            for st in gs.get("transactions", []):
                yield from (Finding("ST", 3, e["err_cde"], _scrub(e["err_str"]))
                            for e in st["errors"])
                for seg in st.get("segments", []):
                    yield from _segment_findings(seg)


def _segment_findings(seg: dict[str, Any]) -> Iterator[Finding]:
    where = (seg.get("seg_id") or "?", int(seg.get("seg_count") or 0))
    line = int(seg.get("cur_line") or 0)
    for e in seg.get("errors", []):
        yield Finding(*where, e["err_cde"], _scrub(e["err_str"]), line)
    for ele in seg.get("elements", []):
        for e in ele.get("errors", []):
            text = f"element {ele.get('ele_pos')}: {_scrub(e['err_str'])}"
            yield Finding(*where, e["err_cde"], text, line)


def _ack(errh: Any, terms: tuple[Any, ...]) -> str:
    out = io.StringIO()
    errh.accept(pyx12.error_999.error_999_visitor(out, terms))
    return out.getvalue()
