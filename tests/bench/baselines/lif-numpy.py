"""The numpy baseline of the kernel benchmark (tests/bench/kernel.ts): the reference LIF for the
default options (exact integration, interpolated spike times), vectorised over trials as a careful
numpy user writes it: one array operation per step for all trials, the normals drawn by numpy's
Generator (PCG64 and its ziggurat) in blocks of steps.

usage: python3 lif-numpy.py CURRENT_FILE DT_MS TRIALS SEED REPEATS CALLS NEURON_JSON
Each repeat times CALLS whole simulations. Prints one JSON line: the CPU ns per neuron-step of each
repeat and the spike count of each trial.
"""

import json
import sys
import time

import numpy as np


def simulate(current, dt, trials, seed, neuron):
    tau, sd, th, reset = neuron["tauMs"], neuron["noiseSdMv"], neuron["thresholdMv"], neuron["resetMv"]
    rng = np.random.default_rng(seed)
    v_inf = neuron["restMv"] + neuron["resistanceMOhm"] * 1e-3 * current
    step_decay = np.exp(-dt / tau)
    step_noise = sd * np.sqrt(1 - np.exp(-2 * dt / tau))
    v = np.full(trials, float(neuron["initialMv"]))
    until = np.full(trials, -np.inf)
    spike_trials, spike_times = [], []
    block = max(1, 65536 // trials)
    for i0 in range(0, current.size, block):
        z_block = rng.standard_normal((min(block, current.size - i0), trials))
        for j, z in enumerate(z_block):
            i = i0 + j
            t0, t1 = i * dt, (i + 1) * dt
            held = until >= t1
            partial = (until > t0) & ~held
            if partial.any():
                h = np.where(partial, t1 - until, dt)
                a = np.exp(-h / tau)
                s = sd * np.sqrt(1 - np.exp(-2 * h / tau))
                v_start = np.where(partial, reset, v)
                start = np.where(partial, until, t0)
            else:
                a, s, v_start, start = step_decay, step_noise, v, None
            v_end = v_inf[i] + (v_start - v_inf[i]) * a + s * z
            crossed = (v_end >= th) & ~held
            if crossed.any():
                k = np.flatnonzero(crossed)
                before = v_start[k]
                fraction = np.where(before >= th, 0.0, (th - before) / (v_end[k] - before))
                begin = t0 if start is None else start[k]
                t = begin + fraction * (t1 - begin)
                spike_trials.append(k)
                spike_times.append(t)
                until[k] = t + neuron["refractoryMs"]
                v_end[k] = reset
            v_end[held] = reset
            v = v_end
    if not spike_trials:
        return np.zeros(trials, dtype=int), np.zeros(0)
    return np.bincount(np.concatenate(spike_trials), minlength=trials), np.concatenate(spike_times)


def main():
    path, dt, trials, seed, repeats, calls, neuron = sys.argv[1:8]
    current = np.fromfile(path, dtype="<f8")
    dt, trials, seed, neuron = float(dt), int(trials), int(seed), json.loads(neuron)
    ns, counts = [], None
    for _ in range(int(repeats)):
        started = time.process_time()
        for _ in range(int(calls)):
            counts, _times = simulate(current, dt, trials, seed, neuron)
        ns.append((time.process_time() - started) * 1e9 / (current.size * trials * int(calls)))
    print(json.dumps({"ns": ns, "counts": [int(c) for c in counts]}))


if __name__ == "__main__":
    main()
