"""The stand-in's pyplot: every function takes any arguments and draws nothing. subplots and
subplot_mosaic give back a figure and axes shaped as matplotlib's, so that they unpack."""

from matplotlib import rcParams
from matplotlib._inert import Inert, attribute, axes_grid, axes_mosaic


def subplots(nrows=1, ncols=1, **options):
    return Inert(), axes_grid(nrows, ncols, **options)


def subplot_mosaic(mosaic, **options):
    return Inert(), axes_mosaic(mosaic)


# Every other name (plot, figure, show, savefig...): see _inert.attribute.
__getattr__ = attribute

# What `from matplotlib.pyplot import *` brings in.
__all__ = [
    "annotate", "axhline", "axhspan", "axis", "axvline", "axvspan", "bar", "barh", "boxplot",
    "cla", "clf", "close", "cm", "colorbar", "contour", "contourf", "draw", "errorbar",
    "eventplot", "figlegend", "figure", "fill_between", "gca", "gcf", "get_cmap", "grid",
    "hist", "imshow", "ioff", "ion", "legend", "loglog", "matshow", "pause", "pcolormesh", "pie",
    "plot", "psd", "rc", "rcParams", "savefig", "scatter", "semilogx", "semilogy", "show",
    "specgram", "stem", "step", "style", "subplot", "subplot_mosaic", "subplots",
    "subplots_adjust", "suptitle", "text", "tight_layout", "title", "twinx", "twiny", "xlabel",
    "xlim", "xscale", "xticks", "ylabel", "ylim", "yscale", "yticks",
]
