"""spikegrade's Python runner: serves one student simulator (.py or .ipynb) to the grader.

Started by spikegrade as `python3 -I -B python_runner.py CONFIG_JSON`, never by hand. The
grader talks to it over file descriptor 3 in frames (4-byte big-endian length, then UTF-8
JSON), so whatever the student prints on stdout or stderr only reaches the student's log.

Order matters: the resource limits and the guard are in place before any student code runs.
"""

import builtins
import json
import linecache
import math
import os
import re
import signal
import struct
import sys
import time
import traceback

CHANNEL_FD = 3
NON_FINITE_KEY = "$nonFinite"
PYTHON_NAMES = {"makeStimulus": "make_stimulus", "simulateNeuron": "simulate_neuron"}
MAX_FRAME_BYTES = 256 * 1024 * 1024


# --- the channel -------------------------------------------------------------------------------


def read_exactly(count):
    chunks = []
    while count > 0:
        chunk = os.read(CHANNEL_FD, min(count, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        count -= len(chunk)
    return b"".join(chunks)


def read_frame():
    header = read_exactly(4)
    if header is None:
        return None
    (length,) = struct.unpack(">I", header)
    if length > MAX_FRAME_BYTES:
        raise ValueError(f"request frame of {length} bytes is too large")
    body = read_exactly(length)
    if body is None:
        return None
    return json.loads(body.decode("utf-8"))


def write_frame(payload_bytes):
    view = memoryview(struct.pack(">I", len(payload_bytes)) + payload_bytes)
    while view:
        written = os.write(CHANNEL_FD, view)
        view = view[written:]


def send(message):
    # Flush the student's output first so the log reads in order with the calls.
    flush_output()
    write_frame(json.dumps(message, separators=(",", ":"), allow_nan=False).encode("utf-8"))


def flush_output():
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:
            pass


def note(text):
    """A line of spikegrade's own in the student's log (stderr)."""
    try:
        sys.stderr.write(f"[spikegrade] {text}\n")
        sys.stderr.flush()
    except Exception:
        pass


def print_traceback(error):
    """The traceback of an error in student code, without the runner's and importlib's frames."""
    tb = error.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename != __file__ and not filename.startswith("<frozen "):
            break
        tb = tb.tb_next
    traceback.print_exception(type(error), error, tb, file=sys.stderr)


# --- limits and guard --------------------------------------------------------------------------


def set_limits(config):
    import resource

    def limit(which, soft, hard=None):
        try:
            resource.setrlimit(which, (soft, soft if hard is None else hard))
        except (ValueError, OSError) as error:
            note(f"could not set resource limit {which}: {error}")

    limit(resource.RLIMIT_AS, config["memoryBytes"])
    limit(resource.RLIMIT_CPU, config["cpuSeconds"], config["cpuSeconds"] + 5)
    limit(resource.RLIMIT_FSIZE, config["fileBytes"])
    limit(resource.RLIMIT_CORE, 0)
    # No new processes or threads (root is exempt from this one: the guard below covers it).
    limit(resource.RLIMIT_NPROC, 0)
    # Past RLIMIT_FSIZE a write should fail with an error the student sees, not kill silently.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)


SPAWN_EVENTS = {
    "os.system",
    "os.exec",
    "os.posix_spawn",
    "os.spawn",
    "os.fork",
    "os.forkpty",
    "subprocess.Popen",
    "pty.spawn",
}
NETWORK_EVENTS = {"socket.connect", "socket.bind", "socket.sendto", "socket.sendmsg"}
# Event -> indexes of the arguments that name a path being changed.
PATH_CHANGE_EVENTS = {
    "os.remove": (0,),
    "os.rmdir": (0,),
    "os.mkdir": (0,),
    "os.rename": (0, 1),
    "os.link": (1,),
    "os.symlink": (1,),
    "os.chmod": (0,),
    "os.chown": (0,),
    "os.truncate": (0,),
    "os.utime": (0,),
}


def install_guard(writable_root):
    """An audit hook that refuses new processes, network connections and writes outside the
    private temporary folder. A tripwire for ordinary code (ctypes can get around it), not the
    sandbox: that is bubblewrap's job where it exists."""
    root = os.path.realpath(writable_root)
    write_flags = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
    busy = [False]

    def inside(path):
        if isinstance(path, int):
            return True  # an already open descriptor
        try:
            real = os.path.realpath(os.fsdecode(os.fspath(path)))
        except (TypeError, ValueError):
            return False
        return real == root or real.startswith(root + os.sep)

    def refuse_path(path):
        raise PermissionError(
            f"spikegrade: writing {os.fsdecode(os.fspath(path))!r} is not allowed;"
            f" a simulator may write only under {root}"
        )

    def hook(event, args):
        if busy[0]:
            return
        if event == "open":
            path, mode, flags = args
            writing = any(c in mode for c in "wax+") if mode is not None else flags & write_flags
            if writing and not inside(path):
                busy[0] = True
                try:
                    refuse_path(path)
                finally:
                    busy[0] = False
        elif event in PATH_CHANGE_EVENTS:
            busy[0] = True
            try:
                for index in PATH_CHANGE_EVENTS[event]:
                    if index < len(args) and args[index] is not None and not inside(args[index]):
                        refuse_path(args[index])
            finally:
                busy[0] = False
        elif event in SPAWN_EVENTS:
            raise PermissionError(f"spikegrade: a simulator may not start other processes ({event})")
        elif event in NETWORK_EVENTS:
            raise PermissionError(f"spikegrade: a simulator may not use the network ({event})")

    sys.addaudithook(hook)


# --- encoding responses ------------------------------------------------------------------------


class Unencodable(Exception):
    def __init__(self, path, type_name):
        super().__init__(f"{path or 'the response'} is a {type_name}, which JSON cannot carry")


def numpy_module():
    return sys.modules.get("numpy")


def fast_default(value):
    np = numpy_module()
    if np is not None:
        if isinstance(value, np.ndarray):
            return value.tolist()
        if isinstance(value, np.generic):
            return value.item()
    raise TypeError(type(value).__name__)


def marker(number):
    if math.isnan(number):
        return {NON_FINITE_KEY: "NaN"}
    return {NON_FINITE_KEY: "Infinity" if number > 0 else "-Infinity"}


def plain(value, path):
    """value as plain JSON data: numpy arrays and scalars to lists and numbers, non-finite
    numbers to markers. Raises Unencodable naming the first path JSON cannot carry."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else marker(value)
    np = numpy_module()
    if np is not None:
        if isinstance(value, np.ndarray):
            return plain(value.tolist(), path)
        if isinstance(value, np.generic):
            return plain(value.item(), path)
    if isinstance(value, dict):
        result = {}
        for key, item in value.items():
            if not isinstance(key, (str, int, float, bool)) and key is not None:
                raise Unencodable(f"{path}{{{key!r}}}", f"key of type {type(key).__name__}")
            result[str(key)] = plain(item, f"{path}.{key}" if path else str(key))
        return result
    if isinstance(value, (list, tuple)):
        return [plain(item, f"{path}[{index}]") for index, item in enumerate(value)]
    raise Unencodable(path, type(value).__name__)


def encode_result(call_id, value):
    message = {"type": "result", "id": call_id, "ok": True, "value": value}
    try:
        return json.dumps(message, separators=(",", ":"), allow_nan=False, default=fast_default)
    except (ValueError, TypeError, RecursionError):
        # Non-finite numbers, unusual types or a cycle: the slow walk says which and where.
        try:
            message["value"] = plain(value, "")
        except RecursionError:
            raise Unencodable("", "structure that contains itself (or is nested too deeply)") from None
        return json.dumps(message, separators=(",", ":"), allow_nan=False)


# --- notebooks ---------------------------------------------------------------------------------

MAGIC_ASSIGNMENT = re.compile(r"^[A-Za-z_][\w.]*\s*=\s*[%!]")
HELP_LINE = re.compile(r"^(\?{1,2}[A-Za-z_][\w.]*|[A-Za-z_][\w.]*\?{1,2})$")


def is_magic(stripped):
    return (
        stripped.startswith(("%", "!", "?"))
        or MAGIC_ASSIGNMENT.match(stripped) is not None
        or HELP_LINE.match(stripped) is not None
    )


def scan_line(line, depth, quote):
    """Python's lexical state after line: bracket depth, the open string quote (or None), and
    whether a backslash continues the line. Enough to know where logical lines start."""
    i = 0
    n = len(line)
    while i < n:
        c = line[i]
        if quote is not None:
            if c == "\\":
                i += 2
                continue
            if line.startswith(quote, i):
                i += len(quote)
                quote = None
                continue
            i += 1
            continue
        if c == "#":
            return depth, None, False
        if c in "\"'":
            quote = line[i : i + 3] if line.startswith(c * 3, i) else c
            i += len(quote)
            continue
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth = max(0, depth - 1)
        i += 1
    continued = line.endswith("\\") and not line.endswith("\\\\")
    if quote is not None and len(quote) == 1 and not continued:
        quote = None  # an unterminated one-line string: a syntax error Python will report
    return depth, quote, continued


def strip_magics(source):
    """The cell's source with IPython-only lines (%magic, !shell, ?help, x = !cmd) blanked out
    where a logical line starts; line numbers are kept so tracebacks point at the notebook."""
    out = []
    depth, quote, continued = 0, None, False
    in_magic = False
    previous_code = ""
    for line in source.split("\n"):
        if in_magic:
            out.append("")
            in_magic = line.rstrip().endswith("\\")
            continue
        stripped = line.strip()
        if depth == 0 and quote is None and not continued and is_magic(stripped):
            # A magic that was a block's only statement still needs a statement there.
            indent = line[: len(line) - len(line.lstrip())]
            out.append(indent + "pass" if previous_code.endswith(":") else "")
            in_magic = line.rstrip().endswith("\\")
            continue
        out.append(line)
        if stripped and not stripped.startswith("#"):
            previous_code = stripped.split("#")[0].rstrip()
        depth, quote, continued = scan_line(line.rstrip("\r"), depth, quote)
    return "\n".join(out)


def cell_source(cell):
    source = cell.get("source", cell.get("input", ""))
    return "".join(source) if isinstance(source, list) else str(source)


def cell_tags(cell):
    tags = (cell.get("metadata") or {}).get("tags") or []
    return tags if isinstance(tags, list) else []


def notebook_code(notebook):
    """(cell number counted from 1 over all cells, source) of each code cell to run, by SPEC's
    rule: only tagged cells where any code cell has the tag 'spikegrade', else every one.
    The source is None for a cell that starts with a %% cell magic: it is skipped whole."""
    cells = notebook.get("cells")
    if cells is None:  # nbformat 3
        cells = [c for sheet in notebook.get("worksheets", []) for c in sheet.get("cells", [])]
    numbered = [(i + 1, c) for i, c in enumerate(cells) if c.get("cell_type") == "code"]
    if any("spikegrade" in cell_tags(c) for _, c in numbered):
        numbered = [(i, c) for i, c in numbered if "spikegrade" in cell_tags(c)]
    chosen = []
    for number, cell in numbered:
        source = cell_source(cell)
        # None marks a cell skipped whole for its %% cell magic.
        chosen.append((number, None if source.lstrip().startswith("%%") else strip_magics(source)))
    return chosen


class IPythonStub:
    """get_ipython() for notebooks run outside Jupyter: every method does nothing."""

    def __getattr__(self, name):
        return lambda *args, **kwargs: None


def display(*objects, **options):
    for item in objects:
        print(repr(item) if not isinstance(item, str) else item)


def patch_numpy_for_course_notebooks():
    import importlib.util

    if importlib.util.find_spec("numpy") is None:
        return
    import numpy

    if not hasattr(numpy, "lookfor"):

        def lookfor(*args, **kwargs):
            note("np.lookfor is gone from numpy 2; the call was skipped")

        numpy.lookfor = lookfor


def run_notebook(path, display_name):
    with open(path, encoding="utf-8") as handle:
        notebook = json.load(handle)
    if not isinstance(notebook, dict):
        raise ValueError(f"{display_name} is not a Jupyter notebook")
    patch_numpy_for_course_notebooks()
    namespace = {
        "__name__": "__main__",
        "__builtins__": builtins,
        "display": display,
        "get_ipython": IPythonStub,
    }
    failed = []
    for number, source in notebook_code(notebook):
        if source is None:
            note(f"cell {number} starts with a %% cell magic: skipped")
            continue
        filename = f"{display_name} cell {number}"
        linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
        try:
            exec(compile(source, filename, "exec"), namespace)
        except (Exception, SystemExit) as error:
            if isinstance(error, MemoryError):
                raise
            failed.append(number)
            note(f"cell {number} raised {type(error).__name__}: {error} (the run goes on)")
            print_traceback(error)
    return namespace, failed


# --- plots off ---------------------------------------------------------------------------------


def do_nothing(*args, **kwargs):
    return None


def keep_agg(matplotlib):
    """Agg draws into memory only; a student's matplotlib.use("TkAgg") would need a display."""
    matplotlib.use("Agg")
    matplotlib.use = do_nothing


def quiet_pyplot(pyplot):
    pyplot.show = do_nothing


def quiet_figures(figure):
    """fig.savefig and plt.savefig (which calls it) write nothing: the submission folder is
    read-only, and a figure saved at import would otherwise stop the module from loading."""
    figure_class = getattr(figure, "Figure", None)
    if isinstance(figure_class, type):
        figure_class.savefig = do_nothing
        figure_class.show = do_nothing


# Module -> what is switched off in it once it has loaded.
PLOTS_OFF = {
    "matplotlib": keep_agg,
    "matplotlib.pyplot": quiet_pyplot,
    "matplotlib.figure": quiet_figures,
}


class SwitchOffAfterLoading:
    """A loader that runs the module's own loader, then switches its drawing off."""

    def __init__(self, loader, switch_off):
        self.loader = loader
        self.switch_off = switch_off

    def create_module(self, spec):
        return self.loader.create_module(spec)

    def exec_module(self, module):
        self.loader.exec_module(module)
        try:
            self.switch_off(module)
        except Exception as error:
            note(f"plots could not be switched off in {module.__name__}: {error}")

    def __getattr__(self, name):
        return getattr(self.loader, name)


class PlotsOff:
    """First on sys.meta_path: matplotlib (the real one, or a stand-in) loads only when the
    student imports it, as it would anywhere, and is then switched off (see PLOTS_OFF)."""

    def find_spec(self, name, path=None, target=None):
        switch_off = PLOTS_OFF.get(name)
        if switch_off is None:
            return None
        for finder in sys.meta_path[sys.meta_path.index(self) + 1 :]:
            find_spec = getattr(finder, "find_spec", None)
            spec = find_spec(name, path, target) if find_spec is not None else None
            if spec is not None:
                if hasattr(spec.loader, "exec_module"):
                    spec.loader = SwitchOffAfterLoading(spec.loader, switch_off)
                return spec
        return None


def plots_off(stand_ins):
    """Plotting calls work and draw nothing: real matplotlib where this Python has it, else
    spikegrade's stand-in, last on the import path so that nothing else is shadowed."""
    import importlib.util

    sys.meta_path.insert(0, PlotsOff())
    if importlib.util.find_spec("matplotlib") is None:
        sys.path.append(stand_ins)


# --- loading and serving -----------------------------------------------------------------------


def load_module(path, display_name):
    import importlib.util

    stem = os.path.splitext(os.path.basename(path))[0]
    name = stem if stem.isidentifier() and stem not in sys.modules else "spikegrade_submission"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"{display_name} cannot be imported")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return vars(module)


def short(error):
    text = str(error)
    return text if len(text) <= 500 else text[:500] + "..."


def memory_message(config, where, error):
    limit = config["memoryBytes"] // (1024 * 1024)
    detail = f" ({short(error)})" if str(error) else ""
    return f"MemoryError: the simulator went over its {limit} MiB memory limit {where}{detail}"


def load(config):
    display_name = config["display"]
    failed_cells = []
    try:
        if config["language"] == "notebook":
            namespace, failed_cells = run_notebook(config["entry"], display_name)
        else:
            namespace = load_module(config["entry"], display_name)
    except MemoryError as error:
        print_traceback(error)
        return None, {"kind": "memory", "message": memory_message(config, f"while loading {display_name}", error)}
    except Exception as error:
        print_traceback(error)
        message = (
            f"Python raised {type(error).__name__} while loading {display_name}: {short(error)}"
            " (traceback in the log)"
        )
        return None, {"kind": "load", "message": message}
    problems = []
    for python_name in PYTHON_NAMES.values():
        value = namespace.get(python_name)
        if value is None:
            problems.append(f"does not define {python_name}")
        elif not callable(value):
            problems.append(f"defines {python_name} as a {type(value).__name__}, not a function")
    if problems:
        message = f"{display_name} " + " and ".join(problems)
        if failed_cells:
            cells = ", ".join(str(n) for n in failed_cells)
            message += f" (cells that raised: {cells}; see the log)"
        return None, {"kind": "load", "message": message}
    return {name: namespace[python_name] for name, python_name in PYTHON_NAMES.items()}, None


def serve(config, functions):
    while True:
        request = read_frame()
        if request is None:
            return
        call_id = request.get("id")
        name = request.get("fn")
        python_name = PYTHON_NAMES.get(name, str(name))
        function = functions.get(name)
        if function is None:
            send({"type": "result", "id": call_id, "ok": False, "kind": "protocol", "message": f"unknown function {name}"})
            continue
        try:
            value = function(request.get("request"))
            payload = encode_result(call_id, value)
        except MemoryError as error:
            print_traceback(error)
            message = memory_message(config, f"in {python_name}", error)
            send({"type": "result", "id": call_id, "ok": False, "kind": "memory", "message": message})
            continue
        except Unencodable as error:
            message = f"{python_name} returned a value that is not JSON: {error}"
            send({"type": "result", "id": call_id, "ok": False, "kind": "protocol", "message": message})
            continue
        except Exception as error:
            note(f"{python_name} raised:")
            print_traceback(error)
            message = f"Python raised {type(error).__name__} in {python_name}: {short(error)} (traceback in the log)"
            send({"type": "result", "id": call_id, "ok": False, "kind": "exception", "message": message})
            continue
        flush_output()
        write_frame(payload.encode("utf-8"))


def main():
    config = json.loads(sys.argv[1])
    # One pipe for both streams, so the log keeps the order in which things were printed.
    os.dup2(1, 2)
    set_limits(config)
    install_guard(config["writableRoot"])
    import faulthandler

    faulthandler.enable(file=sys.stderr)
    sys.stdout.reconfigure(line_buffering=True)
    sys.argv = [config["entry"]]
    for extra in config.get("extraPaths", []):
        if extra not in sys.path:
            sys.path.append(extra)
    sys.path.insert(0, config["folder"])
    plots_off(config["standIns"])
    started = time.monotonic()
    functions, failure = load(config)
    if failure is not None:
        send({"type": "loaded", "ok": False, **failure})
        return
    send({"type": "loaded", "ok": True, "ms": (time.monotonic() - started) * 1000})
    serve(config, functions)


if __name__ == "__main__":
    main()
