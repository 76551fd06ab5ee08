"""Our reproduction of Mainen & Sejnowski (1995), Figure 1, with a leaky integrate-and-fire neuron.

spikegrade calls the two functions below, each with one request (a dict) and expecting one
response (a dict; lists or numpy arrays inside are fine). Replace each `raise` with your code,
then run `spikegrade check` in this folder to see which checks pass.

Units everywhere: time in ms, current in pA, potential in mV, resistance in MOhm.
Careful: 1 MOhm x 1 pA = 1 uV, so R * I must be multiplied by 1e-3 to be in mV.

You may use the standard library, numpy and scipy. matplotlib may be imported and called too,
but spikegrade keeps plots off: nothing is drawn, shown or saved when it runs this file.
"""

import numpy as np  # noqa: F401  (you will need it)


def make_stimulus(request):
    """The input current of one panel, in pA, one sample per time step.

    request is either a constant step (Figure 1A):
        {"kind": "step", "dtMs": 0.5, "durationMs": 1000, "onsetMs": 50, "offsetMs": 950,
         "meanPa": 150}
    or a frozen Ornstein-Uhlenbeck current (Figure 1B):
        {"kind": "ou", "dtMs": 0.5, "durationMs": 1000, "onsetMs": 50, "offsetMs": 950,
         "meanPa": 150, "sdPa": 100, "tauMs": 3, "seed": 2021}

    return {"currentPa": [...]}: round(durationMs / dtMs) values. Sample i covers
    [i * dtMs, (i + 1) * dtMs); it is 0 pA outside [onsetMs, offsetMs). The OU current has mean
    meanPa, SD sdPa and autocorrelation exp(-|lag| / tauMs), and the same seed must give the
    same current every time (seed a generator with it: np.random.RandomState(seed)).
    """
    raise NotImplementedError(
        "TODO: write make_stimulus in simulator.py: return {'currentPa': [...]} with"
        " round(durationMs / dtMs) samples, meanPa (kind 'step') or an Ornstein-Uhlenbeck current"
        " seeded by request['seed'] (kind 'ou') inside [onsetMs, offsetMs), 0 pA outside"
    )


def simulate_neuron(request):
    """Several trials of one LIF neuron driven by the same current.

    request:
        {"dtMs": 0.5, "currentPa": [...], "trials": 25, "seed": 7, "recordVoltage": 10,
         "neuron": {"tauMs": 30, "resistanceMOhm": 130, "restMv": -70, "thresholdMv": -53,
                    "resetMv": -80, "refractoryMs": 2, "initialMv": -70, "noiseSdMv": 0.2}}

    Each step, with xi a fresh standard normal for every step of every trial:
        dV = [-(V - restMv) + resistanceMOhm * 1e-3 * I] * dt / tauMs
             + noiseSdMv * sqrt(2 * dt / tauMs) * xi
    When V reaches thresholdMv, record a spike, set V to resetMv and hold it there for
    refractoryMs. The same seed must give the same trials.

    return {"spikeTimesMs": [[...], ...],   one ascending list of spike times (ms) per trial
            "voltageMv": [[...], ...]}      V of the first recordVoltage trials, one value per
                                            sample of currentPa (optional, but the report
                                            draws it)
    """
    raise NotImplementedError(
        "TODO: write simulate_neuron in simulator.py: simulate request['trials'] leaky"
        " integrate-and-fire trials on request['currentPa'] with intrinsic noise seeded by"
        " request['seed'], and return {'spikeTimesMs': [[...] per trial],"
        " 'voltageMv': [[...] for the first recordVoltage trials]}"
    )
