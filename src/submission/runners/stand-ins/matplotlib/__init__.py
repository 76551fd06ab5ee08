"""spikegrade's stand-in for matplotlib, on a submission's import path only where the Python
that runs it has no matplotlib: imports and plotting calls work and draw nothing, as the contract says
(plots are off). Where matplotlib is installed, the real one runs instead, with the Agg backend.

Every attribute of the package that is not defined here is a submodule (matplotlib.colors,
matplotlib.cm...), and every submodule without a file here is an inert one (see _inert).
"""

import importlib
import sys

from matplotlib._inert import SubmoduleFinder

__version__ = "0.0.0 (spikegrade's stand-in: plots are off)"

# The default color cycle, for the common rcParams["axes.prop_cycle"].by_key()["color"].
TAB10 = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
         "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]


class Cycler:
    """rcParams["axes.prop_cycle"]: the default colors."""

    def __init__(self, colors):
        self.colors = list(colors)

    def by_key(self):
        return {"color": list(self.colors)}

    def __iter__(self):
        return iter([{"color": color} for color in self.colors])

    def __len__(self):
        return len(self.colors)


class RcParams(dict):
    """matplotlib.rcParams: settings can be read and written; one never set reads as inert."""

    def __missing__(self, key):
        from matplotlib._inert import Inert

        return Inert()


rcParams = RcParams({
    "axes.prop_cycle": Cycler(TAB10),
    "backend": "agg",
    "figure.dpi": 100.0,
    "figure.figsize": [6.4, 4.8],
    "font.size": 10.0,
    "lines.linewidth": 1.5,
})
rcParamsDefault = RcParams(rcParams)


def use(backend, *args, **kwargs):
    pass


def get_backend():
    return "agg"


def is_interactive():
    return False


def __getattr__(name):
    if name.startswith("__") and name.endswith("__"):
        raise AttributeError(name)
    return importlib.import_module(f"{__name__}.{name}")


if not any(isinstance(finder, SubmoduleFinder) for finder in sys.meta_path):
    sys.meta_path.append(SubmoduleFinder(__name__))
