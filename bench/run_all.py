"""Run every benchmark in bench/ and write bench/RESULTS.md (``make bench``)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

for script in sorted(HERE.glob("bench_*.py")):
    print(f"== {script.name}", flush=True)
    subprocess.run([sys.executable, str(script)], check=True, cwd=HERE.parent)
print(f"Results: {HERE / 'RESULTS.md'}")
