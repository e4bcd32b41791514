"""Score the rut detector on the labelled dev set and print the scorer's table.

    python bench/ruts_dev.py [--shared DIR] [--out PRED.json] [--split all|even|odd] [--direct|--cli]

The shared folder is found beside the repository (``<repo>/../shared``), or via ``--shared`` / the
``COACH_SHARED`` environment variable. Logged big steps from ``steps.json`` come in as size-4 decisions.
By default the script runs ``coach analyze FILE... --json`` in one subprocess when that command exists, and
calls ``coach.analytics`` directly otherwise (or with ``--direct``).
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from coach.analytics import History, Params, analyze  # noqa: E402


def shared_dir(arg: str | None) -> Path:
    """Locate shared/: argument, then $COACH_SHARED, then beside the repository."""
    if arg:
        return Path(arg)
    if os.environ.get("COACH_SHARED"):
        return Path(os.environ["COACH_SHARED"])
    return Path(__file__).resolve().parents[2] / "shared"


def read_csv(path: Path, steps: list[str]) -> History:
    """Tiny CSV reader: ``date,<dims...>,satisfaction`` with blank = skipped."""
    with open(path, newline="") as fh:
        rows = list(csv.DictReader(fh))
    dims = [k for k in rows[0] if k not in ("date", "satisfaction")] if rows else []
    return History.from_rows(rows, dims=dims, steps=[{"date": d, "size": 4} for d in steps])


def predict_direct(files: list[Path], steps: dict[str, list[str]], params: Params) -> dict[str, Any]:
    """Run analyze() in-process on every file."""
    out = {}
    for f in files:
        rep = analyze(read_csv(f, steps.get(f.stem, [])), params).to_json()
        out[f.stem] = rep
    return out


def cli_available() -> bool:
    """Does ``coach analyze --help`` work?"""
    exe = shutil.which("coach") or str(Path(sys.executable).parent / "coach")
    try:
        r = subprocess.run([exe, "analyze", "--help"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return r.returncode == 0 and "--json" in r.stdout


def journal_document(path: Path, steps: list[str]) -> dict[str, Any]:
    """A ``coach-journal`` JSON document for one dev CSV, logged big steps as decided size-4 decisions."""
    with open(path, newline="") as fh:
        rows = list(csv.DictReader(fh))
    dims = [k for k in rows[0] if k not in ("date", "satisfaction")] if rows else []
    noon = "T12:00:00+00:00"
    checkins = [{"id": f"c{i}", "at": r["date"] + noon, "satisfaction": float(r["satisfaction"]),
                 "ratings": {k: float(r[k]) for k in dims if r[k].strip()}}
                for i, r in enumerate(rows) if r["satisfaction"].strip()]
    decisions = [{"id": f"s{i}", "title": "logged big step", "magnitude": 4, "budget_seconds": 86400.0,
                  "status": "decided", "created_at": d + noon, "decided_at": d + noon}
                 for i, d in enumerate(steps)]
    return {"format": "coach-journal", "version": 1,
            "dimensions": [{"id": f"d{i}", "name": k, "position": i} for i, k in enumerate(dims)],
            "checkins": checkins, "decisions": decisions}


def predict_cli(files: list[Path], steps: dict[str, list[str]]) -> dict[str, Any]:
    """Run ``coach analyze FILE... --json`` once for all files (steps come in through the JSON import)."""
    exe = shutil.which("coach") or str(Path(sys.executable).parent / "coach")
    with tempfile.TemporaryDirectory() as tmp:
        args = []
        for f in files:
            out = Path(tmp) / f"{f.stem}.json"
            out.write_text(json.dumps(journal_document(f, steps.get(f.stem, []))))
            args.append(str(out))
        env = dict(os.environ, COACH_HOME=str(Path(tmp) / "home"))
        r = subprocess.run([exe, "analyze", *args, "--json"], capture_output=True, text=True, env=env)
    out: dict[str, Any] = {}
    for line in r.stdout.splitlines():
        if line.strip():
            obj = json.loads(line)
            if "error" in obj:
                raise SystemExit(f"coach analyze failed on {obj['file']}: {obj['error']}")
            out[Path(obj["file"]).stem] = obj
    if r.returncode != 0 and not out:
        raise SystemExit(f"coach analyze failed ({r.returncode}): {r.stderr[-2000:]}")
    return out


def to_pred(reports: dict[str, Any]) -> dict[str, Any]:
    """Scorer format: intervals (ongoing end -> last check-in date) + final gradient and its stderr."""
    pred = {}
    for uid, rep in reports.items():
        last = rep.get("state_detail", {}) or {}
        end_default = last.get("date")
        iv = [[r["start"], r["end"] or end_default or r["start"]] for r in rep["ruts"]]
        g = {k: v["estimate"] for k, v in rep["gradient"].items()}
        se = {k: v["stderr"] for k, v in rep["gradient"].items() if v["stderr"] is not None}
        pred[uid] = {"intervals": iv, "gradient": g, "gradient_se": se}
    return pred


def load_scorer(shared: Path):
    """Import score.py by path."""
    spec = importlib.util.spec_from_file_location("ruts_score", shared / "data" / "ruts-dev" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def print_table(out: dict[str, Any]) -> None:
    """Same layout as score.py's main()."""
    for k, v in out.items():
        if isinstance(v, dict):
            v = "  ".join(f"{kk}={vv:.2f}" for kk, vv in v.items())
        elif isinstance(v, float):
            v = f"{v:.3f}"
        print(f"{k:32s} {v}")


def main(argv: list[str] | None = None) -> int:
    """Entry point."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", help="path to the shared/ folder (default: beside the repo or $COACH_SHARED)")
    ap.add_argument("--out", default=None, help="where to write the prediction JSON")
    ap.add_argument("--split", choices=["all", "even", "odd"], default="all")
    mode = ap.add_mutually_exclusive_group()
    mode.add_argument("--direct", action="store_true", help="call coach.analytics in-process")
    mode.add_argument("--cli", action="store_true", help="require `coach analyze --json`")
    ap.add_argument("--param", action="append", default=[], help="KEY=VALUE analytics parameter (direct mode)")
    a = ap.parse_args(argv)
    data = shared_dir(a.shared) / "data" / "ruts-dev"
    steps = json.loads((data / "steps.json").read_text())
    files = sorted((data / "users").glob("*.csv"))
    if a.split != "all":
        files = [f for f in files if int(f.stem[1:]) % 2 == (0 if a.split == "even" else 1)]
    params = Params.from_mapping({k: float(v) for k, v in (kv.split("=", 1) for kv in a.param)})
    use_cli = a.cli or (not a.direct and not a.param and cli_available())
    reports = predict_cli(files, steps) if use_cli else predict_direct(files, steps, params)
    pred = to_pred(reports)
    out_path = Path(a.out) if a.out else Path(tempfile.gettempdir()) / f"ruts_dev_pred_{a.split}.json"
    out_path.write_text(json.dumps(pred))
    scorer = load_scorer(shared_dir(a.shared))
    truth = [t for t in scorer.load_truth(str(data)) if t[0] in {f.stem for f in files}]
    print(f"# {'coach analyze --json' if use_cli else 'coach.analytics direct'}; split={a.split}; "
          f"{len(files)} users; predictions in {out_path}")
    print_table(scorer.score(truth, pred))
    return 0


if __name__ == "__main__":
    sys.exit(main())
