"""The main job: execute the parameterized notebooks for every (province, period) and the comparison,
render HTML and PDF, and write reports/index.html.

Tasks run in a process pool (default: the CPU count) or on a Dask cluster (`scheduler=tcp://...`).
A brief is rendered again only when its notebook, parameters, the package code or the input data
changed. A failing notebook still yields its executed notebook and HTML (with an error banner); the
others go on, and the run ends with a summary.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import threading
import time
import traceback
from typing import Literal
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .store import atomic_write
from .kernel import _alive, _reset_namespace, _shutdown_kernel, _stop_kernel, clean_socket_folders, worker_kernel
from .index import problems as _problems, write_index
from .stamp import code_hash, data_hash, inputs_key
from .errors import SettingsError
from .paths import NOTEBOOKS, REPORTS, ROOT, brief_dir

BRIEF_NOTEBOOK = "province_brief.ipynb"
WORKER_TASKS = 25     # notebooks a pool worker renders before it is replaced (its kernel with it)
COMPARE_NOTEBOOK = "compare_provinces.ipynb"
STAMP = ".render.json"          # one per output stem: .render.json (brief), .render.brief.en.json, ...


def stamp_path(task) -> Path:
    return Path(task.out_dir) / (STAMP if task.stem in ("brief", "compare") else f".render.{task.stem}.json")


@dataclass(frozen=True)
class Settings:
    """Options of a batch run (validated; errors name the setting)."""

    jobs: int = 0                     # worker processes; 0 = CPU count
    timeout: int = 300                # seconds allowed to each notebook (and to each of its cells)
    force: bool = False               # render even when nothing changed
    scheduler: str = ""               # tcp://host:port of a Dask scheduler ("" = local process pool)
    reports: Path = REPORTS           # output folder
    notebooks: Path = NOTEBOOKS       # folder holding province_brief.ipynb and compare_provinces.ipynb
    lang: str = "vi"                  # language of the briefs (English: brief.en.* beside the Vietnamese files)
    progress: bool = True             # show a progress bar
    province: str = ""                # render only this province's brief(s) ("" = all) ...
    period: str = ""                  # ... and only this period ("" = all of the province's)

    def validate(self) -> "Settings":
        if self.jobs < 0:
            raise SettingsError("jobs", self.jobs, "0 (the CPU count) or more")
        if self.timeout <= 0:
            raise SettingsError("timeout", self.timeout, "a positive number of seconds")
        if self.scheduler and not self.scheduler.startswith(("tcp://", "tls://", "inproc://", "ws://", "wss://")):
            raise SettingsError("scheduler", self.scheduler, "an address like tcp://host:8786")
        if self.lang not in ("vi", "en"):
            raise SettingsError("lang", self.lang, "'vi' or 'en'")
        for name in (BRIEF_NOTEBOOK, COMPARE_NOTEBOOK):
            if not (Path(self.notebooks) / name).exists():
                raise SettingsError("notebooks", str(self.notebooks), f"a folder holding {name}")
        return self

    @property
    def suffix(self) -> str:
        """Output stem suffix: the Vietnamese edition is brief.*, the English one brief.en.*."""
        return "" if self.lang == "vi" else f".{self.lang}"

    @property
    def workers(self) -> int:
        return self.jobs or os.cpu_count() or 1


@dataclass(frozen=True)
class Task:
    name: str             # "gia-lai/2022-q1" or "compare"
    title: str
    notebook: str
    params: dict
    out_dir: str
    stem: str             # output file stem: brief | compare
    timeout: int


# rendered this run | cached (outputs current) | failed | stale (not asked for, outputs out of date)
RenderStatus = Literal["rendered", "cached", "failed", "stale"]


@dataclass
class Result:
    task: Task
    status: RenderStatus
    error: str = ""
    seconds: float = 0.0
    outputs: list = field(default_factory=list)


# ---------------------------------------------------------------- cache keys

def task_key(task: Task, code: str, data: str) -> str:
    h = hashlib.sha256()
    h.update(Path(task.notebook).read_bytes())
    h.update(json.dumps(task.params, sort_keys=True).encode())
    h.update(code.encode())
    h.update(data.encode())
    return h.hexdigest()


def province_data(task: Task, documents, data_all: str) -> str:
    """What a brief is made from: its province's reports (and sidecars), so adding a report re-renders
    only that province's briefs; the comparison depends on every report."""
    prov = task.params.get("province")
    if not prov or "path" not in documents:
        return data_all
    paths = [Path(p) for p in documents.loc[documents["province_slug"] == prov, "path"]]
    h = hashlib.sha256()
    for p in sorted(paths):
        for q in (p, p.with_suffix(".yml")):
            if q.exists():
                h.update(q.name.encode())
                h.update(q.read_bytes())
    # the index and problems of the whole input set do not change a brief's content
    return h.hexdigest()


def _digest(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def _outputs(task: Task) -> list[Path]:
    d = Path(task.out_dir)
    return [d / f"{task.stem}.ipynb", d / f"{task.stem}.html", d / f"{task.stem}.pdf", d / f"{task.stem}.json"]


def is_fresh(task: Task, key: str) -> bool:
    stamp = stamp_path(task)
    if not stamp.exists() or not all(p.exists() for p in _outputs(task)):
        return False
    try:
        s = json.loads(stamp.read_text())
    except (OSError, ValueError):
        return False
    if s.get("key") != key or s.get("status") != "rendered":
        return False
    # the outputs must be the ones this stamp was written for (not rewritten by a killed run)
    outputs = s.get("outputs") or {}
    return all(outputs.get(p.name) == _digest(p) for p in _outputs(task))


# ---------------------------------------------------------------- discovery

def discover(documents, settings: Settings) -> list[Task]:
    """One brief per (province, period) with a report, plus the comparison."""
    from .brief import pairs
    nb_dir = Path(settings.notebooks)
    names = dict(zip(documents["province_slug"], documents["province"]))
    tasks = []
    for prov, period in pairs(documents):
        try:
            brief_dir(prov, period, Path(settings.reports))
        except ValueError as e:            # a name no folder can be made from: skip it, say so
            import sys
            print(f"skipped {names.get(prov, prov)} {period}: {e}; set a shorter province name in a sidecar", file=sys.stderr)
            continue
        tasks.append(Task(f"{prov}/{period.lower()}", f"{names.get(prov, prov)} {period}", str(nb_dir / BRIEF_NOTEBOOK),
                          {"province": prov, "period": period, "lang": settings.lang},
                          str(brief_dir(prov, period, Path(settings.reports))), "brief" + settings.suffix, settings.timeout))
    tasks.append(Task("compare", "So sánh giữa các tỉnh" if settings.lang == "vi" else "Cross-province comparison",
                      str(nb_dir / COMPARE_NOTEBOOK), {"provinces": "all", "periods": "all", "lang": settings.lang},
                      str(Path(settings.reports) / "compare"), "compare" + settings.suffix, settings.timeout))
    return tasks


# ---------------------------------------------------------------- one task (runs in a worker)

def init_worker() -> None:
    """Pool initializer: start this worker's kernel and import the renderers once."""
    import importlib
    for name in ("papermill", "weasyprint"):      # imported once here, not on the first notebook
        importlib.import_module(name)
    from .render import _exporter
    worker_kernel()
    _exporter()


def run_task(task: Task, key: str = "") -> Result:
    """Execute one notebook with papermill (on this worker's kernel), then render HTML and PDF; never raises."""
    import papermill as pm
    t0 = time.perf_counter()
    out_dir = Path(task.out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    nb_path, html_path, pdf_path = _outputs(task)[:3]
    tmp = out_dir / f".{task.stem}.running.ipynb"
    stamp_path(task).unlink(missing_ok=True)       # a run killed from here on leaves no valid stamp
    error = ""
    km = None
    timed_out = threading.Event()
    timer = None
    try:
        km = worker_kernel()
        _reset_namespace(km, task.timeout)
        # the whole notebook gets task.timeout seconds: past that its kernel is stopped
        timer = threading.Timer(task.timeout, _stop_kernel, args=(km, timed_out))
        timer.daemon = True
        timer.start()
        pm.execute_notebook(task.notebook, str(tmp), parameters=task.params, kernel_name="python3",
                            progress_bar=False, log_output=False, execution_timeout=task.timeout,
                            cwd=str(ROOT), report_mode=False, km=km, request_save_on_cell_execute=False)
        if timed_out.is_set():
            raise TimeoutError(f"the notebook ran longer than {task.timeout} s")
    except Exception as e:                       # papermill still wrote the notebook with the error
        error = f"{type(e).__name__}: {str(e).strip().splitlines()[-1] if str(e).strip() else ''}"
        if timed_out.is_set():
            error = f"TimeoutError: the notebook ran longer than {task.timeout} s and was stopped"
        if not tmp.exists():
            _error_notebook(task, tmp, traceback.format_exc())
        if km is not None:
            from jupyter_core.utils import run_sync
            try:
                if timed_out.is_set() or not _alive(km):
                    _shutdown_kernel(km)         # a new one is started for the next notebook
                else:
                    run_sync(km.restart_kernel)(now=True)
            except Exception:
                _shutdown_kernel(km)
    finally:
        if timer is not None:
            timer.cancel()
    try:
        os.replace(tmp, nb_path)
        # the notebook's time limit covers its HTML and PDF too (a huge output can take minutes)
        left = max(1.0, task.timeout - (time.perf_counter() - t0))
        nb_error = render_within(nb_path, html_path, pdf_path, task.title, left)
        error = error or (nb_error or "")
    except Exception as e:
        error = error or f"rendering failed: {type(e).__name__}: {e}"
    try:
        write_payload(task, out_dir)
    except Exception as e:
        error = error or f"brief.json failed: {type(e).__name__}: {e}"
    status = "failed" if error else "rendered"
    # written last, after every output, with their digests (is_fresh checks them)
    digests = {p.name: _digest(p) for p in _outputs(task) if p.exists()}
    atomic_write(stamp_path(task), lambda p: p.write_text(json.dumps({"key": key, "status": status, "error": error,
                                                                      "outputs": digests})))
    return Result(task, status, error, round(time.perf_counter() - t0, 2), [str(p) for p in _outputs(task) if p.exists()])


def write_payload(task: Task, out_dir: Path) -> Path:
    """brief.json (or compare.json): a machine-readable copy of what the notebook shows, from the same
    functions on the same data."""
    from .notebook import brief_payload, compare_payload
    if task.stem.startswith("compare"):
        data = compare_payload(task.params.get("lang", "vi"))
    else:
        data = brief_payload(task.params["province"], task.params["period"], task.params.get("lang", "vi"))
        if task.params.get("lang", "vi") == "vi":
            from .letter import write_letter            # the findings letter to send back to the province
            write_letter(task.params["province"], task.params["period"], out_dir)
    target = out_dir / f"{task.stem}.json"
    atomic_write(target, lambda p: p.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8"))
    return target


def _render_child(conn, nb_path, html_path, pdf_path, title) -> None:
    from .render import render
    try:
        conn.send(("ok", render(nb_path, html_path, pdf_path, title)))
    except Exception as e:                       # reported by the parent
        conn.send(("error", f"{type(e).__name__}: {e}"))
    finally:
        conn.close()


def render_within(nb_path: Path, html_path: Path, pdf_path: Path, title: str, seconds: float) -> str | None:
    """render() in a forked child (the worker's imports are already loaded) that is killed past
    `seconds`; returns the notebook's error, if any, and raises TimeoutError past the limit."""
    import importlib
    import multiprocessing as mp
    from .render import _exporter, render
    if mp.current_process().daemon:
        # a daemonic process (a Dask worker) may not start children: render here, without the limit
        return render(nb_path, html_path, pdf_path, title)
    importlib.import_module("weasyprint")        # loaded once here, so that every forked child has it
    _exporter()                                  # built once in this process, inherited by the child
    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    p = ctx.Process(target=_render_child, args=(child, nb_path, html_path, pdf_path, title), daemon=True)
    p.start()
    child.close()
    got = parent.recv() if parent.poll(seconds) else None
    p.join(5)
    if p.is_alive():
        p.kill()
        p.join()
    if got is None:
        raise TimeoutError(f"rendering ran longer than the {seconds:.0f} s left of the time limit and was stopped")
    kind, value = got
    if kind == "error":
        raise RuntimeError(value)
    return value


def _error_notebook(task: Task, path: Path, tb: str) -> None:
    """A notebook that only says why the run failed (when papermill could not write one)."""
    import nbformat
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("# the notebook could not be executed")
    cell.outputs = [nbformat.v4.new_output("error", ename="ExecutionFailed", evalue=tb.strip().splitlines()[-1],
                                           traceback=tb.splitlines())]
    nb.cells = [cell]
    nbformat.write(nb, str(path))


def _run_task_dict(d: dict, key: str) -> dict:
    r = run_task(Task(**d), key)
    return {"task": asdict(r.task), "status": r.status, "error": r.error, "seconds": r.seconds, "outputs": r.outputs}


# ---------------------------------------------------------------- the batch

def prepare_data(code: str | None = None, data: str | None = None) -> str:
    """Rebuild data/processed when the inputs or the package changed; returns what was done."""
    import pandas as pd
    from .api import STAMP, refresh
    from .paths import PROCESSED
    wanted = [PROCESSED / n for n in ("facts.parquet", "documents.parquet", "findings.parquet", "coverage.csv", "problems.csv")]
    if STAMP.exists() and STAMP.read_text() == inputs_key(code, data) and all(p.exists() for p in wanted):
        return ""
    run, _ = refresh()
    cov = pd.read_csv(PROCESSED / "coverage.csv")
    bad = "".join(f"\nerror: {msg}" for _, msg in run.errors)
    return (f"data/processed rebuilt: {len(run.kept)} documents, {run.fact_count} facts, "
            f"{int(cov['claims_checked'].sum())} checks, {int(cov['errors'].sum())} errors, "
            f"{int(cov['warnings'].sum())} warnings" + bad)


def run_batch(settings: Settings, tasks: list[Task] | None = None, on_result=None) -> list[Result]:
    """Render every brief and the comparison; cached ones are skipped unless settings.force. Two
    batches on one output folder take turns (a lock on the folder)."""
    from .store import folder_lock
    settings = settings.validate()
    with folder_lock(Path(settings.reports)):
        return _run_batch(settings, tasks, on_result)


def _run_batch(settings: Settings, tasks: list[Task] | None = None, on_result=None) -> list[Result]:
    import pandas as pd
    from .paths import DOCUMENTS_PARQUET
    settings = settings.validate()
    code, data = code_hash(), data_hash()          # hashed once: the data stamp and the brief keys
    note = prepare_data(code, data)
    if note:
        print(note, flush=True)
    documents = pd.read_parquet(DOCUMENTS_PARQUET)
    clean_leftovers(Path(settings.reports), older_than=max(3600, 4 * settings.timeout))
    clean_socket_folders()                         # kernels' sockets left by a killed run
    full = tasks is None
    tasks = tasks if tasks is not None else discover(documents, settings)
    if full:
        remove_orphans(Path(settings.reports), tasks)
    keys = {t.name: task_key(t, code, province_data(t, documents, data)) for t in tasks}
    chosen = select(tasks, settings, documents)
    results, todo = [], []
    for t in tasks:
        if t not in chosen:
            # not asked for: listed in the index as it stands (rendered before, or not yet)
            results.append(Result(t, "cached" if is_fresh(t, keys[t.name]) else "stale",
                                  outputs=[str(p) for p in _outputs(t) if p.exists()]))
        elif not settings.force and is_fresh(t, keys[t.name]):
            results.append(Result(t, "cached", outputs=[str(p) for p in _outputs(t)]))
        else:
            todo.append(t)
    if todo:
        results += (_run_dask if settings.scheduler else _run_pool)(todo, keys, settings)
    write_index(Path(settings.reports), results, documents, settings.suffix)
    order = {t.name: i for i, t in enumerate(tasks)}
    return sorted(results, key=lambda r: order[r.task.name])


# Temporary files of atomic writes (".brief.html.k3j_8x2a.html") and of a running notebook
# (".brief.running.ipynb"): a killed run leaves them behind.
_LEFTOVER = re.compile(r"^\..+\.(?:running\.ipynb|[a-z0-9_]{8}(?:\.[A-Za-z0-9]+)?)$")


def clean_leftovers(*folders: Path, older_than: float = 3600) -> list[Path]:
    """Remove what a killed run left: temporary files under the output folders (and data/processed)
    older than any run still going (a concurrent batch keeps its own)."""
    from .paths import PROCESSED
    gone, now = [], time.time()
    for folder in (*folders, PROCESSED):
        if not Path(folder).exists():
            continue
        for p in Path(folder).rglob(".*"):
            if p.is_file() and _LEFTOVER.match(p.name) and not p.name.startswith(".render") and p.name != ".stamp" \
                    and now - p.stat().st_mtime > older_than:
                p.unlink(missing_ok=True)
                gone.append(p)
    return gone


def select(tasks: list[Task], settings: Settings, documents) -> list[Task]:
    """The tasks to run: all of them, or the one brief --province/--period name (validated)."""
    if not settings.province and not settings.period:
        return tasks
    from .brief import Selection
    briefs = [t for t in tasks if t.stem.startswith("brief")]
    prov = settings.province.strip().lower()
    if prov and prov not in {t.params["province"] for t in briefs}:
        raise SettingsError("province", settings.province, f"a province with a report: {sorted({t.params['province'] for t in briefs})}")
    got = [t for t in briefs if (not prov or t.params["province"] == prov)
           and (not settings.period or t.params["period"] == Selection(prov or "x", settings.period).period)]
    if not got:
        raise SettingsError("period", settings.period, "a period with a report for the province: "
                            + str(sorted(t.params["period"] for t in briefs if not prov or t.params["province"] == prov)))
    return got


def remove_orphans(reports: Path, tasks: list[Task]) -> list[Path]:
    """Brief folders (they hold a render stamp) whose report is no longer an input are removed."""
    import shutil
    wanted = {Path(t.out_dir).resolve() for t in tasks}
    gone = []
    if not reports.exists():
        return gone
    for stamp in reports.glob("*/*/.render*.json"):
        d = stamp.parent
        if d.resolve() not in wanted:
            shutil.rmtree(d, ignore_errors=True)
            gone.append(d)
            if d.parent.exists() and not any(d.parent.iterdir()):
                d.parent.rmdir()
    return gone


def _progress(total: int, settings: Settings):
    from tqdm import tqdm
    return tqdm(total=total, desc="briefs", unit="nb", disable=not settings.progress, leave=True)


def _run_pool(todo: list[Task], keys: dict, settings: Settings) -> list[Result]:
    from concurrent.futures import ProcessPoolExecutor, as_completed
    out = []
    with _progress(len(todo), settings) as bar:
        if settings.workers == 1 or len(todo) == 1:
            for t in todo:
                out.append(run_task(t, keys[t.name]))
                bar.update(1)
            return out
        # workers are recycled after a number of notebooks: each one grows a few MB per notebook
        with ProcessPoolExecutor(max_workers=min(settings.workers, len(todo)), initializer=init_worker,
                                 max_tasks_per_child=WORKER_TASKS) as ex:
            futs = {ex.submit(run_task, t, keys[t.name]): t for t in todo}
            for f in as_completed(futs):
                try:
                    out.append(f.result())
                except Exception as e:          # a worker died: report it, keep the others
                    out.append(Result(futs[f], "failed", f"worker failed: {type(e).__name__}: {e}"))
                bar.update(1)
    return out


def _run_dask(todo: list[Task], keys: dict, settings: Settings) -> list[Result]:
    from distributed import Client, as_completed
    out = []
    with Client(settings.scheduler, timeout="20s") as client, _progress(len(todo), settings) as bar:
        futs = [client.submit(_run_task_dict, asdict(t), keys[t.name], pure=False, key=f"brief-{t.name}-{keys[t.name][:8]}")
                for t in todo]
        by_key = {f.key: t for f, t in zip(futs, todo)}
        for f in as_completed(futs):
            try:
                d = f.result()
                out.append(Result(Task(**d["task"]), d["status"], d["error"], d["seconds"], d["outputs"]))
            except Exception as e:
                out.append(Result(by_key[f.key], "failed", f"worker failed: {type(e).__name__}: {e}"))
            bar.update(1)
    return out


def summary(results: list[Result]) -> str:
    n = {s: sum(1 for r in results if r.status == s) for s in ("rendered", "cached", "failed", "stale")}
    lines = [f"{len(results)} notebooks: {n['rendered']} rendered, {n['cached']} unchanged (cached), {n['failed']} failed"
             + (f", {n['stale']} not rendered this run (out of date)" if n["stale"] else "")]
    for r in results:
        if r.status == "failed":
            lines.append(f"  FAILED {r.task.name}: {r.error}  (see {Path(r.task.out_dir) / (r.task.stem + '.html')})")
    for _, p in _problems().iterrows():
        if p["kind"] != "warning":
            lines.append(f"  NOT BRIEFED ({p['kind']}) {p['message']}" + (f" -> {p['fix']}" if p["fix"] else ""))
    return "\n".join(lines)
