"""Self-assessment benchmark: with N stored self-assessments (100,000 by default), the result page of
completed assessments (rotating over 200 tokens) and the stateless scoring API, each loaded by 50
concurrent clients (``--clients 50 1``: one table per number) with wrk against ``observatoire serve``.
Prints the bulk load time, then p50/p95, requests per second, errors, and the server's CPU time per
request (its processes' user + system time from ``/proc`` over the requests answered: what the work
costs, whatever else the machine runs; PostgreSQL's own processes are not counted). Target: p95 <= 100
ms at 50 clients with 100,000 stored. Each result page is loaded 8 times before measuring, so that each
of the 2 workers has rendered and remembered it. Asserts nothing.

    .venv/bin/python benchmarks/autodiagnostics.py --home DIR [--database URL] [--count 100000]
        [--no-load] [--seconds 5] [--clients 50 1]

``--home`` is a workspace with a published demo (``observatoire demo --build-only``, with the same
``DATABASE_URL`` for PostgreSQL); its synthetic self-assessments are replaced by ``--count`` new ones
(``--no-load`` keeps those stored). ``--database`` (default ``$DATABASE_URL``, else the workspace's
SQLite file) is where the platform and its published results live.

Recorded 2026-12-06 11:00, quiet (load 1.0-1.5), PostgreSQL, 100,000 stored, 50 clients, 5 s a row,
wrk (p50 / p95 ms, req/s, server CPU ms per request). Before: result page 126 / 221, 440 req/s, 3.64 ms;
scoring 51 / 110, 872 req/s, 2.12 ms. After (the health check reads the socket instead of sending
``SELECT 1``, the remembered page reads only its stamp's fields, the token lookup has no ORDER BY), five
runs: result page p95 109-175 ms, 600-740 req/s, 2.2-2.8 ms; scoring p95 71-115 ms. In process, one
result page costs 1.6-2.0 ms (2.5-3.5 with the round trip of Django's health check). The p95 target is
met on SQLite (77 ms) and NOT reliably on PostgreSQL: wrk, PostgreSQL and the two workers share the two
cores, and the tail follows how they are scheduled (the same code's p95 spans 109-175 ms run to run).

Recorded earlier the same day, this 2-core machine shared with ~7 other engineers' jobs, 100,000 stored,
5 s a row, wrk (p50 / p95 ms, req/s, server CPU ms per request):

- Before (each view rendered the page, asked the recommendation engine, which weighs every published
  entry, for each next step, and read the peers): in process 280 ms a result page, of which the engine
  230 ms and templates 25 ms; under wrk (load 9-10, SQLite) 1 549 / 2 528 ms, 33 req/s; scoring API
  179 / 1 935 ms, 286 req/s.
- After (the page remembered per token and stamp, the engine's answers per need and place, the API
  without a ``reverse`` per link): in process, one client, 1.4-1.9 ms a result page, 0.7-0.8 ms scoring.
  SQLite, load 15.6 / 14.3 / 11.5: 50 clients, result page 199 / 1 370 ms, 152 req/s, 2.28 ms CPU;
  scoring 99 / 550 ms, 372 req/s, 1.36 ms CPU; 1 client, result page 1.8 / 16.1 ms (287 req/s), 1.54 ms
  CPU; scoring 3.8 / 14.3 ms, 1.45 ms CPU. PostgreSQL (load 16.2 / 14.9 / 12.1): 50 clients, result
  page 235 / 978 ms, 133 req/s, 2.64 ms CPU; scoring 156 / 342 ms, 313 req/s, 1.35 ms CPU; 1 client,
  result page 2.4 / 16.7 ms, 1.63 ms CPU; scoring 1.3 / 9.4 ms, 1.18 ms CPU; 0 errors everywhere.
  The p95 target is NOT met under that load: the server got about a third of one core (152 req/s × 2.28
  ms). At 1.5-2.6 ms of CPU a request, 2 free cores answer 750-1 300 result pages a second, where 50
  clients queue for about 50 × 2 ms / 2 cores = 50 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from web import OBSERVATOIRE, free_port, start

REPORT = """
done = function(summary, latency, requests)
  io.write(string.format("RESULT %d %d %d %d %d\\n", latency:percentile(50), latency:percentile(95),
    summary.requests, summary.errors.status + summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout, summary.duration))
end
"""


def _tokens(home: Path, count: int) -> list[str]:
    """Tokens for stored completed assessments, with the platform's own settings: the database keeps only
    digests (web.tokens), so the benchmark gives these synthetic assessments fresh tokens and keeps them."""
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='observatoire.web.settings'; django.setup();"
        "from observatoire.web.autodiagnostics.models import Assessment;"
        f"chosen = list(Assessment.objects.filter(completed__isnull=False).order_by('?')[:{count}]);"
        "tokens = [a.issue_token() for a in chosen];"
        "Assessment.objects.bulk_update(chosen, ['token_hash']);"
        "print('\\n'.join(tokens))"
    )
    env = {**os.environ, "OBSERVATOIRE_HOME": str(home)}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    return done.stdout.split()


def _load() -> str:
    """The machine's load average, printed beside the figures (a shared machine's figures depend on it)."""
    one, five, fifteen = os.getloadavg()
    return f"charge {one:.1f} / {five:.1f} / {fifteen:.1f}"


def _server_cpu(pid: int) -> float:
    """CPU seconds used so far by the server and its workers (Linux ``/proc``; 0 elsewhere): divided by
    the requests answered, a cost per request that other jobs on a shared machine do not change."""
    ticks = 0
    for entry in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = entry.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the process has ended
        if entry.parent.name == str(pid) or fields[1] == str(pid):
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


def _wrk(base: str, script: Path, clients: int, seconds: float) -> tuple[float, float, float, int, int]:
    done = subprocess.run(
        [
            "wrk",
            f"-t{min(2, clients)}",
            f"-c{clients}",
            f"-d{seconds:g}s",
            "--timeout",
            "10s",
            "-s",
            str(script),
            base,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    line = next(line for line in done.stdout.splitlines() if line.startswith("RESULT"))
    p50, p95, count, errors, duration = (int(v) for v in line.split()[1:])
    return p50 / 1000, p95 / 1000, count / (duration / 1e6), errors, count


def _measure(base: str, pid: int, clients: int, seconds: float, result: Path, score: Path) -> None:
    """One table: the result pages, then the scoring API, loaded by ``clients`` for ``seconds`` each."""
    print(f"{clients} clients, {seconds:g} s, wrk, {os.cpu_count()} CPU, {_load()}")
    columns = ("p50 ms", "p95 ms", "req/s", "erreurs", "CPU ms/req")
    print(f"{'adresse':<34} " + " ".join(f"{column:>10}" for column in columns))
    for name, script in (("page résultat (200 jetons)", result), ("API score", score)):
        before = _server_cpu(pid)
        p50, p95, rate, errors, count = _wrk(base, script, clients, seconds)
        cpu = (_server_cpu(pid) - before) * 1000 / max(count, 1)
        mark = "" if p95 <= 100 and errors == 0 else "  (objectif : p95 <= 100 ms, 0 erreur)"
        print(f"{name:<34} {p50:10.1f} {p95:10.1f} {rate:10.0f} {errors:10d} {cpu:10.2f}{mark}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path, required=True, help="a workspace with a published demo")
    parser.add_argument("--count", type=int, default=100_000, help="stored self-assessments")
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--clients", type=int, nargs="+", default=[50], help="one run per number given")
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--no-load", action="store_true", help="keep the self-assessments already stored")
    parser.add_argument(
        "--database",
        default=os.environ.get("DATABASE_URL", ""),
        help="DATABASE_URL of the workspace (default: its SQLite file); the demo must be published in it",
    )
    options = parser.parse_args()
    if options.database:
        os.environ["DATABASE_URL"] = options.database  # the server, the loader and the token reader
    env = {**os.environ, "OBSERVATOIRE_HOME": str(options.home)}
    database = "PostgreSQL" if options.database.startswith("postgres") else "SQLite"
    if not options.no_load:
        started = time.perf_counter()
        subprocess.run(
            [OBSERVATOIRE, "autodiagnostics", "demo", "--nombre", str(options.count)],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        print(
            f"{database} : {options.count:,} autodiagnostics créés en {time.perf_counter() - started:.1f} s"
        )
    tokens = _tokens(options.home, 200)
    with open(Path(__file__).parent / "autodiagnostics_answers.json", encoding="utf-8") as answers:
        body = json.dumps({"answers": json.load(answers)})
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    # Only the landing pages are rendered before the server answers: the result pages are warmed below.
    server = start(options.home, port, options.workers, OBSERVATOIRE_WARM="landing")
    try:
        for token in tokens:  # each worker renders and remembers each page once
            for _ in range(4 * (options.workers or 2)):
                urllib.request.urlopen(f"{base}/autodiagnostics/r/{token}/resultat/", timeout=60).close()
        with tempfile.TemporaryDirectory() as folder:
            result_script = Path(folder) / "result.lua"
            paths = ",".join(f'"/autodiagnostics/r/{token}/resultat/"' for token in tokens)
            result_script.write_text(
                f"paths = {{{paths}}}\ncounter = 0\n"
                "request = function()\n  counter = counter + 1\n"
                '  return wrk.format("GET", paths[(counter % #paths) + 1])\nend\n' + REPORT
            )
            score_script = Path(folder) / "score.lua"
            score_script.write_text(
                'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\n'
                f"wrk.body = {json.dumps(body)}\n"
                'wrk.path = "/api/autodiagnostics/entreprise/score"\n' + REPORT
            )
            for clients in options.clients:
                _measure(base, server.pid, clients, options.seconds, result_script, score_script)
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
