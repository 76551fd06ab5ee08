"""Writes tests/numpy/vectors.json: what numpy's legacy np.random.RandomState(seed) draws.

src/model/rng.test.ts checks src/model/rng.ts against these numbers, and re-runs this script to
check that the committed file is what numpy gives.

    python3 tests/numpy/make_vectors.py [OUTPUT]   (default: vectors.json beside this script)

The file is written in Biome's JSON layout (number arrays packed to 100 columns), so that
`biome check` leaves it alone and a regeneration compares byte for byte.
"""

import json
import sys
from pathlib import Path

import numpy as np

SEEDS = [0, 1, 7, 2021, 123456789, 2**31 - 1, 2**32 - 1]
SKIPPED_NORMALS = 100_001  # odd, so the first normal after the skip is numpy's cached one
LINE_WIDTH = 100


def raw_uint32(rs, count):
    """Raw MT19937 outputs: over the full range, randint takes exactly one output per value."""
    before = rs.get_state()[2]  # position in the 624-word state; 624 means "regenerate first"
    values = rs.randint(0, 2**32, size=count, dtype=np.uint32)
    taken = (rs.get_state()[2] - before) % 624
    assert taken == count % 624, "randint did not take one output per value"
    return [int(v) for v in values]


def interleaved(seed):
    """The cached second Gaussian must survive the other calls, as it does in numpy."""
    rs = np.random.RandomState(seed)
    draws = []
    for op in ["normal", "double", "normal", "uint32", "normal", "normal", "double"] * 4:
        if op == "normal":
            value = float(rs.standard_normal())
        elif op == "double":
            value = float(rs.random_sample())
        else:
            value = raw_uint32(rs, 1)[0]
        draws.append({"op": op, "value": value})
    return draws


def vectors_for(seed):
    rs = np.random.RandomState(seed)
    after_skip = np.random.RandomState(seed)
    after_skip.standard_normal(SKIPPED_NORMALS)
    return {
        "seed": seed,
        "uint32": raw_uint32(np.random.RandomState(seed), 20),
        "randomDouble": np.random.RandomState(seed).random_sample(10).tolist(),
        "standardNormal": rs.standard_normal(1000).tolist(),
        "standardNormalAfterSkip": after_skip.standard_normal(6).tolist(),
    }


def dump(value, column, indent, trailing):
    """Biome's JSON layout: objects expanded, number arrays on one line or packed to the width."""
    pad = " " * indent
    if isinstance(value, dict):
        items = list(value.items())
        lines = []
        for k, (key, item) in enumerate(items):
            comma = "," if k < len(items) - 1 else ""
            head = f"{pad}  {json.dumps(key)}: "
            lines.append(head + dump(item, len(head), indent + 2, len(comma)) + comma)
        return "{\n" + "\n".join(lines) + "\n" + pad + "}"
    if isinstance(value, list) and all(isinstance(x, dict) for x in value):
        lines = [f"{pad}  " + dump(x, indent + 2, indent + 2, 1) for x in value]
        return "[\n" + ",\n".join(lines) + "\n" + pad + "]"
    if isinstance(value, list):
        texts = [json.dumps(x) for x in value]
        flat = "[" + ", ".join(texts) + "]"
        if column + len(flat) + trailing <= LINE_WIDTH:
            return flat
        lines, line = [], ""
        for k, text in enumerate(texts):
            item = text + ("," if k < len(texts) - 1 else "")
            if line and indent + 2 + len(line) + 1 + len(item) <= LINE_WIDTH:
                line += " " + item
            else:
                if line:
                    lines.append(line)
                line = item
        lines.append(line)
        return "[\n" + "\n".join(f"{pad}  {x}" for x in lines) + "\n" + pad + "]"
    return json.dumps(value)


def main():
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("vectors.json")
    data = {
        "description": "np.random.RandomState(seed): uint32 = randint(0, 2**32, dtype=np.uint32), "
        "randomDouble = random_sample(), standardNormal = standard_normal(), each from a fresh "
        f"RandomState; standardNormalAfterSkip follows standard_normal({SKIPPED_NORMALS}). "
        "Written by tests/numpy/make_vectors.py.",
        "skippedNormals": SKIPPED_NORMALS,
        "seeds": [vectors_for(seed) for seed in SEEDS],
        "interleaved": {"seed": 2021, "draws": interleaved(2021)},
    }
    out.write_text(dump(data, 0, 0, 0) + "\n")


if __name__ == "__main__":
    main()
