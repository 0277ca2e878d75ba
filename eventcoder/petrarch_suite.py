"""Run PETRARCH's validation suite (UD parses) through eventcoder, as a peer test.

The suite (``PETR.UnitTest.records.parsing_parsed_udpipe_2.0.xml``) holds
records ``<Sentence id= date= source=CATEGORY>`` with the expected
``<EventCoding sourcecode= targetcode= eventcode=>`` (or ``noevents="True"``),
the text and a UD parse, and ``<Config option= value=>`` switches that apply
to the records after them. :func:`run_suite` reads it, builds eventcoder
documents from the parses (UD v1 relation names such as ``dobj``,
``nsubjpass``, ``nmod`` under a verb are renamed to UD v2), codes them with the
suite's toy dictionaries (:mod:`eventcoder.petrarch`) and scores each record
with :func:`eventcoder.validation.validate`: a record passes when the set of
coded events equals the expected set.

Coding follows PETRARCH's conventions where they differ from eventcoder's
(:class:`~eventcoder.coding.CodingOptions`): prepositional phrases give a
missing target or the source of an agentless passive, negated events are
recoded through PETRARCH's coding ontology when one is found next to the suite
(:meth:`~eventcoder.petrarch.PetrarchDictionaries.negate`), and a missing
target is written ``---``.

Config switches: ``require_dyad`` (``false``: events without a target count)
and ``new_actor_length`` (unknown noun phrases of at most that many words
become actors named by their text) are honoured; the ``comma_*`` limits drive
PETRARCH's deletion of comma-delimited clauses from its treebank parses and
have no eventcoder counterpart (they are listed in the result);
``stop_on_error`` is ignored. Records that expect a PETRARCH input error
(``<EventCoding error="bad_input_parse"/>``) are failed with that reason when
the UD parse codes normally.
"""

from __future__ import annotations

import dataclasses
import re
import time
import tracemalloc
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .coding import CodingOptions, code_document
from .conllu import ConlluError, Document, read_conllu, ud1_to_ud2
from .events import events_to_frame
from .petrarch import PetrarchDictionaries, load_petrarch
from .validation import GoldEvent, GoldSentence, validate

__all__ = ["SuiteRecord", "SuiteResult", "main_lines", "read_suite", "run_suite", "ud1_to_ud2"]



@dataclass
class SuiteRecord:
    """One suite record: id, category, date, text, parse, expected events, settings."""

    id: str
    category: str
    date: str
    text: str
    parse: str
    events: list[GoldEvent]
    config: dict[str, str] = field(default_factory=dict)
    error: str = ""  # the input error PETRARCH is expected to report ("dateline", ...)


@dataclass
class SuiteResult:
    """Per-record outcome (``records``: id, category, passed, reason, expected, coded)."""

    records: pd.DataFrame
    report: object
    config_seen: Counter
    dictionaries: PetrarchDictionaries
    seconds: float = 0.0
    peak_mb: float = 0.0

    @property
    def passed(self) -> int:
        return int(self.records["passed"].sum())

    @property
    def total(self) -> int:
        return len(self.records)

    def by_category(self) -> pd.DataFrame:
        """Pass rate per category (DEMO, COMPOUND, ...), in suite order."""
        g = self.records.groupby("category", sort=False)["passed"]
        out = pd.DataFrame({"passed": g.sum().astype(int), "records": g.size()})
        out["rate"] = out["passed"] / out["records"]
        return out

    def failures_by_reason(self) -> pd.DataFrame:
        """Failed records counted by reason and category."""
        failed = self.records[~self.records["passed"]]
        return (failed.groupby(["reason", "category"]).size().rename("records")
                .reset_index().sort_values(["reason", "records"], ascending=[True, False]))


# --------------------------------------------------------------------------- reading
def _date(value: str) -> str:
    value = (value or "").strip()
    if re.fullmatch(r"\d{8}", value):
        return f"{value[:4]}-{value[4:6]}-{value[6:]}"
    return ""


def read_suite(path: str | Path) -> list[SuiteRecord]:
    """Read a PETRARCH validation XML file; each record carries the Config in force."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"suite not found: {path}")
    root = ET.parse(path).getroot()
    config: dict[str, str] = {}
    records: list[SuiteRecord] = []
    for el in root.iter():
        if el.tag == "Config" and el.get("option"):
            config[el.get("option")] = (el.get("value") or "").strip()
        elif el.tag == "Sentence":
            events = []
            error = ""
            for ec in el.findall("EventCoding"):
                error = error or (ec.get("error") or "").strip()
                if (ec.get("noevents") or "").lower() == "true":
                    continue
                code = (ec.get("eventcode") or "").strip()
                if code:
                    events.append(GoldEvent((ec.get("sourcecode") or "").strip().upper(),
                                            (ec.get("targetcode") or "").strip().upper(), code))
            text = " ".join((el.findtext("Text") or "").split())
            records.append(SuiteRecord(
                id=el.get("id", f"record-{len(records) + 1}"), category=el.get("source", ""),
                date=_date(el.get("date", "")), text=text, parse=el.findtext("Parse") or "",
                events=events, config=dict(config), error=error))
    return records


def _document(rec: SuiteRecord) -> Document:
    lines = [line for line in rec.parse.strip().splitlines() if line.strip()]
    fixed = []
    for line in lines:
        cols = line.split("\t")
        if len(cols) < 10:
            cols += ["_"] * (10 - len(cols))
        fixed.append("\t".join(cols[:10]))
    text = f"# newdoc id = {rec.id}\n# sent_id = 1\n# text = {rec.text}\n" + "\n".join(fixed) + "\n"
    doc = read_conllu(text)[0]
    doc.id = rec.id
    return ud1_to_ud2(doc)


# --------------------------------------------------------------------------- running
def _int(value: str) -> int:
    try:
        return max(int(value), 0)
    except ValueError:
        return 0


def _reason(expected: list[GoldEvent], coded: list[GoldEvent]) -> str:
    e, c = set(expected), set(coded)
    if e == c:
        return ""
    if not c:
        return "no event coded"
    if not e:
        return "event coded where none expected"
    ed = {(x.source, x.target) for x in e}
    cd = {(x.source, x.target) for x in c}
    ecodes, ccodes = {x.code for x in e}, {x.code for x in c}
    if ed == cd and ecodes != ccodes:
        return "wrong event code"
    if ecodes == ccodes and ed != cd:
        if {x.source for x in e} != {x.source for x in c}:
            return "wrong or missing source actor"
        return "wrong or missing target actor"
    if c < e:
        return "some expected events missing"
    if e < c:
        return "extra events"
    return "wrong code and actors"


def run_suite(suite: str | Path, dictionaries: str | Path | PetrarchDictionaries | None = None,
              *, measure_memory: bool = False) -> SuiteResult:
    """Code every suite record and score it.

    Parameters
    ----------
    suite : path
        The suite XML file.
    dictionaries : path or PetrarchDictionaries, optional
        A folder of PETRARCH dictionaries; by default the files the suite's
        ``<Environment>`` names, next to it (``PETR.Validate.verbs.2.0.txt`` in
        place of ``PETR.Validate.verbs.txt`` when it exists: the UD suite's
        expected codes follow that file).
    measure_memory : bool
        Trace peak Python memory while loading and coding (slower).
    """
    suite = Path(suite)
    t0 = time.perf_counter()
    if measure_memory:
        tracemalloc.start()
    if isinstance(dictionaries, PetrarchDictionaries):
        dicts = dictionaries
    elif dictionaries is not None:
        dicts = load_petrarch(dictionaries, keep_unknown_codes=True)
    else:
        dicts = load_petrarch(**_environment_files(suite), keep_unknown_codes=True)
    records = read_suite(suite)
    res = dicts.resources
    seen: Counter = Counter()
    rows, gold, coded_all = [], [], []
    for rec in records:
        for k, v in rec.config.items():
            seen[f"{k}={v}"] += 1
        options = CodingOptions(
            require_target=rec.config.get("require_dyad", "true").lower() != "false",
            own_country_targets=True, shallow=False, nominal=False, oblique_targets=True,
            oblique_sources=True,
            new_actor_length=_int(rec.config.get("new_actor_length", "0")),
            context_country=False)
        reason = ""
        try:
            doc = _document(rec)
        except ConlluError as exc:
            doc, reason = None, f"parse not readable ({exc})"
        events = []
        words = [w.form for s in doc.sentences for w in s.words] if doc is not None else []
        if doc is not None and not dicts.discarded(words):
            events = dicts.negate(code_document(doc, res, date=rec.date or None,
                                                options=options))
        # PETRARCH writes a missing target as "---" (require_dyad=false)
        events = [e if e.target else dataclasses.replace(e, target="---") for e in events]
        coded = list(dict.fromkeys(GoldEvent(e.source, e.target, e.event_code) for e in events))
        coded_all += [dataclasses.replace(e, doc_id=rec.id) for e in events]
        gold.append(GoldSentence(id=rec.id, text=rec.text, events=rec.events,
                                 category=rec.category, date=rec.date))
        reason = reason or _reason(rec.events, coded)
        if reason and rec.error:
            reason = f"PETRARCH expects an input error ({rec.error}); {reason}"
        rows.append({"id": rec.id, "category": rec.category, "passed": not reason,
                     "reason": reason,
                     "expected": "; ".join(f"{x.source} {x.target} {x.code}" for x in rec.events),
                     "coded": "; ".join(f"{x.source} {x.target} {x.code}" for x in coded)})
    # The validator scores the event sets (duplicates of one event count once, as in PETRARCH).
    frame = events_to_frame(coded_all).drop_duplicates(["doc_id", "source", "target", "event_code"])
    report = validate(frame, gold)
    peak = 0.0
    if measure_memory:
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    return SuiteResult(pd.DataFrame(rows), report, seen, dicts,
                       seconds=time.perf_counter() - t0, peak_mb=peak)


def _environment_files(suite: Path) -> dict[str, list[Path]]:
    root = ET.parse(suite).getroot()
    env = root.find("Environment")
    folder = suite.parent
    out: dict[str, list[Path]] = {"actors": [], "agents": [], "verbs": [], "discards": [],
                                  "ontology": []}
    if env is None:
        raise FileNotFoundError(f"{suite}: no <Environment>; pass --dictionaries")
    for tag, kind in (("Actorfile", "actors"), ("Agentfile", "agents"), ("Verbfile", "verbs"),
                      ("Discardfile", "discards")):
        name = (env.findtext(tag) or "").strip()
        if not name:
            continue
        path = folder / name
        if kind == "verbs":
            v2 = path.with_name(path.stem + ".2.0" + path.suffix)
            path = v2 if v2.is_file() else path
        if not path.is_file():
            raise FileNotFoundError(f"{suite}: <{tag}> {path} not found")
        out[kind].append(path)
    # PETRARCH reads its coding ontology (negated codes) from its own data folder.
    out["ontology"] = sorted(folder.glob("*Ontology*.txt"))
    return out


# --------------------------------------------------------------------------- CLI text
def _max_rss_mb() -> float:
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows
        return 0.0
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux

def main_lines(suite: str | Path, dictionaries: str | Path | None = None, *,
               show_failures: bool = True) -> tuple[int, list[str]]:
    """Run the suite; return (exit status, the lines to print).

    The last line is ``N/M records passed (P%)``. The status is 0 when the
    suite ran (whatever the pass rate), 2 when it could not run.
    """
    try:
        result = run_suite(suite, dictionaries, measure_memory=dictionaries is not None)
    except (FileNotFoundError, ET.ParseError) as exc:
        return 2, [f"eventcoder: error: {exc}"]
    lines = [f"PETRARCH suite {Path(suite).name}: {result.total} records"]
    lines += ["dictionaries: " + line for line in result.dictionaries.report.lines()]
    if result.peak_mb:
        rss = _max_rss_mb()
        load_s = result.dictionaries.report.seconds
        lines.append(f"time {result.seconds:.1f} s (dictionaries {load_s:.1f} s), "
                     f"peak Python memory {result.peak_mb:.0f} MB"
                     + (f", process peak RSS {rss:.0f} MB" if rss else ""))
    else:
        lines.append(f"time {result.seconds:.1f} s")
    unused = sorted(k for k in result.config_seen
                    if not k.startswith(("require_dyad", "new_actor_length", "stop_on_error")))
    if unused:
        lines.append("Config switches without an eventcoder counterpart: " + ", ".join(unused))
    lines.append("")
    lines.append(f"{'category':<10} {'passed':>6} {'records':>7} {'rate':>6}")
    for cat, row in result.by_category().astype(object).iterrows():
        lines.append(f"{cat:<10} {int(row.passed):>6d} {int(row.records):>7d} "
                     f"{float(row.rate):>6.0%}")
    f = result.report.score()
    lines.append("")
    lines.append(f"events: precision {f.precision:.3f}, recall {f.recall:.3f}, F1 {f.f1:.3f} "
                 f"(full code, source and target)")
    if show_failures and result.passed < result.total:
        lines.append("")
        lines.append("failures by reason:")
        reasons = result.records[~result.records.passed].groupby("reason").size()
        for reason, n in reasons.sort_values(ascending=False).items():
            lines.append(f"  {n:4d}  {reason}")
        for rec in result.records[~result.records.passed].itertuples():
            lines.append(f"  {rec.id}: {rec.reason}; expected [{rec.expected}] coded [{rec.coded}]")
    lines.append("")
    pct = 100 * result.passed / result.total if result.total else 0.0
    lines.append(f"{result.passed}/{result.total} records passed ({pct:.1f}%)")
    return 0, lines


