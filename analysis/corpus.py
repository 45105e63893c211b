"""The corpus stage: every report read, extracted and checked once, in parallel, with a per-document
cache, and the tables written as they stream.

    paths --(process pool)--> process_report --> cache/<key>.json (metadata / facts / findings, a line each)
          --> Summary per report (small) --> one file per report kept (same report in two formats)
          --> facts / documents / findings tables written in row groups from the cache files

A report's cache key covers its bytes, its sidecar, its file name and the package code and
vocabularies, so adding one report reads only that report, and a code change reads them all again.
Workers return only the small Summary; the parsed document, its annotation and its facts never
travel back, so the parent's memory does not grow with the corpus. Reports run in submission order
(sorted by name) and the tables come out in that order whatever the number of workers.
"""
from __future__ import annotations

import hashlib
import json
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pandas as pd

from .errors import TthcError
from .paths import PROCESSED, sidecar

CACHE_VERSION = "3"        # 2: a cache file holds three JSON lines (CACHE_PARTS); 3: the facts by column
FORMAT_RANK = {"text": 0, "docx": 1, "pdf": 2}   # the same report in several formats: the most faithful one is read


@dataclass(frozen=True)
class Summary:
    """What the parent keeps of one report: enough to tell copies apart and to list problems."""
    path: str
    key: str                      # cache key ('' when the report could not be read)
    error: str = ""               # the reader's message naming the file (and line), '' if read
    document: dict = field(default_factory=dict)   # the documents-table row
    number: str = ""
    date: str = ""
    province: str = ""
    period: str = ""
    source_format: str = ""
    figures: frozenset = frozenset()               # (indicator, value) pairs: tells copies of one report apart
    facts: int = 0
    findings: int = 0


def report_key(path: Path, code: str) -> str:
    h = hashlib.sha256((CACHE_VERSION + code + path.name).encode())
    h.update(path.read_bytes())
    sc = sidecar(path)
    if sc.exists():
        h.update(b"sidecar")
        h.update(sc.read_bytes())
    return h.hexdigest()


def _cache_file(cache: Path, key: str) -> Path:
    return cache / key[:2] / f"{key}.json"


# A cache file is three JSON lines, so that each reader parses only its own: the run's summary reads the
# first (metadata and the figures that tell copies apart), the facts table the second, the findings
# table the third. (One JSON object was parsed whole by each of the three: 55 kB per report.) The facts
# are stored by column ({"columns": [...], "data": [[values of a column], ...]}): the keys of every row
# written once, half the bytes, and parsed three times faster.
CACHE_PARTS = ("head", "facts", "findings")


def _cache_text(data: dict) -> str:
    head = {"document": data["document"], "source_format": data["source_format"],
            "figures": sorted({(f["indicator"], f["value"]) for f in data["facts"]}, key=repr),
            "n_facts": len(data["facts"]), "n_findings": len(data["findings"])}
    cols = list(data["facts"][0]) if data["facts"] else []
    facts = {"columns": cols, "data": [[r[c] for r in data["facts"]] for c in cols]}
    parts = (head, facts, {"findings": data["findings"], "coverage": data["coverage"]})
    # (json.dumps writes a newline inside a string as \n: each part is one line)
    return "\n".join(json.dumps(x, ensure_ascii=False, default=str) for x in parts) + "\n"


def read_cache(path: Path, part: str) -> dict | list:
    """One part of a cache file (CACHE_PARTS): the head, the facts rows, or the findings and coverage."""
    lines = path.read_text(encoding="utf-8").split("\n")
    if len(lines) != len(CACHE_PARTS) + 1 or lines[-1]:
        # (whole or not at all: a file cut anywhere is read again from its report, never half-used)
        raise ValueError(f"{path}: cache file cut short")
    return json.loads(lines[CACHE_PARTS.index(part)])


def _summary(path: Path, key: str, head: dict) -> Summary:
    d = head["document"]
    return Summary(str(path), key, "", d, str(d.get("number", "")), str(d.get("date", "")), str(d.get("province", "")),
                   str(d.get("period", "")), str(head.get("source_format", "")),
                   frozenset((i, v) for i, v in head["figures"]), head["n_facts"], head["n_findings"])


def process_report(path: str, code: str, cache: str | None) -> Summary:
    """Read, extract and check one report (or take it from the cache); write its cache file."""
    from .build import document_row, extract_file
    from .store import atomic_write
    from .check import check_extracted
    p = Path(path)
    try:
        key = report_key(p, code)
    except OSError as e:
        return Summary(path, "", f"{p.name}: cannot be read ({e.strerror or e})")
    cf = _cache_file(Path(cache), key) if cache else None
    if cf is not None and cf.exists():
        try:
            return _summary(p, key, read_cache(cf, "head"))
        except (OSError, ValueError, KeyError, TypeError):
            pass                            # a damaged cache file is read again from the report
    try:
        with _time_limit(p):
            ex = extract_file(p)
            res = check_extracted(ex)
    except TthcError as e:
        return Summary(path, "", str(e))
    except RecursionError as e:
        return Summary(path, "", f"{p.name}: too deeply nested to read ({e})")
    except Exception as e:     # a reader library's own failure: this report only, never the batch
        return Summary(path, "", f"{p.name}: could not be read ({type(e).__name__}: {e}); "
                                 "re-export it (text, .docx or PDF) and run again")
    doc = document_row(ex)
    data = {"document": doc, "source_format": ex.doc.source_format, "facts": [f.row() for f in ex.facts],
            "findings": res.findings, "coverage": res.coverage()}
    text = _cache_text(data)
    if cf is not None:
        atomic_write(cf, lambda t: t.write_text(text, encoding="utf-8"))
    # (the head as the cache gives it back, JSON types and all: a cold run's summary is a warm run's)
    return _summary(p, key, json.loads(text[:text.index("\n")]))


class _time_limit:
    """Raise ReportTimeout in this process when one report runs past its limit (SIGALRM; only in a
    main thread, as pool workers are; elsewhere the report runs unbounded)."""

    def __init__(self, path: Path):
        from .settings import SETTINGS
        self.path, self.seconds, self.armed = path, SETTINGS.max_seconds_per_file, False

    def _fire(self, *_):
        from .errors import ReportTimeout
        raise ReportTimeout(self.path, self.seconds)

    def __enter__(self):
        import signal
        import threading
        if threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):
            self.old = signal.signal(signal.SIGALRM, self._fire)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)
            self.armed = True
        return self

    def __exit__(self, *_exc_info):
        import signal
        if self.armed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.old)
        return False


def same_report(a: Summary, b: Summary) -> str:
    """Why two reports are one ('' if they are not): the same number and date, or the same province,
    period and stated figures."""
    if a.number and a.number == b.number and a.date == b.date and a.date != "unknown":
        return f"cùng số {a.number} và ngày {a.date}"
    if (a.province, a.period) == (b.province, b.period) and len(a.figures) >= 5 and \
            len(a.figures & b.figures) >= 0.9 * max(len(a.figures), len(b.figures)):
        return "cùng tỉnh, kỳ và số liệu"
    return ""


def keep_one_per_report(items: list[Summary]) -> tuple[list[Summary], list[tuple[str, str]]]:
    """One file per report (text before docx before PDF), and a note for each copy left out.
    Copies are looked for among reports of one province and period, or one number: linear in the corpus."""
    order = sorted(items, key=lambda s: (FORMAT_RANK.get(s.source_format, 9), Path(s.path).name))
    kept: dict[str, Summary] = {}
    buckets: dict[tuple, list[Summary]] = {}
    notes, warn = [], {}
    for s in order:
        cands = buckets.get(("pp", s.province, s.period), []) + buckets.get(("no", s.number, s.date), [])
        twin = next(((k, why) for k in cands for why in [same_report(k, s)] if why), None)
        if twin:
            k = twin[0]
            notes.append((s.path, f"{Path(s.path).name}: cùng một báo cáo với {Path(k.path).name} ({twin[1]}); "
                                  f"chỉ đọc một lần, từ {Path(k.path).name}"))
            warn.setdefault(k.path, []).append(f"bản {s.source_format} {Path(s.path).name} trùng báo cáo này, không đọc lại")
            continue
        kept[s.path] = s
        buckets.setdefault(("pp", s.province, s.period), []).append(s)
        if s.number:
            buckets.setdefault(("no", s.number, s.date), []).append(s)
    out = []
    for s in items:
        if s.path in kept:
            if s.path in warn:
                d = dict(s.document)
                d["warnings"] = "; ".join(x for x in [d.get("warnings") or ""] + warn[s.path] if x)
                s = Summary(**{**asdict(s), "document": d, "figures": s.figures})
            out.append(s)
    return out, notes


@dataclass
class CorpusRun:
    """Every report of a corpus: the ones kept (one per report), the unreadable ones, the copies left out."""
    kept: list[Summary]
    errors: list[tuple[str, str]]     # (path, message naming the file)
    notes: list[tuple[str, str]]      # (path, why this copy was not read again)
    cache: Path
    keys: frozenset = frozenset()     # cache keys of every report read (kept or a copy)

    def documents_frame(self) -> pd.DataFrame:
        return pd.DataFrame([s.document for s in self.kept])

    def findings(self):
        """Each kept report's cached findings and coverage ({"findings": [...], "coverage": {...}}), one
        report at a time."""
        for s in self.kept:
            yield s, read_cache(_cache_file(self.cache, s.key), "findings")

    @property
    def fact_count(self) -> int:
        return sum(s.facts for s in self.kept)

    def document_rows(self) -> list[dict]:
        return [s.document for s in self.kept]


def run_corpus(paths, jobs: int = 0, cache: Path | None = None) -> CorpusRun:
    """Process every report on a pool of `jobs` workers (0: the CPU count; 1: in this process)."""
    from itertools import repeat
    from .stamp import reading_hash
    paths = [str(p) for p in paths]
    cache = Path(cache or PROCESSED / "cache")
    cache.mkdir(parents=True, exist_ok=True)
    code = reading_hash()
    jobs = jobs or os.cpu_count() or 1
    if jobs == 1 or len(paths) < 2:
        out = [process_report(p, code, str(cache)) for p in paths]
    else:
        # chunks of a few dozen reports: low overhead per report, and the workers finish within a chunk
        # of each other (reports of unequal length do not leave one core idle at the end)
        chunk = max(1, min(32, len(paths) // (jobs * 4)))
        with ProcessPoolExecutor(max_workers=min(jobs, len(paths)), initializer=_worker_start) as ex:
            out = list(ex.map(process_report, paths, repeat(code), repeat(str(cache)), chunksize=chunk))
    errors = [(s.path, s.error) for s in out if s.error]
    kept, notes = keep_one_per_report([s for s in out if not s.error])
    return CorpusRun(kept, errors, notes, cache, frozenset(s.key for s in out if s.key))


def _worker_start() -> None:
    """A pool worker: the package imported once, its objects moved out of the collector's sight, and
    collections made rarer (a report allocates many short-lived records; the default thresholds ran
    a collection every few hundred)."""
    import gc
    import importlib
    for stage in ("build", "check"):            # imported once, before the first report
        importlib.import_module(f"{__package__}.{stage}")
    gc.freeze()
    gc.set_threshold(10_000, 20, 20)


def prune_cache(run: CorpusRun) -> None:
    """Remove cache files of reports no longer in the corpus (or made by older code)."""
    for f in run.cache.glob("*/*.json"):
        if f.stem not in run.keys:
            f.unlink(missing_ok=True)


# ---------------------------------------------------------------- tables, written as they stream

BATCH = 64     # reports per row group: a few thousand facts, so memory stays flat with the corpus


class _Stream:
    """One table written as parquet row groups and CSV chunks to temporary files, renamed at the end."""

    def __init__(self, out: Path, name: str):
        import tempfile
        out.mkdir(parents=True, exist_ok=True)
        self.final = {ext: out / f"{name}.{ext}" for ext in ("parquet", "csv")}
        self.tmp = {}
        for ext, path in self.final.items():
            fd, t = tempfile.mkstemp(prefix="." + path.name + ".", suffix=path.suffix, dir=out)
            os.close(fd)
            self.tmp[ext] = Path(t)
        self.writer = None
        self.schema = None
        self.rows = 0

    def write(self, df: pd.DataFrame) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq
        if self.writer is None:
            self.schema = pa.Schema.from_pandas(df, preserve_index=False)
            self.writer = pq.ParquetWriter(self.tmp["parquet"], self.schema)
            df.to_csv(self.tmp["csv"], index=False, encoding="utf-8-sig")
        else:
            df.to_csv(self.tmp["csv"], index=False, header=False, mode="a", encoding="utf-8")
        if len(df):
            self.writer.write_table(pa.Table.from_pandas(df, schema=self.schema, preserve_index=False))
        self.rows += len(df)

    def close(self) -> list[Path]:
        from .store import _UMASK
        if self.writer is not None:
            self.writer.close()
        for ext, t in self.tmp.items():
            os.chmod(t, 0o666 & ~_UMASK)
            os.replace(t, self.final[ext])
        return list(self.final.values())

    def abort(self) -> None:
        if self.writer is not None:
            self.writer.close()
        for t in self.tmp.values():
            t.unlink(missing_ok=True)


def write_corpus(run: CorpusRun, out: Path = PROCESSED) -> list[Path]:
    """facts.*, documents.*, findings.* and coverage.csv under `out`, streamed from the cache files:
    parquet row groups and CSV chunks of BATCH reports; each workbook after its table.

    The two sides are independent (each reads the cache files itself): with two cores the findings
    side (findings.*, coverage.csv, findings.xlsx) runs in a second process while this one writes the
    facts side (facts.*, documents.*, facts.xlsx). An error of either (a full disk, say) is raised here
    once both have stopped; each file is written whole or not at all."""
    files = [str(_cache_file(run.cache, s.key)) for s in run.kept]
    side = None
    if (os.cpu_count() or 1) > 1:
        pool = ProcessPoolExecutor(max_workers=1)
        side = pool.submit(_findings_side, files, str(out))
        pool.shutdown(wait=False)
    try:
        written = _facts_side(run, files, out)
    finally:
        other = _side_result(side, out) if side is not None else None
    return written + (other if side is not None else _findings_side(files, str(out)))


def _side_result(side, out: Path) -> list[Path]:
    from concurrent.futures.process import BrokenProcessPool
    try:
        return side.result()             # its error (a full disk, say) is raised here
    except BrokenProcessPool as e:
        raise OSError(f"{out / 'findings.xlsx'}: the process writing the findings stopped ({e})") from None


def _stream_table(files: list[str], out: Path, name: str, frame, each=None) -> list[Path]:
    """<name>.parquet and .csv from the part `name` of every cache file, BATCH reports at a time
    (`frame` makes the table of a batch from their parts; `each` sees each report's part too)."""
    table = _Stream(out, name)
    try:
        parts = []
        for i, f in enumerate(files, 1):
            data = read_cache(Path(f), name)
            parts.append(data)
            if each is not None:
                each(data)
            if i % BATCH == 0:
                table.write(frame(parts))
                parts = []
        if parts or table.writer is None:
            table.write(frame(parts))
    except BaseException:
        table.abort()
        raise
    return table.close()


def _facts_side(run: CorpusRun, files: list[str], out: Path) -> list[Path]:
    from .build import facts_table_of_columns
    from .excel import write_workbook
    from .store import atomic_write
    written = _stream_table(files, out, "facts", facts_table_of_columns)
    docs = run.documents_frame()
    for ext, fn in (("parquet", lambda p: docs.to_parquet(p, index=False)),
                    ("csv", lambda p: docs.to_csv(p, index=False, encoding="utf-8-sig"))):
        atomic_write(out / f"documents.{ext}", fn)
        written.append(out / f"documents.{ext}")
    # a workbook is made again only when the table it shows changed
    _workbook(out / "facts.xlsx", [out / "facts.parquet"],
              lambda p: write_workbook(p, {"facts": pd.read_parquet(out / "facts.parquet")}))
    return written + [out / "facts.xlsx"]


def _findings_side(files: list[str], out_dir: str) -> list[Path]:
    from .check import _xlsx as findings_xlsx
    from .findings import COVERAGE_COLUMNS, findings_table
    from .store import atomic_write
    out = Path(out_dir)
    coverage: list = []
    written = _stream_table(files, out, "findings", lambda parts: findings_table([f for p in parts for f in p["findings"]]),
                            lambda data: coverage.append(data["coverage"]))
    cov = pd.DataFrame(coverage, columns=COVERAGE_COLUMNS)
    atomic_write(out / "coverage.csv", lambda p: cov.to_csv(p, index=False, encoding="utf-8-sig"))
    written.append(out / "coverage.csv")
    _workbook(out / "findings.xlsx", [out / "findings.parquet", out / "coverage.csv"],
              lambda p: findings_xlsx(pd.read_parquet(out / "findings.parquet"), cov, p))
    return written + [out / "findings.xlsx"]


def _workbook_key(sources: list[Path]) -> str:
    h = hashlib.sha256(CACHE_VERSION.encode())
    for s in sources:
        h.update(s.read_bytes())
    return h.hexdigest()


def _workbook_current(path: Path, sources: list[Path], digest: str | None = None) -> bool:
    key = path.with_name(f".{path.name}.key")
    return path.exists() and key.exists() and key.read_text() == (digest or _workbook_key(sources))


def _workbook(path: Path, sources: list[Path], writer) -> None:
    from .store import atomic_write
    digest = _workbook_key(sources)            # (the sources read once)
    if _workbook_current(path, sources, digest):
        return
    key = path.with_name(f".{path.name}.key")
    key.unlink(missing_ok=True)        # a workbook is taken as current only once it is complete
    atomic_write(path, writer)
    atomic_write(key, lambda p: p.write_text(digest))
