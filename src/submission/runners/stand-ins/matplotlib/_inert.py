"""What every name of spikegrade's stand-in matplotlib is: a value that accepts any use and draws
nothing. spikegrade puts this package on a submission's import path only where the Python that
runs it has no matplotlib, so that a simulator whose module or notebook also plots still loads.

Most calls give back another inert value; the few whose results students unpack or compute with
(subplots, plot, hist, get_xlim, ...) give back values of the shape matplotlib gives.
"""

import importlib.abc
import importlib.machinery
import types


def _is_dunder(name):
    return name.startswith("__") and name.endswith("__")


class Inert:
    """A figure, axes, artist, colormap, norm, style...: every attribute is one more Inert (or a
    method shaped like matplotlib's), every call returns an Inert, and it is an empty sequence,
    a mapping of Inerts and a context manager."""

    def __getattr__(self, name):
        return attribute(name)

    def __call__(self, *args, **kwargs):
        return Inert()

    def __getitem__(self, key):
        return Inert()

    def __setitem__(self, key, value):
        pass

    def __delitem__(self, key):
        pass

    def __iter__(self):
        return iter(())

    def __len__(self):
        return 0

    def __bool__(self):
        return True

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        return False

    def __repr__(self):
        return "<matplotlib stand-in: plots are off>"


class InertModule(types.ModuleType, Inert):
    """A submodule nobody wrote (matplotlib.colors, matplotlib.backends.backend_pdf...): a
    module that behaves as an Inert."""

    __repr__ = Inert.__repr__  # ModuleType's would come first


def attribute(name):
    """What an attribute of an Inert or a stand-in module is: a method shaped like matplotlib's
    where its result is unpacked or computed with, else an Inert (callable, so also a method)."""
    if _is_dunder(name):
        raise AttributeError(name)
    shaped = SHAPED.get(name)
    return shaped if shaped is not None else Inert()


def axes_grid(nrows=1, ncols=1, *, squeeze=True, **options):
    """Figure.subplots: an Axes, or a numpy array of them squeezed as matplotlib squeezes it, so
    that ax[0], ax[1, 0], ax.flat and unpacking work."""
    import numpy

    grid = numpy.empty((nrows, ncols), dtype=object)
    for index in numpy.ndindex(grid.shape):
        grid[index] = Inert()
    if not squeeze:
        return grid
    return grid.item() if grid.size == 1 else grid.squeeze()


class Mosaic(dict):
    """Figure.subplot_mosaic: one Axes per label of the layout, and one for any other label."""

    def __missing__(self, key):
        self[key] = Inert()
        return self[key]


def mosaic_labels(layout):
    if isinstance(layout, str):
        rows = layout.replace(";", "\n").split("\n")
        return [label for row in rows for label in row.strip() if label != "."]
    labels = []
    for item in layout if isinstance(layout, (list, tuple)) else ():
        if isinstance(item, (list, tuple)):
            labels.extend(mosaic_labels(item))
        elif item is not None and item != ".":
            labels.append(item)
    return labels


def axes_mosaic(layout, *args, **kwargs):
    return Mosaic((label, Inert()) for label in mosaic_labels(layout))


def _columns(data):
    """How many lines one (x, y) group of plot() draws: one per column of a 2-D y."""
    import numpy

    try:
        shape = numpy.shape(data)
    except ValueError:  # ragged
        return 1
    return shape[1] if len(shape) == 2 else 1


def plot_lines(*args, **kwargs):
    """plot(): one Line2D per line, grouped as matplotlib groups x, y and format arguments, so
    that `line, = ax.plot(t, v)` unpacks."""
    lines = 0
    while args:
        group, args = args[:2], args[2:]
        if args and isinstance(args[0], str):
            args = args[1:]
        data = [item for item in group if not isinstance(item, str)]
        if data:
            lines += _columns(data[-1])
    return [Inert() for _ in range(lines)]


def histogram(x, bins=None, range=None, density=False, weights=None, **kwargs):
    """hist(): the counts (as floats, like matplotlib's) and bin edges numpy computes, since
    students compute with them, and inert patches; inert values where x is not one data set of
    numbers."""
    import numpy

    try:
        data = numpy.asarray(x, dtype=float)
        if data.ndim != 1:
            raise ValueError("not one data set")
        counts, edges = numpy.histogram(
            data, bins=10 if bins is None else bins, range=range, density=density, weights=weights
        )
    except (TypeError, ValueError):
        return Inert(), Inert(), Inert()
    return counts.astype(float), edges, Inert()


def _inerts(count):
    return lambda *args, **kwargs: tuple(Inert() for _ in range(count))


def _limits(*args, **kwargs):
    return (0.0, 1.0)


def _pie(*args, autopct=None, **kwargs):
    return ([], [], []) if autopct is not None else ([], [])


SHAPED = {
    "subplots": axes_grid,
    "subplot_mosaic": axes_mosaic,
    "plot": plot_lines,
    "hist": histogram,
    "pie": _pie,
    "get_legend_handles_labels": lambda *args, **kwargs: ([], []),
    "axis": lambda *args, **kwargs: (0.0, 1.0, 0.0, 1.0),
    **{name: _limits for name in ("xlim", "ylim", "get_xlim", "get_ylim", "set_xlim", "set_ylim")},
    **{name: _inerts(2) for name in ("psd", "csd", "cohere")},
    **{name: _inerts(3) for name in ("errorbar", "stem", "magnitude_spectrum", "angle_spectrum",
                                     "phase_spectrum")},
    **{name: _inerts(4) for name in ("specgram", "xcorr", "acorr")},
}


class _Loader(importlib.abc.Loader):
    def create_module(self, spec):
        return InertModule(spec.name)

    def exec_module(self, module):
        pass


class SubmoduleFinder(importlib.abc.MetaPathFinder):
    """Finds every submodule of the stand-in that has no file of its own (matplotlib.cm,
    matplotlib.backends.backend_agg...). Last on sys.meta_path, so files come first."""

    def __init__(self, package):
        self.prefix = package + "."

    def find_spec(self, name, path=None, target=None):
        if not name.startswith(self.prefix):
            return None
        return importlib.machinery.ModuleSpec(name, _Loader(), is_package=True)
