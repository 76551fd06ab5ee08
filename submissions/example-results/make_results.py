"""Writes figure1.json: our Figure 1 data, for a results-only submission.

We ran the simulator we wrote in the lab (../example-python/simulator.py) with the canonical
protocol of the assignment and saved what it produced. spikegrade grades figure1.json alone; this
script is here so anyone can regenerate it:

    python3 make_results.py

Units: ms, pA, mV. Numbers are rounded to 4 decimals to keep the file small.
"""

import json
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "example-python"))
sys.dont_write_bytecode = True  # leave no __pycache__ in the other folder
from simulator import make_stimulus, simulate_neuron  # noqa: E402  (our lab simulator)

DT_MS = 0.5
WINDOW = {"dtMs": DT_MS, "durationMs": 1000.0, "onsetMs": 50.0, "offsetMs": 950.0}
TRIALS = 25
NOISE_SEED = 7  # intrinsic noise: the same seed for both panels
NEURON = {
    "tauMs": 30.0,
    "resistanceMOhm": 130.0,
    "restMv": -70.0,
    "thresholdMv": -53.0,
    "resetMv": -80.0,
    "refractoryMs": 2.0,
    "initialMv": -70.0,
    "noiseSdMv": 0.2,
}
STIMULI = {
    "A": {"kind": "step", "meanPa": 150.0, **WINDOW},
    "B": {"kind": "ou", "meanPa": 150.0, "sdPa": 100.0, "tauMs": 3.0, "seed": 2021, **WINDOW},
}
VOLTAGE_TRACES = {"A": 10, "B": 0}  # the paper draws 10 superimposed traces for the step


def rounded(values):
    """A list (or list of lists) of floats rounded to 4 decimals."""
    return np.round(np.asarray(values, dtype=float), 4).tolist()


def panel(name):
    current = make_stimulus(STIMULI[name])["currentPa"]
    result = simulate_neuron(
        {
            "dtMs": DT_MS,
            "currentPa": current,
            "trials": TRIALS,
            "seed": NOISE_SEED,
            "recordVoltage": VOLTAGE_TRACES[name],
            "neuron": NEURON,
        }
    )
    data = {
        "currentPa": rounded(current),
        "spikeTimesMs": [rounded(train) for train in result["spikeTimesMs"]],
    }
    if VOLTAGE_TRACES[name] > 0:
        data["voltageMv"] = rounded(result["voltageMv"])
    return data


results = {
    "protocol": "mainen-sejnowski-1995-figure1",
    **WINDOW,
    "panels": {"A": panel("A"), "B": panel("B")},
    "parameters": {
        "neuron": NEURON,
        "trials": TRIALS,
        "noiseSeed": NOISE_SEED,
        "stimuli": STIMULI,
        "integration": "forward Euler, all trials at once (numpy)",
        "intrinsicNoise": "noiseSdMv * sqrt(2 dt / tauMs) * xi per step, xi from np.random.RandomState(noiseSeed)",
        "spikeTimes": "end of the step in which V reaches threshold",
        "refractory": "V held at resetMv for round(refractoryMs / dtMs) steps",
        "ouCurrent": "exact update, z = np.random.RandomState(seed).standard_normal(n)",
        "software": "Python 3 and numpy",
        "script": "make_results.py",
    },
}

with open(os.path.join(HERE, "figure1.json"), "w") as handle:
    json.dump(results, handle, separators=(",", ":"))
    handle.write("\n")
print("wrote figure1.json:", {name: sum(map(len, p["spikeTimesMs"])) for name, p in results["panels"].items()}, "spikes")
