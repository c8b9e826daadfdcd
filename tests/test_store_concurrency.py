"""Two writers at once, from two threads and from two processes, on SQLite and PostgreSQL: both writes end in the
history (merged when their rows differ) or one is refused with a message — never lost, never half-written."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pandas as pd

from geo.store import history, versions
from geo.store.errors import ConflictError
from tests.store_support import BASE_ROWS, values

ROOT = Path(__file__).resolve().parent.parent
WRITER = """
import sys
import pandas as pd
from geo.store import versions
from geo.store.errors import ConflictError
url, user, code, value = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
row = pd.DataFrame([{"target_id": "5a", "unit_set": "districts_2019", "unit_code": code, "year": 2020,
                     "value": value, "source": user, "illustrative": False}])
try:
    result = versions.write("indicator_values", row, user=user, reason="tải lên " + user, base_version=1, url=url)
except ConflictError as exc:
    print(exc.render("en"))
    sys.exit(2)
print("written", result.version)
"""


def _row(code: str, value: float, user: str) -> pd.DataFrame:
    return values(("5a", "districts_2019", code, 2020, value, False)).assign(source=user)


def _at_once(url: str, jobs: dict[str, pd.DataFrame]) -> dict[str, object]:
    """Run one write per user in its own thread, all released together; each thread's result or refusal."""
    start = threading.Barrier(len(jobs))
    outcome: dict[str, object] = {}

    def run(user: str, frame: pd.DataFrame) -> None:
        start.wait()
        try:
            outcome[user] = versions.write(
                "indicator_values", frame, user=user, reason="tải lên " + user, base_version=1, url=url
            )
        except ConflictError as exc:
            outcome[user] = exc

    threads = [threading.Thread(target=run, args=item) for item in jobs.items()]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return outcome


def _seeded(url: str) -> None:
    versions.write("indicator_values", BASE_ROWS, user="an", reason="đầu", base_version=0, url=url)


def test_two_threads_writing_different_rows_both_land_in_the_history(staff):
    _seeded(staff)
    outcome = _at_once(staff, {"an": _row("216", 1.0, "an"), "binh": _row("217", 2.0, "binh")})
    assert all(isinstance(r, versions.WriteResult) for r in outcome.values())
    assert sorted(r.version for r in outcome.values()) == [2, 3]  # type: ignore[attr-defined]
    assert [r.merged for r in sorted(outcome.values(), key=lambda r: r.version)] == [False, True]  # type: ignore
    now = versions.current("indicator_values", staff).set_index("unit_code")["value"]
    assert (now["216"], now["217"]) == (1.0, 2.0)
    assert sorted(history.history("indicator_values", staff)["user_name"].tolist()[:2]) == ["an", "binh"]


def test_two_threads_writing_the_same_row_one_lands_and_the_other_is_refused_with_the_change(staff):
    _seeded(staff)
    outcome = _at_once(staff, {"an": _row("215", 70.0, "an"), "binh": _row("215", 80.0, "binh")})
    written = {u: r for u, r in outcome.items() if isinstance(r, versions.WriteResult)}
    refused = {u: r for u, r in outcome.items() if isinstance(r, ConflictError)}
    assert len(written) == 1 and len(refused) == 1
    (winner, result), (_, error) = next(iter(written.items())), next(iter(refused.items()))
    assert result.version == 2
    assert f"{winner} wrote at" in error.render("en") and f"tải lên {winner}" in error.render("en")
    stored = versions.current("indicator_values", staff).set_index("unit_code").loc["215"]
    assert (stored["value"], stored["source"]) == ({"an": 70.0, "binh": 80.0}[winner], winner)
    assert versions.head_version("indicator_values", staff) == 2


def _processes(url: str, jobs: list[tuple[str, str, float]]) -> list[subprocess.CompletedProcess[str]]:
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, url, user, code, str(value)],
            cwd=ROOT,
            text=True,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for user, code, value in jobs
    ]
    results = []
    for proc, job in zip(procs, jobs, strict=True):
        out, err = proc.communicate(timeout=300)
        results.append(subprocess.CompletedProcess(job, proc.returncode, out, err))
    return results


def test_two_processes_writing_different_rows_both_land_in_the_history(staff):
    _seeded(staff)
    results = _processes(staff, [("an", "216", 1.0), ("binh", "217", 2.0)])
    assert [r.returncode for r in results] == [0, 0], [r.stderr[-2000:] for r in results]
    assert sorted(r.stdout.split()[-1] for r in results) == ["2", "3"]
    now = versions.current("indicator_values", staff).set_index("unit_code")["value"]
    assert (now["216"], now["217"], versions.head_version("indicator_values", staff)) == (1.0, 2.0, 3)


def test_two_processes_writing_the_same_row_one_lands_and_the_other_is_refused(staff):
    _seeded(staff)
    results = _processes(staff, [("an", "215", 70.0), ("binh", "215", 80.0)])
    codes = sorted(r.returncode for r in results)
    assert codes == [0, 2], [r.stderr[-2000:] for r in results]
    winner = next(r for r in results if r.returncode == 0).args[0]
    loser = next(r for r in results if r.returncode == 2)
    assert "Someone else changed the data" in loser.stdout and f"{winner} wrote at" in loser.stdout
    stored = versions.current("indicator_values", staff).set_index("unit_code").loc["215", "value"]
    assert stored == {"an": 70.0, "binh": 80.0}[winner]
    assert history.history("indicator_values", staff)["version"].tolist() == [2, 1]
