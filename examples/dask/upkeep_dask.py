#!/usr/bin/python3
"""upkeep_dask.py: review or inspect over event logs on a Dask cluster.

usage: upkeep_dask.py [--scheduler ADDRESS | --workers N] [--blocksize SIZE]
                      COMMAND [OPTIONS] FILE...

The FILEs (names or globs) are cut into blocks at line ends by
dask.bytes.read_bytes; the header line of a CSV or TSV file is put back
at the top of every block but its first.  On the cluster's workers each
block is piped into COMMAND OPTIONS --emit-state - -, and the states come
back in block order (files in the order given, blocks in file order), so
that they are time-contiguous for inspect.  The merge runs here:
COMMAND OPTIONS --from-state ... writes its result to standard output (or
-o), exactly as one run of COMMAND over the FILEs would, "inputs"
included (one row a file, its rows and rejected rows summed over its
blocks).

--scheduler ADDRESS  an existing cluster (tcp://host:8786); the workers
                     need COMMAND at the same path, and the files of
                     OPTIONS (--accounts) at the same paths
--workers N          start a LocalCluster of N worker processes on
                     127.0.0.1 (default: one a core)
--blocksize SIZE     bytes a block, e.g. 64MiB (default), 100MB; 0: one
                     block a file

A block is a run of whole lines: a CSV field that spans lines must not
be cut (use --blocksize 0 for such files).  Rejected rows are counted in
the result; their messages come from the blocks' runs, lines counted
from the top of the block (its header line 1).  JSON arrays and
--rejects, --state, --emit-state, --from-state and -j are refused.
Needs Debian's python3-distributed (dask, distributed) for /usr/bin/python3.
"""
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile

USAGE = ("usage: upkeep_dask.py [--scheduler ADDRESS | --workers N] "
         "[--blocksize SIZE] COMMAND [OPTIONS] FILE...")
PROG = "upkeep_dask.py"

# What the block runs leave to the merging run (man review, man inspect:
# --emit-state, --from-state, SHARDS).
MERGE_ONLY = {
    "review": {"-f", "--format", "-o", "--output", "--rows", "--features",
               "--survey", "--scale", "--previous"},
    "inspect": {"-f", "--format", "-o", "--output", "-q", "--quiet",
                "--fail-on", "-a", "--accounts", "-p", "--projects"},
}
REFUSED = {"--rejects", "--state", "--emit-state", "--from-state", "-j",
           "--jobs", "--renotify"}
# The variables a command reads: given to the block runs as here.
ENV_KEPT = ("TZ", "TZDIR", "SOURCE_DATE_EPOCH", "LC_ALL", "LANG", "NO_COLOR")


def die(msg, status=2):
    sys.stderr.write("%s: %s\n" % (PROG, msg))
    sys.exit(status)


def valued_options(command):
    """The options of COMMAND that take a value, from its --help: lines
    "  -f, --format FMT  ..." or "      --map COL=HEADER,..."."""
    try:
        out = subprocess.run([command, "--help"], capture_output=True,
                             text=True, check=False).stdout
    except OSError as e:
        die("%s: %s" % (command, e.strerror))
    takes = set()
    for line in out.splitlines():
        if not line.startswith("  ") or not line.lstrip().startswith("-"):
            continue
        words = line.split()
        names = []
        for k, w in enumerate(words):
            if w.startswith("-"):
                names.append(w.rstrip(","))
                continue
            if w[:1].isupper():	# the metavariable
                takes.update(names)
            break
    return takes


def split_args(argv, takes):
    """OPTIONS as (name, words) pairs, and the FILE operands."""
    opts, files, i = [], [], 0
    while i < len(argv):
        a = argv[i]
        if a == "--":
            files.extend(argv[i + 1:])
            break
        if a.startswith("-") and a != "-":
            if a.startswith("--"):
                name = a.split("=", 1)[0]
                joined = "=" in a
            else:
                name = a[:2]	# -f json, -fjson
                joined = len(a) > 2
            if name in takes and not joined:
                if i + 1 >= len(argv):
                    die("%s: needs a value" % a)
                opts.append((name, [a, argv[i + 1]]))
                i += 2
                continue
            opts.append((name, [a]))
        else:
            files.append(a)
        i += 1
    return opts, files


def parse_size(text):
    from dask.utils import parse_bytes
    try:
        n = parse_bytes(text)
    except (ValueError, TypeError):
        die("--blocksize: \"%s\" is not a size such as 64MiB" % text)
    if n < 0:
        die("--blocksize: \"%s\" is not a size such as 64MiB" % text)
    return n or None


def header_of(path, forced):
    """The header line (bytes, with its line end) to put back on the
    blocks of path, or b"" when its format has none."""
    with open(path, "rb") as f:
        first = f.readline()
    fmt = forced
    if fmt in (None, "auto"):
        ext = os.path.splitext(path)[1].lower().lstrip(".")
        fmt = {"csv": "csv", "tsv": "tsv", "tab": "tsv", "json": "json",
               "ndjson": "ndjson", "jsonl": "ndjson"}.get(ext)
    if fmt is None:
        s = first.lstrip()
        if s[:1] == b"[":
            fmt = "json"
        elif s[:1] == b"{":
            fmt = "ndjson"
        elif b" [" in first and b"] \"" in first:
            fmt = "clf"
        else:
            fmt = "csv"
    if fmt == "json":
        die("%s: a JSON array cannot be cut into blocks (NDJSON can)" % path)
    if fmt in ("csv", "tsv"):
        return first if first.endswith(b"\n") else first + b"\n"
    return b""


def run_block(argv, env, header, data, first):
    """On a worker: one block through COMMAND --emit-state - -."""
    import subprocess as sp
    if not first and header:
        data = header + data
    p = sp.run(argv + ["--emit-state", "-", "-"], input=data,
               capture_output=True, env=env, check=False)
    return p.returncode, p.stdout, p.stderr


def main(argv):
    scheduler, workers, blocksize = None, None, "64MiB"
    while argv and argv[0].startswith("--"):
        a = argv.pop(0)
        if a in ("-h", "--help"):
            sys.stdout.write(__doc__)
            return 0
        if a not in ("--scheduler", "--workers", "--blocksize") or not argv:
            die(USAGE)
        v = argv.pop(0)
        if a == "--scheduler":
            scheduler = v
        elif a == "--workers":
            if not v.isdigit() or int(v) < 1:
                die("--workers: expected a positive number, got \"%s\"" % v)
            workers = int(v)
        else:
            blocksize = v
    if scheduler and workers:
        die("--scheduler and --workers: give one of them")
    if not argv:
        die(USAGE)
    cmd = argv.pop(0)
    name = os.path.basename(cmd)
    if name not in MERGE_ONLY:
        die("COMMAND: review or inspect, not \"%s\"" % cmd)
    exe = cmd if "/" in cmd else shutil.which(cmd)
    if not exe:
        die("%s: not found on PATH" % cmd)
    exe = os.path.abspath(exe)
    opts, patterns = split_args(argv, valued_options(exe))
    for n, words in opts:
        if n in REFUSED:
            die("%s: not with %s" % (n, PROG))
    if not patterns:
        die("no FILE (standard input cannot be cut into blocks)")
    files = []
    for p in patterns:
        found = sorted(glob.glob(p)) if glob.has_magic(p) else [p]
        if not found:
            die("%s: no file matches" % p)
        files.extend(found)
    for f in files:
        if not os.path.isfile(f):
            die("%s: not a file" % f)
    forced = None
    for n, words in opts:
        if n == "--input-format":
            forced = words[-1].split("=", 1)[-1]
    size = parse_size(blocksize)
    block_opts = [w for n, ws in opts if n not in MERGE_ONLY[name] for w in ws]
    merge_opts = [w for n, ws in opts for w in ws]
    env = {k: os.environ[k] for k in ENV_KEPT if k in os.environ}
    env["PATH"] = os.environ.get("PATH", "/usr/bin:/bin")

    import dask
    from dask.bytes import read_bytes
    from distributed import Client, LocalCluster

    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1,
                               threads_per_worker=1, processes=True,
                               host="127.0.0.1", dashboard_address=None)
        client = Client(cluster)
    try:
        tasks, where = [], []
        for f in files:
            header = header_of(f, forced)
            _, blocks = read_bytes(f, delimiter=b"\n", blocksize=size,
                                   sample=False)
            for k, b in enumerate(blocks[0]):
                tasks.append(dask.delayed(run_block)(
                    [exe] + block_opts, env, header, b, k == 0))
                where.append((f, k))
        if os.environ.get("UPKEEP_DEBUG_JOBS"):
            sys.stderr.write("%s: %d blocks\n" % (PROG, len(tasks)))
        results = client.compute(tasks, sync=True)
    finally:
        client.close()
        if cluster:
            cluster.close()

    with tempfile.TemporaryDirectory(prefix="upkeep-dask.") as tmp:
        args, first_of = [], {}
        totals = {}
        states = []
        for (f, k), (rc, out, err) in zip(where, results):
            if err:
                sys.stderr.write("%s: %s, block %d:\n" % (PROG, f, k))
                sys.stderr.write(err.decode("utf-8", "replace"))
            if rc != 0:
                die("%s, block %d: %s exited with status %d" % (f, k, name, rc), rc)
            st = json.loads(out)
            rows = [r for r in st.get("inputs", []) if r.get("path") == "stdin"]
            t = totals.setdefault(f, {"path": f, "rows": 0, "rejected": 0})
            for r in rows:
                t["rows"] += r.get("rows", 0)
                t["rejected"] += r.get("rejected", 0)
            first_of.setdefault(f, len(states))
            states.append(st)
        # one row of "inputs" a file, on its first block's state
        for i, st in enumerate(states):
            st["inputs"] = []
        for f, i in first_of.items():
            states[i]["inputs"] = [totals[f]]
        for i, st in enumerate(states):
            path = os.path.join(tmp, "%06d.state" % i)
            with open(path, "w") as o:
                json.dump(st, o, separators=(",", ":"))
                o.write("\n")
            args += ["--from-state", path]
        p = subprocess.run([exe] + merge_opts + args, check=False)
        return p.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
