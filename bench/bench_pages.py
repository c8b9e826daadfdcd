"""What each page costs as people feel it, beside a minimal folium app on the same boundaries (issue 13).

    .venv/bin/python bench/bench_pages.py                 # the five pages, one session each, and the baseline
    .venv/bin/python bench/bench_pages.py --sessions 5    # also 5 browser sessions opening the five pages at once

Both apps are served by ``streamlit run`` with the same flags (headless, no file watcher, no run-on-save: the
production settings of ``scripts/dev.sh app``) and opened in headless Chromium with no internet (tests/browser.py).
The baseline is bench/baseline_app.py: st_folium of the 99 communes, nothing else.

Per page, in one server process started for the bench:
- **start → map** (home and baseline only): seconds from launching the server to the first map drawn;
- **first run**: the page opened in a new browser session: server CPU-seconds (psutil, user + system, until the
  server is idle again), bytes received on the websocket (Streamlit's forward messages: the map HTML, tables…),
  seconds from navigation to the first ``path.leaflet-interactive`` in the map's iframe;
- **warm rerun**: the same page rerun (the "r" shortcut, nothing changed): server CPU-seconds and bytes.
Every figure of a page is shown beside the baseline's and as a ratio (page ÷ baseline).

``--sessions N``: N browser contexts at once each open the five pages one after the other (a meeting's load); prints
server CPU-seconds per page view (CPU delta ÷ views done) and p50/p95 seconds to map. Bounded: each view waits at
most ``--timeout`` seconds and the whole run at most ``--deadline``. Localhost only; browsers and server share the
machine, as they would on a laptop in a meeting.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser import CHROMIUM_ARGS, LOCAL, chromium_path, free_port  # noqa: E402

PAGES = {
    "home": "ban-do",
    "wastewater": "nuoc-thai",
    "forest": "rung",
    "air": "khong-khi",
    "progress": "tien-do?tab=map",
}  # its map tab (cards first)
PRODUCTION = ["--server.headless", "true", "--browser.gatherUsageStats", "false",
              "--server.fileWatcherType", "none", "--server.runOnSave", "false"]  # fmt: skip
MAP = "path.leaflet-interactive"
FRAME = "iframe[title*='streamlit_folium']"


@dataclass
class Server:
    url: str
    proc: psutil.Process
    launched: float

    def cpu(self) -> float:
        t = self.proc.cpu_times()
        return float(t.user + t.system)

    def settle(self, quiet: float = 1.0, timeout: float = 120.0) -> float:
        """Wait until the server has used < 10 ms of CPU for ``quiet`` seconds; return its CPU-seconds then."""
        deadline = time.monotonic() + timeout
        last, since = self.cpu(), time.monotonic()
        while time.monotonic() < deadline:
            time.sleep(0.2)
            now = self.cpu()
            if now - last > 0.01:
                last, since = now, time.monotonic()
            elif time.monotonic() - since >= quiet:
                break
        return last


@contextmanager
def serve(script: Path, cwd: Path, env: dict[str, str] | None = None) -> Iterator[Server]:
    port = free_port()
    cmd = [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port), *PRODUCTION]
    launched = time.perf_counter()
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen(cmd, cwd=cwd, env=full_env, stdout=log, stderr=subprocess.STDOUT)
        try:
            url = f"http://localhost:{port}"
            for _ in range(600):
                try:
                    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                        if resp.status == 200:
                            break
                except OSError:
                    if proc.poll() is not None:
                        log.seek(0)
                        raise RuntimeError(log.read().decode(errors="replace")[-2000:]) from None
                    time.sleep(0.2)
            yield Server(url, psutil.Process(proc.pid), launched)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


@contextmanager
def shadow(script: Path) -> Iterator[Path]:
    """``script`` copied into a temporary directory beside a real copy of ./static.

    Streamlit serves static/ next to the main script and refuses files reached through a link out of it, and a
    worktree's static/vendor is such a link; the modules still come from the repository (PYTHONPATH).
    """
    with tempfile.TemporaryDirectory(prefix="bench-app-") as tmp:
        copy = Path(tmp) / script.name
        shutil.copy(script, copy)
        shutil.copytree(ROOT / "static", Path(tmp) / "static", symlinks=False)
        yield copy


@dataclass
class View:
    seconds_to_map: float = float("nan")
    bytes_in: int = 0
    cpu: float = 0.0
    rerun_cpu: float = 0.0
    rerun_bytes: int = 0
    counted: list[int] = field(default_factory=lambda: [0])


async def _offline(context: object) -> None:
    async def handle(route: object) -> None:
        url = route.request.url  # type: ignore[attr-defined]
        await (route.continue_() if url.startswith(LOCAL) else route.abort())  # type: ignore[attr-defined]

    await context.route("**/*", handle)  # type: ignore[attr-defined]


async def open_view(browser: object, url: str, view: View, timeout: float) -> object:
    """Open ``url`` in a new session; fill in seconds to map and bytes so far; return the page."""
    context = await browser.new_context(viewport={"width": 1400, "height": 1000}, locale="vi-VN")  # type: ignore[attr-defined]
    await _offline(context)
    page = await context.new_page()

    def on_ws(ws: object) -> None:
        ws.on("framereceived", lambda payload: view.counted.__setitem__(0, view.counted[0] + len(payload)))  # type: ignore[attr-defined]

    page.on("websocket", on_ws)
    start = time.perf_counter()
    await page.goto(url)
    await page.frame_locator(FRAME).first.locator(MAP).first.wait_for(state="attached", timeout=timeout * 1000)
    view.seconds_to_map = time.perf_counter() - start
    return page


async def measure_page(browser: object, server: Server, path: str, timeout: float) -> View:
    view = View()
    cpu0 = server.settle()
    page = await open_view(browser, f"{server.url}/{path}", view, timeout)
    cpu1 = await asyncio.to_thread(server.settle)
    view.cpu, view.bytes_in = cpu1 - cpu0, view.counted[0]
    await page.evaluate("document.activeElement && document.activeElement.blur()")  # type: ignore[attr-defined]
    await page.keyboard.press("r")  # type: ignore[attr-defined]
    await asyncio.sleep(0.5)
    cpu2 = await asyncio.to_thread(server.settle)
    view.rerun_cpu, view.rerun_bytes = cpu2 - cpu1, view.counted[0] - view.bytes_in
    await page.context.close()  # type: ignore[attr-defined]
    return view


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}" if b > 0 else "–"


async def single(timeout: float) -> None:
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        with shadow(ROOT / "bench" / "baseline_app.py") as script, serve(script, ROOT) as server:
            launched = server.launched
            base = View()
            page = await open_view(browser, server.url, base, timeout)
            base_start = time.perf_counter() - launched
            await page.context.close()  # type: ignore[attr-defined]
            base = await measure_page(browser, server, "", timeout)
        results: dict[str, View] = {}
        with shadow(ROOT / "app.py") as script, serve(script, ROOT) as server:
            home = View()
            page = await open_view(browser, f"{server.url}/{PAGES['home']}", home, timeout)
            start_to_map = time.perf_counter() - server.launched
            await page.context.close()  # type: ignore[attr-defined]
            for name, path in PAGES.items():
                results[name] = await measure_page(browser, server, path, timeout)
        await browser.close()
    print(f"\nstart → first map drawn: app {start_to_map:.2f} s, baseline {base_start:.2f} s, "
          f"ratio {_ratio(start_to_map, base_start)}\n")  # fmt: skip
    print("| page | first run CPU s | ÷ base | to map s | ÷ base | bytes sent | ÷ base "
          "| rerun CPU s | ÷ base | rerun bytes | ÷ base |")  # fmt: skip
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    rows = [("baseline (folium, 99 communes)", base), *results.items()]
    for name, v in rows:
        print(
            f"| {name} | {v.cpu:.2f} | {_ratio(v.cpu, base.cpu)} | {v.seconds_to_map:.2f} "
            f"| {_ratio(v.seconds_to_map, base.seconds_to_map)} | {v.bytes_in:,} | {_ratio(v.bytes_in, base.bytes_in)} "
            f"| {v.rerun_cpu:.2f} | {_ratio(v.rerun_cpu, base.rerun_cpu)} | {v.rerun_bytes:,} "
            f"| {_ratio(v.rerun_bytes, base.rerun_bytes)} |"
        )


async def sessions(n: int, timeout: float, deadline: float) -> None:
    from playwright.async_api import async_playwright

    times: list[float] = []
    failed = 0

    async def one_session(browser: object, url: str) -> None:
        nonlocal failed
        for path in PAGES.values():
            view = View()
            try:
                page = await open_view(browser, f"{url}/{path}", view, timeout)
                times.append(view.seconds_to_map)
                await page.context.close()  # type: ignore[attr-defined]
            except Exception:  # a bench counts timeouts (Playwright raises its own types) and goes on
                failed += 1

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        with shadow(ROOT / "app.py") as script, serve(script, ROOT) as server:
            warm = View()  # the process is warmed by one view first: the figures are for a running server
            page = await open_view(browser, f"{server.url}/{PAGES['home']}", warm, timeout)
            await page.context.close()  # type: ignore[attr-defined]
            cpu0 = server.settle()
            start = time.perf_counter()
            tasks = [asyncio.create_task(one_session(browser, server.url)) for _ in range(n)]
            _, pending = await asyncio.wait(tasks, timeout=deadline)
            for task in pending:
                task.cancel()
            elapsed = time.perf_counter() - start
            cpu = server.cpu() - cpu0
        await browser.close()
    views = len(times)
    q = statistics.quantiles(times, n=20) if len(times) >= 2 else [float("nan")] * 19
    print(f"\n{n} sessions × {len(PAGES)} pages: {views} of {n * len(PAGES)} views drawn in {elapsed:.0f} s "
          f"({failed} timed out); server CPU {cpu:.1f} s = {cpu / max(views, 1):.2f} CPU-s per page view; "
          f"time to map p50 {statistics.median(times) if times else 0:.1f} s, p95 {q[18]:.1f} s")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sessions", type=int, help="also run N concurrent browser sessions through the five pages")
    parser.add_argument("--only-sessions", action="store_true", help="skip the per-page table")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds a view may take (default 120)")
    parser.add_argument("--deadline", type=float, default=240.0, help="seconds the sessions run may take (240)")
    args = parser.parse_args()
    if not args.only_sessions:
        asyncio.run(single(args.timeout))
    if args.sessions:
        asyncio.run(sessions(args.sessions, args.timeout, args.deadline))
    return 0


if __name__ == "__main__":
    sys.exit(main())
