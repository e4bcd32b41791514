"""How fast the weekly review and the trajectory browser open and how fast the cursor moves, at scale.

    python bench/review_bench.py [--home DIR] [--moves 60] [--size 120x36]

Builds (or reuses, with --home) a journal of 10 years of daily check-ins and 10,000 decisions with
``bench/make_journal.py``, runs the app headless with Pilot, waits for the analytics to finish (so the
background thread does not mix into the figures), then measures:

* opening the review and the browser: CPU time of the UI thread's work (``time.process_time`` around the
  push and the wait until the screen has drawn; the browser's own loader thread is included) and wall time;
* a cursor move: ``time.process_time`` around ``pilot.press("h")`` including the repaint (a no-op key press is
  measured too, as the floor), and the time spent in the move action plus the chart's render_line calls.

Goals from the issue: open < 300 ms of work, a cursor move < 20 ms median. Not a timed test: it prints.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def ensure_journal(home: Path | None) -> Path:
    from make_journal import build

    from coach.paths import resolve

    if home is None:
        home = Path(tempfile.mkdtemp(prefix="coach-review-bench-"))
    if not resolve(home).journal.exists():
        path, written, seconds = build(home)
        print(f"built {path}: {written['checkins']} check-ins, {written['decisions']} decisions in {seconds:.1f} s")
    return home


def say(text: str) -> None:
    """Print to the real stdout: Textual captures ``print`` while an app runs."""
    sys.__stdout__.write(text + "\n")
    sys.__stdout__.flush()


def ms(values: list[float]) -> str:
    values = sorted(values)
    return (f"median {statistics.median(values) * 1000:6.1f} ms  p90 {values[int(len(values) * 0.9)] * 1000:6.1f} ms"
            f"  max {values[-1] * 1000:6.1f} ms  (n={len(values)})")


async def run(home: Path, moves: int, size: tuple[int, int]) -> None:
    from coach.session import Session
    from coach.tui.app import CoachApp
    from coach.tui.screens.review import ReviewScreen
    from coach.tui.screens.trajectory import TrajectoryScreen
    from coach.tui.widgets.braille_chart import BrailleChart

    app = CoachApp(Session.load(home))
    async with app.run_test(size=size) as pilot:
        t = time.perf_counter()
        while app.analysis is None and app.analysis_error is None:
            await asyncio.sleep(0.05)
        say(f"analytics ready after {time.perf_counter() - t:.2f} s (background thread; "
              f"error: {app.analysis_error})")
        await pilot.pause()

        # -- review ------------------------------------------------------------------------------------
        opens = []
        for _ in range(5):
            c0, w0 = time.process_time(), time.perf_counter()
            app.push_screen(ReviewScreen())
            await pilot.pause()
            c1, w1 = time.process_time(), time.perf_counter()
            opens.append((c1 - c0, w1 - w0))
            app.pop_screen()
            await pilot.pause()
        say(f"review open:     CPU {ms([o[0] for o in opens])}; wall {ms([o[1] for o in opens])}")
        app.push_screen(ReviewScreen())
        await pilot.pause()
        # each widget is styled, laid out and painted several times while a screen opens: watch the count
        kinds = Counter(type(w).__name__ for w in app.screen.walk_children())
        say(f"review: {sum(kinds.values())} widgets ({', '.join(f'{n} {k}' for k, n in kinds.most_common())})")
        pages = []
        for _ in range(10):
            c0 = time.process_time()
            await pilot.press("left_square_bracket")
            pages.append(time.process_time() - c0)
        say(f"review [ (week): CPU {ms(pages)}")
        app.pop_screen()
        await pilot.pause()

        # -- trajectory --------------------------------------------------------------------------------
        opens = []
        for _ in range(5):
            c0, w0 = time.process_time(), time.perf_counter()
            screen = TrajectoryScreen()
            app.push_screen(screen)
            chart = None
            while True:
                await pilot.pause()
                chart = screen.query_one(BrailleChart) if screen.is_mounted else None
                if screen.track is not None and chart is not None and chart.builds:
                    break
            c1, w1 = time.process_time(), time.perf_counter()
            opens.append((c1 - c0, w1 - w0))
            app.pop_screen()
            await pilot.pause()
        say(f"browser open:    CPU {ms([o[0] for o in opens])}; wall {ms([o[1] for o in opens])}")

        screen = TrajectoryScreen()
        app.push_screen(screen)
        while screen.track is None:
            await pilot.pause()
        await pilot.pause()
        chart = screen.query_one(BrailleChart)
        say(f"browser: {screen.track.n} check-ins, {len(screen.track.markers)} decision markers, "
              f"chart {chart.size.width}x{chart.size.height}")

        spent = {"action": 0.0, "render": 0.0}
        orig_move, orig_render = screen.action_move, chart.render_line

        def timed_move(step: int) -> None:
            t0 = time.perf_counter()
            orig_move(step)
            spent["action"] += time.perf_counter() - t0

        def timed_render(y: int):  # type: ignore[no-untyped-def]
            t0 = time.perf_counter()
            out = orig_render(y)
            spent["render"] += time.perf_counter() - t0
            return out

        screen.action_move = timed_move  # type: ignore[method-assign]
        chart.render_line = timed_render  # type: ignore[method-assign]
        for label, zoom_keys in (("6 months", []), ("all time", ["minus"] * 4)):
            for k in zoom_keys:
                await pilot.press(k)
            await pilot.pause()
            floor, cpu, inproc = [], [], []
            builds = chart.builds
            for _ in range(moves):
                c0 = time.process_time()
                await pilot.press("f12")  # unbound: the cost of a key press and an idle frame
                floor.append(time.process_time() - c0)
                spent["action"] = spent["render"] = 0.0
                c0 = time.process_time()
                await pilot.press("h")
                cpu.append(time.process_time() - c0)
                inproc.append(spent["action"] + spent["render"])
            say(f"cursor move ({label}): keypress→repaint CPU {ms(cpu)}")
            say(f"    no-op key floor:           CPU {ms(floor)}")
            say(f"    move action + render_line: {ms(inproc)}; chart rebuilds: {chart.builds - builds}")
        await pilot.press("p")
        await pilot.pause()
        cpu = []
        for _ in range(moves // 2):
            c0 = time.process_time()
            await pilot.press("l")
            cpu.append(time.process_time() - c0)
        say(f"cursor move (path view): keypress→repaint CPU {ms(cpu)}")


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    p.add_argument("--home", type=Path, default=None, help="reuse (or build into) this coach home")
    p.add_argument("--moves", type=int, default=60)
    p.add_argument("--size", default="120x36", help="terminal size, e.g. 80x24 or 200x50")
    args = p.parse_args()
    w, h = (int(x) for x in args.size.lower().split("x"))
    home = ensure_journal(args.home)
    asyncio.run(run(home, args.moves, (w, h)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
