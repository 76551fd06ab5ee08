"""Mainen & Sejnowski (1995), Figure 1, with a leaky integrate-and-fire (LIF) neuron.

Team example-python. Two functions, as the assignment asks:

  make_stimulus(request)   -> {"currentPa": [...]}                      the input current
  simulate_neuron(request) -> {"spikeTimesMs": [[...], ...], "voltageMv": [[...], ...]}

Units everywhere: time in ms, current in pA, potential in mV, resistance in MOhm.
Because 1 MOhm x 1 pA = 1 uV, R * I must be multiplied by 1e-3 to come out in mV
(130 MOhm x 150 pA = 19.5 mV).

Only numpy is used. Run this file directly for a quick look at Figure 1's numbers.
"""

import numpy as np


# --- helpers ----------------------------------------------------------------------------------


def round_half_up(x):
    """Rounds to the nearest integer, halves upward (Python's round() sends 2.5 to 2)."""
    return int(np.floor(x + 0.5))


def sample_count(duration_ms, dt_ms):
    """Sample i of a trace covers [i*dt, (i+1)*dt), so a trace has round(duration / dt) samples."""
    return round_half_up(duration_ms / dt_ms)


def stimulus_window(request, n):
    """Boolean mask of the samples that are "on": round(onset/dt) <= i < round(offset/dt)."""
    dt = request["dtMs"]
    first = round_half_up(request["onsetMs"] / dt)
    last = round_half_up(request["offsetMs"] / dt)  # first sample that is off again
    i = np.arange(n)
    return (i >= first) & (i < last)


# --- the input current ------------------------------------------------------------------------


def ornstein_uhlenbeck(n, dt_ms, mean_pa, sd_pa, tau_ms, seed):
    """A frozen Ornstein-Uhlenbeck current, in pA.

    Stationary mean mean_pa, stationary SD sd_pa and autocorrelation exp(-|lag| / tau_ms).
    We use the exact update of the OU process over one step (no Euler error, whatever dt):

      x[0] = mean + sd * z[0]                                  (start in the stationary state)
      x[i] = mean + a * (x[i-1] - mean) + sd * sqrt(1 - a^2) * z[i],   a = exp(-dt / tau)

    The factor sqrt(1 - a^2) keeps the variance at sd^2 from step to step:
    a^2 sd^2 + (1 - a^2) sd^2 = sd^2.

    All the random numbers come from one generator seeded with `seed`, so the same seed gives
    the same ("frozen") current in every run, on every machine.
    """
    z = np.random.RandomState(seed).standard_normal(n).tolist()
    a = float(np.exp(-dt_ms / tau_ms))
    kick = float(sd_pa * np.sqrt(1.0 - a * a))
    # A recursion cannot be vectorised, and a Python loop over plain floats is several times
    # faster than one that reads and writes numpy arrays element by element.
    x = [mean_pa + sd_pa * z[0]]
    for i in range(1, n):
        x.append(mean_pa + a * (x[i - 1] - mean_pa) + kick * z[i])
    return np.array(x)


def make_stimulus(request):
    """The current of Figure 1: a constant step (panel A) or a frozen OU current (panel B).

    Either way it is 0 pA before onsetMs and from offsetMs on.
    """
    dt = request["dtMs"]
    n = sample_count(request["durationMs"], dt)
    if request["kind"] == "step":
        current = np.full(n, float(request["meanPa"]))
    elif request["kind"] == "ou":
        current = ornstein_uhlenbeck(
            n, dt, request["meanPa"], request["sdPa"], request["tauMs"], request["seed"]
        )
    else:
        raise ValueError(f"unknown stimulus kind {request['kind']!r}; expected 'step' or 'ou'")
    current[~stimulus_window(request, n)] = 0.0
    return {"currentPa": current}


# --- the neuron -------------------------------------------------------------------------------


def simulate_neuron(request):
    """All trials of one LIF neuron driven by the same current, with its own intrinsic noise.

    Forward Euler, one step of dt:

      V <- V + [-(V - restMv) + R * 1e-3 * I] * dt / tauMs + noiseSdMv * sqrt(2 dt / tauMs) * xi

    xi is a fresh standard normal for every step of every trial. With the sqrt(2 dt / tau)
    scaling, noiseSdMv is the SD of V that the noise alone causes at rest, whatever dt.

    A spike is reported at the end of the step in which V reaches threshold. V is then held at
    resetMv for round(refractoryMs / dt) steps before it integrates again.

    The trials are simulated one after another, each with plain Python floats: on one neuron,
    Python's own arithmetic is many times faster than numpy operations on tiny arrays.
    """
    dt = float(request["dtMs"])
    current = np.asarray(request["currentPa"], dtype=float).tolist()
    trials = int(request["trials"])
    neuron = request["neuron"]
    tau = neuron["tauMs"]
    rest = neuron["restMv"]
    threshold = neuron["thresholdMv"]
    reset = neuron["resetMv"]
    gain = neuron["resistanceMOhm"] * 1e-3  # MOhm * pA = uV, so * 1e-3 gives mV
    noise_per_step = neuron["noiseSdMv"] * np.sqrt(2.0 * dt / tau)
    refractory_steps = round_half_up(neuron["refractoryMs"] / dt)

    n = len(current)
    recorded = min(max(int(request.get("recordVoltage", 0)), 0), trials)

    # One generator per call, seeded by the request: the same seed gives the same trials.
    # Column k holds the noise of trial k, one value per step.
    xi = np.random.RandomState(request["seed"]).standard_normal((n, trials))

    spike_times = []
    voltage = []
    for k in range(trials):
        noise = (noise_per_step * xi[:, k]).tolist()
        v = float(neuron["initialMv"])
        steps_left = 0  # refractory steps still to sit out
        train = []
        trace = []
        for i in range(n):
            trace.append(v)  # V at time i * dt, before this step's update
            v = v + (-(v - rest) + gain * current[i]) * dt / tau + noise[i]
            if steps_left > 0:
                # Still refractory: clamped at reset, counting down.
                v = reset
                steps_left -= 1
            elif v >= threshold:
                # A threshold crossing: spike at the end of this step, reset, refractory period.
                train.append((i + 1) * dt)
                v = reset
                steps_left = refractory_steps
        spike_times.append(train)
        if k < recorded:
            voltage.append(trace)

    # As a numpy array, the traces travel to spikegrade as raw bytes rather than as JSON text.
    return {"spikeTimesMs": spike_times, "voltageMv": np.array(voltage).reshape(recorded, n)}


# --- a quick look when run as a script ----------------------------------------------------------

if __name__ == "__main__":
    neuron = {
        "tauMs": 30, "resistanceMOhm": 130, "restMv": -70, "thresholdMv": -53,
        "resetMv": -80, "refractoryMs": 2, "initialMv": -70, "noiseSdMv": 0.2,
    }
    window = {"dtMs": 0.5, "durationMs": 1000, "onsetMs": 50, "offsetMs": 950, "meanPa": 150}
    panels = {
        "A (step)": make_stimulus({"kind": "step", **window}),
        "B (frozen OU)": make_stimulus(
            {"kind": "ou", **window, "sdPa": 100, "tauMs": 3, "seed": 2021}
        ),
    }
    for name, stimulus in panels.items():
        result = simulate_neuron(
            {"dtMs": 0.5, "currentPa": stimulus["currentPa"], "trials": 25, "seed": 7,
             "recordVoltage": 0, "neuron": neuron}
        )
        counts = [len(train) for train in result["spikeTimesMs"]]
        print(f"panel {name}: {np.mean(counts) / 0.9:.1f} Hz, first spikes of trial 0:",
              result["spikeTimesMs"][0][:5])
