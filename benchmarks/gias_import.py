"""Benchmark: import a national-size GIAS file (generated, in GIAS's format) twice.

    python benchmarks/gias_import.py [--rows 50000] [--database-url URL]

Runs in a fresh SQLite database in a temporary folder (or the PostgreSQL database you give,
which it migrates), with production settings (DEBUG off), and prints wall time and peak memory
for the first run (creates) and the second (nothing to change).
"""

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "site")]


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=50000)
    parser.add_argument("--database-url")
    args = parser.parse_args()

    from localoffer.demo.gias_sample import write_sample

    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        csv_path = folder / "edubasealldata.csv"
        with open(csv_path, "w", encoding="cp1252", newline="") as f:
            bad = write_sample(f, args.rows, bad_every=1000)
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "localoffer.settings.production",
            "SECRET_KEY": "benchmark-only-" + "x" * 50,
            "ALLOWED_HOSTS": "localhost",
            "DATABASE_URL": args.database_url or f"sqlite:///{folder / 'bench.sqlite3'}",
        }
        manage = [sys.executable, str(ROOT / "manage.py")]
        subprocess.run([*manage, "migrate", "-v", "0"], env=env, check=True)
        print(f"{args.rows:,} rows, {csv_path.stat().st_size / 1e6:.1f} MB, {len(bad)} bad rows")
        for label in ("first run (creates)", "second run (no changes)"):
            started = time.monotonic()
            result = subprocess.run(
                [*manage, "import_gias", str(csv_path), "-v", "0"],
                env=env,
                capture_output=True,
                text=True,
                check=True,
            )
            seconds = time.monotonic() - started
            peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            print(f"{label}: {seconds:.1f} s wall, peak RSS so far {peak_mb:.0f} MB")
            print("   ", result.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    main()
