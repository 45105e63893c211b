"""The notebook kernels of the batch: one per worker thread, kept between notebooks.

The kernel's start and its imports (pandas, matplotlib, seaborn, analysis) are paid once per worker,
not once per notebook; each notebook starts from an empty namespace, and after a failure or a timeout
the kernel is restarted. A Dask worker with several threads runs several notebooks at once, so the
kernel is per thread: two notebooks never share one. Kernels keep no IPython history.

Kernels talk over Unix sockets (zmq's ipc transport) in a private folder, not TCP ports on localhost.
With TCP, jupyter_client picks five free ports by binding and releasing them, and the kernel binds them
later: a port taken in between (another worker's kernel, or a client's outgoing connection) makes the
new kernel die with "Address already in use", seen in CI as a notebook timing out on a dead kernel.
A socket path under a folder only this kernel uses cannot be taken by anyone else.
"""
from __future__ import annotations

import os
import shutil
import signal
import tempfile
import threading

from .paths import ROOT

_LOCAL = threading.local()

START_TRIES = 3        # a kernel that does not answer is replaced this many times before the task fails
READY_TIMEOUT = 60     # seconds a new kernel has to answer (its start is about 1 s here)
SOCKETS_PREFIX = "tthc-kernel-"   # folders of the kernels' sockets, under the system's temp folder


# A Unix socket's path holds at most 107 bytes (sun_path): under a temp folder longer than this the
# sockets are made under /tmp instead.
MAX_BASE = 60


def _sockets_base() -> str:
    base = tempfile.gettempdir()
    return base if len(base.encode()) <= MAX_BASE or not os.path.isdir("/tmp") else "/tmp"


def _sockets_folder() -> str:
    """A new private folder for one kernel's sockets and connection file, named after this process
    (so that a folder left by a killed process can be recognised and removed)."""
    return tempfile.mkdtemp(prefix=f"{SOCKETS_PREFIX}{os.getpid()}-", dir=_sockets_base())


def clean_socket_folders() -> list[str]:
    """Remove socket folders whose process is gone (left by a killed run)."""
    removed = []
    root = _sockets_base()
    try:
        names = os.listdir(root)
    except OSError:
        return removed
    for name in names:
        if not name.startswith(SOCKETS_PREFIX):
            continue
        pid = name[len(SOCKETS_PREFIX):].split("-", 1)[0]
        if pid.isdigit() and not _pid_alive(int(pid)):
            shutil.rmtree(os.path.join(root, name), ignore_errors=True)
            removed.append(name)
    return removed


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:          # exists, owned by someone else
        return True
    return True


def _shutdown_kernel(km) -> None:
    from jupyter_core.utils import run_sync
    try:
        run_sync(km.shutdown_kernel)(now=True)
    except Exception:
        pass
    folder = os.path.dirname(km.ip) if getattr(km, "transport", "") == "ipc" else ""
    if os.path.basename(folder).startswith(SOCKETS_PREFIX):
        shutil.rmtree(folder, ignore_errors=True)


def _alive(km) -> bool:
    from jupyter_core.utils import run_sync
    try:
        return bool(run_sync(km.is_alive)())
    except Exception:
        return False


def _blocking_client(km):
    """A short-lived blocking client on the worker's kernel (no heartbeat thread)."""
    from jupyter_client import BlockingKernelClient
    kc = BlockingKernelClient()
    kc.load_connection_info(km.get_connection_info())
    kc.start_channels(hb=False)
    return kc


def worker_kernel():
    """This worker's kernel manager (async, as nbclient expects; started on first use, shut down
    when the worker exits)."""
    km = getattr(_LOCAL, "km", None)
    if km is None or not _alive(km):
        import atexit
        from multiprocessing import util
        km = _started_kernel()
        atexit.register(_shutdown_kernel, km)
        util.Finalize(km, _shutdown_kernel, args=(km,), exitpriority=10)   # pool workers skip atexit
        _LOCAL.km = km
    return km


def _started_kernel():
    """A kernel that has answered, with the notebooks' imports under way; a kernel that dies or does
    not answer at its start is replaced, up to START_TRIES times."""
    from jupyter_client.manager import AsyncKernelManager
    from jupyter_core.utils import run_sync
    last: Exception | None = None
    for _ in range(START_TRIES):
        folder = _sockets_folder()          # its connection file lives there too, so one rmtree cleans all
        km = AsyncKernelManager(kernel_name="python3", transport="ipc", ip=os.path.join(folder, "k"),
                                connection_file=os.path.join(folder, "kernel.json"))
        try:
            # no IPython history: a batch must not append every cell to the user's history database
            run_sync(km.start_kernel)(cwd=str(ROOT), extra_arguments=["--HistoryManager.enabled=False"])
            kc = _blocking_client(km)
            try:
                kc.wait_for_ready(timeout=READY_TIMEOUT)
                # warm the kernel's imports while this worker does its own
                kc.execute("import analysis.notebook, seaborn, matplotlib.pyplot, pyarrow.parquet",
                           silent=True, store_history=False)
            finally:
                kc.stop_channels()
            return km
        except Exception as e:     # RuntimeError (kernel died) or TimeoutError (no answer)
            last = e
            _shutdown_kernel(km)
    raise RuntimeError(f"the notebook kernel did not start after {START_TRIES} tries: {last}")


def _stop_kernel(km, flag: threading.Event) -> None:
    """Timer callback: the notebook ran out of time; stop its kernel so the run fails now."""
    flag.set()
    try:                       # kill the process directly: the kernel manager is busy in another thread
        os.kill(km.provisioner.process.pid, signal.SIGKILL)
    except Exception:
        pass


def _reset_namespace(km, timeout: int) -> None:
    """Empty the kernel's namespace; imported modules stay loaded."""
    kc = _blocking_client(km)
    try:
        kc.execute_interactive("%reset -f", store_history=False, timeout=timeout)
    finally:
        kc.stop_channels()
