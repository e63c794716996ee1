#!/usr/bin/env python3
"""Interleaved A/B of hubble-kit commands: one untimed warm-up round, then ROUNDS rounds of every variant in turn.

Usage: bench/runner/ab.py ROUNDS 'LABEL|JAVA_OPTS|ARGS' ...
  JAVA_OPTS goes into HUBBLE_KIT_JAVA_OPTS (may be empty), ARGS to ./hubble-kit (shell words).
  The first variant is the baseline: every median is also given as a ratio to its median.
Example: bench/runner/ab.py 6 'help||--help' 'check||check' 'thp|-XX:+UseTransparentHugePages|check'
"""
import os
import shlex
import statistics
import subprocess
import sys
import time

kit = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "hubble-kit")
rounds = int(sys.argv[1])
variants = [v.split("|", 2) for v in sys.argv[2:]]
walls = {label: [] for label, _, _ in variants}
for round_ in range(rounds + 1):
    for label, opts, args in variants:
        env = dict(os.environ, HUBBLE_KIT_JAVA_OPTS=opts)
        began = time.monotonic()
        done = subprocess.run([kit] + shlex.split(args), env=env, capture_output=True, text=True)
        wall = time.monotonic() - began
        if round_ > 0:
            walls[label].append(wall)
        if done.returncode != 0:
            print(f"{label}: exit {done.returncode}: {done.stderr[-300:]}", file=sys.stderr)
base = statistics.median(walls[variants[0][0]])
for label, values in walls.items():
    median = statistics.median(values)
    print(f"{label:14s} median {median:.3f} s ({median / base:.2f} x)  runs {' '.join(f'{v:.2f}' for v in values)}")
