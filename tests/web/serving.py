"""``observatoire serve`` on a demo workspace, as a user runs it, for the tests that need a real server."""

from __future__ import annotations

import contextlib
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from observatoire.workspace import Workspace

OBSERVATOIRE = str(Path(sys.executable).with_name("observatoire"))
STARTUP_SECONDS = 120  # migrations, then the landing pages rendered before the workers fork
SECRET_KEY = secrets.token_urlsafe(50)  # a real key, as production has (serve refuses to start without)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def environment(workspace: Workspace, **extra: str) -> dict[str, str]:
    """This process's environment without our settings, pointed at ``workspace``, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OBSERVATOIRE_", "DJANGO_"))}
    env.update(OBSERVATOIRE_HOME=str(workspace.root), DATABASE_URL=workspace.database_url)
    env["OBSERVATOIRE_WARM"] = "landing"  # a quick start: every public page takes minutes on a busy machine
    env.update(extra)
    return env


def run_cli(workspace: Workspace, *args: str) -> str:
    """``observatoire ARGS`` on ``workspace``, as a user runs it; its standard output (it must succeed)."""
    done = subprocess.run(
        [OBSERVATOIRE, *args],
        env=environment(workspace),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@contextlib.contextmanager
def served(workspace: Workspace, workers: int, log: Path, *options: str, **extra_env: str) -> Iterator[str]:
    """The base URL of a server on a free loopback port, once it answers (with a real secret key unless
    ``extra_env`` says otherwise); its standard error goes to ``log``, its standard output next to it."""
    port = free_port()
    command = [OBSERVATOIRE, "serve", "--port", str(port), "--workers", str(workers), *options]
    base = f"http://127.0.0.1:{port}"
    env = environment(workspace, **({"OBSERVATOIRE_SECRET_KEY": SECRET_KEY} | extra_env))
    with log.open("w") as output, log.with_suffix(".stdout").open("w") as printed:
        process = subprocess.Popen(command, env=env, stdout=printed, stderr=output)
        try:
            deadline = time.monotonic() + STARTUP_SECONDS
            while True:
                try:
                    urllib.request.urlopen(f"{base}/api/domaines/", timeout=5).close()
                    break
                except urllib.error.HTTPError:
                    break  # it answers
                except OSError:
                    if process.poll() is not None or time.monotonic() > deadline:
                        output.flush()
                        printed.flush()
                        said = log.with_suffix(".stdout").read_text()[-1000:] + log.read_text()[-3000:]
                        pytest.fail(f"observatoire serve did not start:\n{said}")
                    time.sleep(0.2)
            yield base
        finally:
            process.terminate()
            process.wait(timeout=20)
