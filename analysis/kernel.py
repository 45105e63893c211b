"""The notebook kernels of the batch: one per worker thread, kept between notebooks.

The kernel's start and its imports (pandas, matplotlib, seaborn, analysis) are paid once per worker,
not once per notebook; each notebook starts from an empty namespace, and after a failure or a timeout
the kernel is restarted. A Dask worker with several threads runs several notebooks at once, so the
kernel is per thread: two notebooks never share one. Kernels keep no IPython history.
"""
from __future__ import annotations

import os
import signal
import threading

from .paths import ROOT

_LOCAL = threading.local()


def _shutdown_kernel(km) -> None:
    from jupyter_core.utils import run_sync
    try:
        run_sync(km.shutdown_kernel)(now=True)
    except Exception:
        pass


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
        from jupyter_client.manager import AsyncKernelManager
        from jupyter_core.utils import run_sync
        km = AsyncKernelManager(kernel_name="python3")
        # no IPython history: a batch must not append every cell to the user's history database
        run_sync(km.start_kernel)(cwd=str(ROOT), extra_arguments=["--HistoryManager.enabled=False"])
        atexit.register(_shutdown_kernel, km)
        util.Finalize(km, _shutdown_kernel, args=(km,), exitpriority=10)   # pool workers skip atexit
        _LOCAL.km = km
        kc = _blocking_client(km)        # warm the kernel's imports while this worker does its own
        kc.execute("import analysis.notebook, seaborn, matplotlib.pyplot, pyarrow.parquet", silent=True, store_history=False)
        kc.stop_channels()
    return km


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
