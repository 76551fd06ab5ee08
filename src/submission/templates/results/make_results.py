"""Writes figure1.json: our Figure 1 data, for a results-only submission.

A results-only submission hands in the data of Figure 1 instead of a simulator: spikegrade runs
the Figure 1 checks on figure1.json and nothing else (the stimulus and neuron checks need a
simulator, so they do not apply and count for nothing). Run the canonical experiment with your
own code, in any language or tool, then write its output with this script:

    python3 make_results.py

and run `spikegrade check` in this folder. Replace the `raise` in run_panel with a call to your
simulation. Units everywhere: time in ms, current in pA, potential in mV.
"""

import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))

# The canonical experiment: keep these values.
WINDOW = {"dtMs": 0.5, "durationMs": 1000.0, "onsetMs": 50.0, "offsetMs": 950.0}
TRIALS = 25
NOISE_SEED = 7
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
VOLTAGE_TRACES = 10  # the paper draws 10 superimposed voltage traces per panel


def run_panel(name, stimulus):
    """One panel of Figure 1, as your simulation produced it.

    stimulus is STIMULI[name]. Return a dict:
        "currentPa":    the input current, round(durationMs / dtMs) samples (2000 at dt 0.5 ms);
        "spikeTimesMs": one list per trial (TRIALS of them), each trial's spike times in ms;
        "voltageMv":    the membrane potential of the first VOLTAGE_TRACES trials, one list of
                        2000 samples each (optional: leave the key out to hand in none).
    Lists or numpy arrays are fine.
    """
    raise NotImplementedError(
        f"TODO: make run_panel in make_results.py return panel {name}'s currentPa and"
        " spikeTimesMs (and voltageMv) from your simulation"
    )


def as_list(values):
    """Plain lists of floats, whatever run_panel returned (numpy arrays included)."""
    if len(values) > 0 and hasattr(values[0], "__len__"):
        return [as_list(v) for v in values]
    return [float(v) for v in values]


def panel(name):
    data = run_panel(name, STIMULI[name])
    out = {
        "currentPa": as_list(data["currentPa"]),
        "spikeTimesMs": [as_list(train) for train in data["spikeTimesMs"]],
    }
    if "voltageMv" in data:
        out["voltageMv"] = as_list(data["voltageMv"])
    return out


if __name__ == "__main__":
    results = {
        "protocol": "mainen-sejnowski-1995-figure1",
        **WINDOW,
        "panels": {"A": panel("A"), "B": panel("B")},
        "parameters": {
            "neuron": NEURON,
            "trials": TRIALS,
            "noiseSeed": NOISE_SEED,
            "stimuli": STIMULI,
        },
    }
    with open(os.path.join(HERE, "figure1.json"), "w") as handle:
        json.dump(results, handle, separators=(",", ":"))
        handle.write("\n")
    print("wrote figure1.json; now run: spikegrade check")
