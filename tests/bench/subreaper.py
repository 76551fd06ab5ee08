"""Runs a command as a Linux child subreaper and writes the CPU time of its whole tree.

Usage: python3 subreaper.py OUT.json COMMAND [ARG...]

A process whose parent ended before it (a sandbox's init killed with its group, a simulator
stopped by signal) is handed to the nearest subreaper instead of to the machine's init: this one.
It is waited for here, so its CPU time counts in RUSAGE_CHILDREN with the rest of the tree, which
a benchmark that only waits for its own child undercounts. OUT gets {"code", "wallMs" (the
command's, from its start to its exit), "cpuMs", "orphansLeft"}; the exit status is the command's.
"""

import ctypes
import json
import os
import resource
import subprocess
import sys
import time

PR_SET_CHILD_SUBREAPER = 36

out, command = sys.argv[1], sys.argv[2:]
libc = ctypes.CDLL(None, use_errno=True)
if libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
    sys.exit(f"subreaper.py: prctl failed ({os.strerror(ctypes.get_errno())})")
# The command's own wall time, without this script's start (python3 may be a pyenv shim).
started = time.monotonic()
code = subprocess.Popen(command).wait()
wall_ms = (time.monotonic() - started) * 1000
# Orphans handed over meanwhile, until none is left (at most a minute: a leaked process that
# never ends must not hang the benchmark; its CPU so far is then lost, and the file says so).
deadline = time.monotonic() + 60
left = False
while True:
    try:
        pid, _ = os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        break
    if pid == 0:
        if time.monotonic() > deadline:
            left = True
            break
        time.sleep(0.05)
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
with open(out, "w", encoding="utf-8") as f:
    cpu_ms = (usage.ru_utime + usage.ru_stime) * 1000
    json.dump({"code": code, "wallMs": wall_ms, "cpuMs": cpu_ms, "orphansLeft": left}, f)
sys.exit(code if code >= 0 else 128 - code)
