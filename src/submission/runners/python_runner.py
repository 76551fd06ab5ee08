"""spikegrade's Python runner: serves one student simulator (.py or .ipynb) to the grader.

Started by spikegrade as `python3 -I -B python_runner.py CONFIG_JSON`, never by hand. The
grader talks to it over file descriptor 3 in frames (4-byte big-endian length, then UTF-8
JSON), so whatever the student prints on stdout or stderr only reaches the student's log.

Order matters: the resource limits and the guard are in place before any student code runs.
"""

import array
import base64
import builtins
import errno
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
# A numpy array of floats goes as its little-endian float64 bytes in base64 under this key, which
# spikegrade unpacks into the numbers JSON would have carried (non-finite ones as NON_FINITE_KEY
# markers): Python's JSON writes a float in some 2 microseconds, and a check's voltage traces are
# half a million of them. spikegrade sends long currents the same way (unpack_request).
PACKED_FLOATS_KEY = "$float64"
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
    return unpack_request(json.loads(body.decode("utf-8")))


def unpack_request(message):
    """The request's packed lists of floats ({PACKED_FLOATS_KEY: base64 of little-endian
    float64s}, which spikegrade sends for long currents) as the lists of floats JSON would give:
    a student's function sees what it always saw."""
    request = message.get("request") if isinstance(message, dict) else None
    if not isinstance(request, dict):
        return message
    for key, value in request.items():
        if isinstance(value, dict) and len(value) == 1 and isinstance(value.get(PACKED_FLOATS_KEY), str):
            floats = array.array("d", base64.b64decode(value[PACKED_FLOATS_KEY]))
            if sys.byteorder != "little":
                floats.byteswap()
            request[key] = floats.tolist()
    return message


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


def student_line(error, folder):
    """Where in the student's own code an error was raised: "simulator.py line 12", "simulator.ipynb
    cell 4 line 2", or None when no frame of the traceback is theirs."""
    root = os.path.realpath(folder)
    found = None
    tb = error.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if " cell " in filename and not os.path.isabs(filename):
            found = f"{filename} line {tb.tb_lineno}"
        else:
            real = os.path.realpath(filename)
            if real.startswith(root + os.sep):
                found = f"{os.path.relpath(real, root)} line {tb.tb_lineno}"
        tb = tb.tb_next
    return found


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


# --- confinement -------------------------------------------------------------------------------
#
# Kernel-enforced, so that ctypes cannot undo it: Landlock (Linux 5.13 and later) limits which
# files may be read and written, TCP, and signals to processes outside the simulator; a seccomp
# filter refuses new processes, exec, ptrace and Internet sockets. Both stay for the life of the
# process and its threads. Where the kernel lacks one, the runner says so in the log and the
# grader's report, and the guard above remains.

LANDLOCK_CREATE_RULESET = 444
LANDLOCK_ADD_RULE = 445
LANDLOCK_RESTRICT_SELF = 446
LANDLOCK_CREATE_RULESET_VERSION = 1
LANDLOCK_RULE_PATH_BENEATH = 1
PR_SET_NO_NEW_PRIVS = 38
PR_SET_SECCOMP = 22
SECCOMP_MODE_FILTER = 2

FS_EXECUTE = 1 << 0
FS_WRITE_FILE = 1 << 1
FS_READ_FILE = 1 << 2
FS_READ_DIR = 1 << 3
FS_TRUNCATE = 1 << 14
FS_IOCTL_DEV = 1 << 15
# Rights that make sense on a file (the others apply to folders only).
FILE_RIGHTS = FS_EXECUTE | FS_WRITE_FILE | FS_READ_FILE | FS_TRUNCATE | FS_IOCTL_DEV
READ_RIGHTS = FS_EXECUTE | FS_READ_FILE | FS_READ_DIR


def landlock_fs_rights(abi):
    """Every file-system right the kernel's Landlock version knows."""
    rights = (1 << 13) - 1  # version 1: execute .. make_sym
    if abi >= 2:
        rights |= 1 << 13  # refer
    if abi >= 3:
        rights |= FS_TRUNCATE
    if abi >= 5:
        rights |= FS_IOCTL_DEV
    return rights


def readable_paths(config):
    """What a simulator may read: its folder, spikegrade's runners, the interpreter's own
    modules and packages, the shared libraries they load, and a few files of the system."""
    import sysconfig

    paths = [config["folder"], os.path.dirname(os.path.abspath(__file__)), config["standIns"]]
    paths += [entry for entry in sys.path if entry]
    paths += config.get("extraPaths", [])
    multiarch = sysconfig.get_config_var("MULTIARCH") or ""
    for base in ("/lib", "/usr/lib", "/usr/local/lib"):
        if multiarch:
            paths.append(os.path.join(base, multiarch))
    libdir = sysconfig.get_config_var("LIBDIR")
    if libdir:
        paths.append(libdir)
    paths += [
        "/lib64",
        "/usr/lib64",
        "/etc/ld.so.cache",
        "/etc/alternatives",
        "/etc/localtime",
        "/usr/share/zoneinfo",
        "/proc/self",
        "/proc/cpuinfo",
        "/sys/devices/system/cpu",
        "/dev/null",
        "/dev/zero",
        "/dev/urandom",
    ]
    return paths


def apply_landlock(libc, config):
    """Returns the Landlock version applied, or the reason none was."""
    import ctypes

    syscall = libc.syscall
    syscall.restype = ctypes.c_long
    abi = syscall(LANDLOCK_CREATE_RULESET, None, ctypes.c_size_t(0), ctypes.c_uint32(LANDLOCK_CREATE_RULESET_VERSION))
    if abi < 0:
        return None, f"no Landlock in this kernel ({os.strerror(ctypes.get_errno())})"

    class RulesetAttr(ctypes.Structure):
        _fields_ = [("fs", ctypes.c_uint64), ("net", ctypes.c_uint64), ("scoped", ctypes.c_uint64)]

    class PathBeneath(ctypes.Structure):
        _pack_ = 1
        _fields_ = [("allowed", ctypes.c_uint64), ("parent_fd", ctypes.c_int32)]

    handled = landlock_fs_rights(abi)
    attr = RulesetAttr(handled, 0, 0)
    size = 8
    if abi >= 4:
        attr.net = 1 | 2  # bind and connect TCP: no rule allows either
        size = 16
    if abi >= 6:
        attr.scoped = 1 | 2  # abstract unix sockets and signals outside the domain
        size = 24
    ruleset = syscall(LANDLOCK_CREATE_RULESET, ctypes.byref(attr), ctypes.c_size_t(size), ctypes.c_uint32(0))
    if ruleset < 0:
        return None, f"Landlock refused a ruleset ({os.strerror(ctypes.get_errno())})"
    try:
        def allow(path, rights):
            try:
                fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
            except OSError:
                return  # not on this machine
            try:
                if not os.path.isdir(path):
                    rights &= FILE_RIGHTS
                rule = PathBeneath(rights & handled, fd)
                syscall(LANDLOCK_ADD_RULE, ctypes.c_int(ruleset), ctypes.c_int(LANDLOCK_RULE_PATH_BENEATH), ctypes.byref(rule), ctypes.c_uint32(0))
            finally:
                os.close(fd)

        for path in readable_paths(config):
            allow(path, READ_RIGHTS)
        for device in ("/dev/null", "/dev/zero"):
            allow(device, FS_READ_FILE | FS_WRITE_FILE)
        allow(config["writableRoot"], handled & ~FS_EXECUTE)
        if syscall(LANDLOCK_RESTRICT_SELF, ctypes.c_int(ruleset), ctypes.c_uint32(0)) < 0:
            return None, f"Landlock could not be applied ({os.strerror(ctypes.get_errno())})"
    finally:
        os.close(ruleset)
    return abi, None


# (architecture, {name: number}) of the syscalls the filter refuses, per audit architecture.
SECCOMP_ARCHES = {
    "x86_64": (0xC000003E, {"fork": 57, "vfork": 58, "execve": 59, "clone": 56, "execveat": 322, "clone3": 435, "ptrace": 101, "process_vm_readv": 310, "process_vm_writev": 311, "socket": 41}),
    "aarch64": (0xC00000B7, {"execve": 221, "clone": 220, "execveat": 281, "clone3": 435, "ptrace": 117, "process_vm_readv": 270, "process_vm_writev": 271, "socket": 198}),
}
CLONE_THREAD = 0x00010000
AF_INET, AF_INET6, AF_NETLINK, AF_PACKET = 2, 10, 16, 17
EPERM, ENOSYS = 1, 38


def seccomp_program(arch):
    """The filter as (code, jt, jf, k) instructions: refuse other processes, exec, ptrace and
    Internet sockets; threads (clone with CLONE_THREAD) are allowed."""
    audit_arch, numbers = SECCOMP_ARCHES[arch]
    ld_w_abs, jeq, jset, ret = 0x20, 0x15, 0x45, 0x06
    allow, deny, no_clone3 = 0x7FFF0000, 0x00050000 | EPERM, 0x00050000 | ENOSYS
    kill = 0x80000000
    refused = [numbers[name] for name in ("fork", "vfork", "execve", "execveat", "ptrace", "process_vm_readv", "process_vm_writev") if name in numbers]
    program = [(ld_w_abs, 0, 0, 4), (jeq, 1, 0, audit_arch), (ret, 0, 0, kill), (ld_w_abs, 0, 0, 0)]
    if arch == "x86_64":
        # x32 system calls (a second numbering) are refused outright.
        program += [(0x35, 0, 1, 0x40000000), (ret, 0, 0, deny)]  # jge
    for number in refused:
        program += [(jeq, 0, 1, number), (ret, 0, 0, deny)]
    program += [(jeq, 0, 1, numbers["clone3"]), (ret, 0, 0, no_clone3)]
    # clone: allowed only for a thread (flags are the first argument, its low word at 16).
    program += [(jeq, 0, 4, numbers["clone"]), (ld_w_abs, 0, 0, 16), (jset, 1, 0, CLONE_THREAD), (ret, 0, 0, deny), (ret, 0, 0, allow)]
    # socket: no Internet, netlink or raw packet sockets (the domain is the first argument).
    program += [(jeq, 0, 6, numbers["socket"]), (ld_w_abs, 0, 0, 16)]
    program += [(jeq, 3, 0, AF_INET), (jeq, 2, 0, AF_INET6), (jeq, 1, 0, AF_NETLINK), (jeq, 0, 1, AF_PACKET), (ret, 0, 0, deny)]
    program += [(ret, 0, 0, allow)]
    return program


def apply_seccomp(libc):
    """Returns None when the filter is in place, or the reason it is not."""
    import ctypes
    import platform

    arch = platform.machine()
    if arch not in SECCOMP_ARCHES:
        return f"no seccomp filter for {arch}"
    program = seccomp_program(arch)

    class Instruction(ctypes.Structure):
        _fields_ = [("code", ctypes.c_uint16), ("jt", ctypes.c_uint8), ("jf", ctypes.c_uint8), ("k", ctypes.c_uint32)]

    class Program(ctypes.Structure):
        _fields_ = [("len", ctypes.c_uint16), ("filter", ctypes.POINTER(Instruction))]

    instructions = (Instruction * len(program))(*[Instruction(*i) for i in program])
    fprog = Program(len(program), instructions)
    if libc.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.byref(fprog), 0, 0) != 0:
        return f"no seccomp filter ({os.strerror(ctypes.get_errno())})"
    return None


def confine(config):
    """Landlock and seccomp before any student code; returns what was applied, for the report."""
    import ctypes

    if not sys.platform.startswith("linux"):
        # Landlock, seccomp and prctl are Linux's: elsewhere (macOS) the audit hook and the
        # resource limits are what there is.
        note(f"kernel confinement unavailable: {sys.platform} is not Linux")
        return []
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl  # noqa: B018  (a C library without prctl is not one to confine with)
    except (OSError, AttributeError) as error:
        note(f"kernel confinement unavailable: {error}")
        return []
    if libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        note(f"kernel confinement unavailable: no_new_privs refused ({os.strerror(ctypes.get_errno())})")
        return []
    applied = []
    abi, why = apply_landlock(libc, config)
    if abi is None:
        note(why)
    else:
        applied.append(f"Landlock v{abi}")
    why = apply_seccomp(libc)
    if why is None:
        applied.append("seccomp")
    else:
        note(why)
    return applied


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
            if value.dtype in (np.float64, np.float32) and value.ndim >= 1:
                if value.ndim > 1:
                    return list(value)
                packed = value.astype("<f8").tobytes()
                return {PACKED_FLOATS_KEY: base64.b64encode(packed).decode("ascii")}
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
    """(cell number counted from 1 over all cells, source) of each code cell to run, by the contract's
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
            failed.append((number, f"{type(error).__name__}: {cell_error(error)}"))
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


def source_only_loader():
    import importlib.machinery as machinery

    class SourceOnly(machinery.SourceFileLoader):
        """Compiles from the source every time: -B stops Python writing bytecode, not reading
        it, and a .pyc shipped in __pycache__ would run code that is in no file a grader reads."""

        def get_data(self, path):
            if path.endswith(tuple(machinery.BYTECODE_SUFFIXES)):
                raise OSError("spikegrade never reads a submission's bytecode")
            return super().get_data(path)

    return SourceOnly


def no_submission_bytecode(folder):
    """Modules under the submission folder load from .py sources only: no .pyc (in
    __pycache__ or alone) and no compiled extension modules."""
    import importlib.machinery as machinery

    root = os.path.realpath(folder)
    source_only = machinery.FileFinder.path_hook((source_only_loader(), machinery.SOURCE_SUFFIXES))

    def hook(path):
        real = os.path.realpath(path or os.getcwd())
        if real == root or real.startswith(root + os.sep):
            return source_only(path)
        raise ImportError("not under the submission folder")

    sys.path_hooks.insert(0, hook)
    sys.path_importer_cache.clear()


def load_module(path, display_name):
    import importlib.util

    stem = os.path.splitext(os.path.basename(path))[0]
    name = stem if stem.isidentifier() and stem not in sys.modules else "spikegrade_submission"
    spec = importlib.util.spec_from_file_location(name, path, loader=source_only_loader()(name, path))
    if spec is None or spec.loader is None:
        raise ImportError(f"{display_name} cannot be imported")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return vars(module)


READ_ONLY_HINT = (
    "; the submission's folder is read-only while spikegrade checks it: write scratch files "
    "under tempfile.gettempdir() (the TMPDIR spikegrade gives each simulator), or not at all"
)


def cell_error(error):
    """An error of a notebook cell in one short line, for the checklist beside the cell's number."""
    text = " ".join(str(error).split())
    return text if len(text) <= 160 else text[:160] + "..."


def short(error):
    text = str(error)
    text = text if len(text) <= 500 else text[:500] + "..."
    if isinstance(error, OSError) and error.errno == errno.EROFS:
        text += READ_ONLY_HINT
    return text


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
        return None, [], {"kind": "memory", "message": memory_message(config, f"while loading {display_name}", error)}
    except Exception as error:
        print_traceback(error)
        line = student_line(error, config["folder"])
        at = f" at {line}" if line else ""
        message = (
            f"Python raised {type(error).__name__} while loading {display_name}{at}: {short(error)}"
            " (traceback in the log)"
        )
        return None, [], {"kind": "load", "message": message}
    problems = []
    for python_name in PYTHON_NAMES.values():
        value = namespace.get(python_name)
        if value is None:
            # makeStimulus, MakeStimulus, makestimulus: the name as another language spells it.
            key = python_name.replace("_", "")
            near = [n for n in namespace if n.replace("_", "").lower() == key and callable(namespace[n])]
            hint = f" (it defines {near[0]}: in Python the name is {python_name})" if near else ""
            problems.append(f"does not define {python_name}{hint}")
        elif not callable(value):
            problems.append(f"defines {python_name} as a {type(value).__name__}, not a function")
    if problems:
        message = f"{display_name} " + " and ".join(problems)
        if failed_cells:
            cells = ", ".join(f"{n} ({why})" for n, why in failed_cells)
            message += f" (cells that raised: {cells}; tracebacks in the log)"
        return None, failed_cells, {"kind": "load", "message": message}
    functions = {name: namespace[python_name] for name, python_name in PYTHON_NAMES.items()}
    return functions, failed_cells, None


def serve(config, functions):
    while True:
        request = read_frame()
        if request is None:
            return
        call_id = request.get("id")
        name = request.get("fn")
        python_name = PYTHON_NAMES.get(name, str(name))
        if name == "ping":
            # The grader's first question after "loaded": proof that the runner itself came
            # through loading (a student's own frame on fd 3 cannot stand in for it).
            send({"type": "result", "id": call_id, "ok": True, "value": "pong"})
            continue
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
            line = student_line(error, config["folder"])
            at = f" at {line}" if line else ""
            message = f"Python raised {type(error).__name__} in {python_name}{at}: {short(error)} (traceback in the log)"
            send({"type": "result", "id": call_id, "ok": False, "kind": "exception", "message": message})
            continue
        flush_output()
        write_frame(payload.encode("utf-8"))


def main():
    config = json.loads(sys.argv[1])
    # One pipe for both streams, so the log keeps the order in which things were printed.
    os.dup2(1, 2)
    set_limits(config)
    confinement = confine(config)
    install_guard(config["writableRoot"])
    import faulthandler

    faulthandler.enable(file=sys.stderr)
    sys.stdout.reconfigure(line_buffering=True)
    sys.argv = [config["entry"]]
    for extra in config.get("extraPaths", []):
        if extra not in sys.path:
            sys.path.append(extra)
    sys.path.insert(0, config["folder"])
    no_submission_bytecode(config["folder"])
    plots_off(config["standIns"])
    started = time.monotonic()
    functions, failed_cells, failure = load(config)
    if failure is not None:
        send({"type": "loaded", "ok": False, **failure})
        return
    loaded = {"type": "loaded", "ok": True, "ms": (time.monotonic() - started) * 1000, "confinement": confinement}
    if failed_cells:
        loaded["failedCells"] = [n for n, _ in failed_cells]
        loaded["cellErrors"] = [why for _, why in failed_cells]
    send(loaded)
    serve(config, functions)


if __name__ == "__main__":
    main()
