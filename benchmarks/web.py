"""Web benchmark: ``observatoire serve`` on the demo, loaded on loopback by 50 concurrent clients.

Each URL (home, map, map data, a territory page, API queries) is loaded in turn for a few seconds with
wrk (Debian package ``wrk``) or, without it, a thread pool of keep-alive clients; prints p50/p95 latency,
requests per second and errors per URL, then stops the server. Target (issue 6): p95 <= 50 ms, 0 errors.
Asserts nothing: speed is reported, not tested. Clients ask for gzip as browsers do (``Accept-Encoding:
gzip, deflate, br``); ``--identity`` asks for uncompressed answers.

    .venv/bin/python benchmarks/web.py [--home DIR] [--seconds 5] [--clients 50] [--workers N] [--identity]

Without ``--home`` the demo is built first in a temporary folder (about 40 s).

Recorded baseline (2026-11-23, this 2-core machine, quiet, wrk, 50 clients, 5 s per URL, p95 in ms,
browser encodings / ``--identity``): home 29.4-29.8 / 37.4, map 34.1-40.9 / 31.8, map data API
27.3-35.9 / 32.4, PACA page 30.3-34.3 / 30.2, API page of 100 29.4-39.7 / 32.0, API territory 93 (1000
figures, 388 KB uncompressed) 39.8-46.0 / 46.9, API search 28.2-30.0 / 35.4; 2 000-3 400 requests per
second, 0 errors. Before the answers were remembered per build (same day): home 1 220, PACA page 1 127,
map 177, search 63.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import http.client
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

OBSERVATOIRE = str(Path(sys.executable).with_name("observatoire"))
URLS = {
    "accueil": "/",
    "carte": "/carte/",
    "données de la carte (API)": "/api/resultats/?population=citoyens&wave=2019&question=Q1&item=emploi"
    "&territory_level=region&statistic=mean",
    "page territoire (PACA)": "/territoire/region/93/",
    "API page de 100": "/api/resultats/?population=citoyens&limit=100",
    "API territoire 93": "/api/resultats/?territory=93&limit=1000",
    "API recherche": "/api/territoires/?q=Mars",
}
# wrk prints its own percentiles (no p95), so a small script reports what we need, in microseconds.
WRK_SCRIPT = """
done = function(summary, latency, requests)
  io.write(string.format("RESULT %d %d %d %d %d %d\\n", latency:percentile(50), latency:percentile(95),
    latency:percentile(99), summary.requests, summary.errors.status + summary.errors.connect
    + summary.errors.read + summary.errors.write + summary.errors.timeout, summary.duration))
end
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(home: Path, port: int, workers: int | None) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("OBSERVATOIRE_")}
    env["OBSERVATOIRE_HOME"] = str(home)
    env["OBSERVATOIRE_SECRET_KEY"] = secrets.token_urlsafe(50)  # served as in production
    command = [OBSERVATOIRE, "serve", "--port", str(port)] + (["--workers", str(workers)] if workers else [])
    # Standard error carries the access log (one line per request, as in production): a file, not a pipe
    # nobody reads, which would fill up and stop the server.
    log = tempfile.TemporaryFile()  # noqa: SIM115 (open while the server runs)
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=log)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/domaines/", timeout=5).close()
            return process
        except OSError:
            if process.poll() is not None:
                break
            time.sleep(0.2)
    process.kill()
    log.seek(0)
    raise SystemExit(f"observatoire serve did not start: {log.read().decode()[-3000:]}")


def status(base: str, path: str) -> int:
    try:
        with urllib.request.urlopen(base + path, timeout=30) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


BROWSER_ENCODINGS = "gzip, deflate, br"


def with_wrk(
    base: str, path: str, clients: int, seconds: float, script: Path, encodings: str
) -> tuple[float, float, int, int, float]:
    load = ["-t2", f"-c{clients}", f"-d{seconds:g}s", "--timeout", "10s", "-s", str(script)]
    headers = ["-H", f"Accept-Encoding: {encodings}"] if encodings else []
    done = subprocess.run(
        ["wrk", *load, *headers, base + path],
        capture_output=True,
        text=True,
        check=True,
    )
    found = re.search(r"RESULT (\d+) (\d+) (\d+) (\d+) (\d+) (\d+)", done.stdout)
    assert found, done.stdout + done.stderr
    p50, p95, _p99, count, errors, duration = (int(v) for v in found.groups())
    return p50 / 1000, p95 / 1000, count, errors, count / (duration / 1e6)


def with_threads(
    base: str, path: str, clients: int, seconds: float, encodings: str
) -> tuple[float, float, int, int, float]:
    host, port = base.removeprefix("http://").split(":")
    stop = time.monotonic() + seconds

    def client() -> tuple[list[float], int]:
        latencies, errors = [], 0
        connection = http.client.HTTPConnection(host, int(port), timeout=10)
        while time.monotonic() < stop:
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers={"Accept-Encoding": encodings} if encodings else {})
                response = connection.getresponse()
                response.read()
                errors += response.status >= 400
            except OSError:
                errors += 1
                connection = http.client.HTTPConnection(host, int(port), timeout=10)
            latencies.append(time.perf_counter() - started)
        return latencies, errors

    with concurrent.futures.ThreadPoolExecutor(clients) as pool:
        outcomes = list(pool.map(lambda _: client(), range(clients)))
    latencies = sorted(v for found, _ in outcomes for v in found)
    errors = sum(e for _, e in outcomes)

    def at(share: float) -> float:
        return latencies[min(len(latencies) - 1, int(share * len(latencies)))] * 1000

    return at(0.50), at(0.95), len(latencies), errors, len(latencies) / seconds


def build_demo(folder: Path) -> Path:
    home = folder / "observatoire-data"
    env = {k: v for k, v in os.environ.items() if k not in ("OBSERVATOIRE_HOME", "DATABASE_URL")}
    env["OBSERVATOIRE_HOME"] = str(home)
    print("construction de la démo…", flush=True)
    subprocess.run([OBSERVATOIRE, "demo", "--build-only"], env=env, check=True, stdout=subprocess.DEVNULL)
    return home


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path, default=None, help="a workspace with a published demo")
    parser.add_argument("--seconds", type=float, default=5.0, help="load duration per URL")
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients")
    parser.add_argument("--workers", type=int, default=None, help="gunicorn workers (default: serve's)")
    parser.add_argument("--python-client", action="store_true", help="use the thread pool even if wrk exists")
    parser.add_argument("--identity", action="store_true", help="ask for uncompressed answers (no gzip)")
    options = parser.parse_args()
    use_wrk = shutil.which("wrk") is not None and not options.python_client
    with tempfile.TemporaryDirectory(prefix="observatoire-web-bench-") as folder:
        home = options.home or build_demo(Path(folder))
        script = Path(folder) / "report.lua"
        script.write_text(WRK_SCRIPT)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = start(home, port, options.workers)
        try:
            client = "wrk" if use_wrk else "Python (threads)"
            encodings = "" if options.identity else BROWSER_ENCODINGS
            print(
                f"{options.clients} clients, {options.seconds:g} s par URL, {client}, {os.cpu_count()} CPU, "
                f"Accept-Encoding: {encodings or 'identity'}"
            )
            print(f"{'adresse':<28} {'p50 ms':>8} {'p95 ms':>8} {'req/s':>8} {'requêtes':>9} {'erreurs':>8}")
            for name, path in URLS.items():
                code = status(base, path)
                if code != 200:
                    print(f"{name:<28} absent (HTTP {code}) : {path}")
                    continue
                if use_wrk:
                    p50, p95, count, errors, rate = with_wrk(
                        base, path, options.clients, options.seconds, script, encodings
                    )
                else:
                    p50, p95, count, errors, rate = with_threads(
                        base, path, options.clients, options.seconds, encodings
                    )
                mark = "" if p95 <= 50 and errors == 0 else "  (objectif : p95 <= 50 ms, 0 erreur)"
                print(
                    f"{name:<28} {p50:8.1f} {p95:8.1f} {rate:8.0f} {count:9d} {errors:8d}{mark}", flush=True
                )
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
