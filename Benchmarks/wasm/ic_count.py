#!/usr/bin/env python3
"""Counts what the Internet Computer would charge a benchmark module.

    python3 ic_count.py instrument IN.wasm OUT.wasm
    python3 ic_count.py run OUT.wasm [WORKLOAD ...] [--n ID=N ...]

`instrument` rewrites the module's text form (wabt's wasm2wat / wat2wasm):
every defined function adds to an exported i64 global `ic_instructions` the
IC's weight of each straight-line run of operators, charged before the next
operator that can branch, call, return or trap; `memory.copy`, `memory.fill`
and `memory.init` also add their byte count. Calls to the import
`bench.operation_done` (the benchmark's marker between operations) weigh 0.
The module's memory becomes an import, so that the host (ic0-host.wat, wasm
itself) can serve `ic0.stable64_*` without a round trip to Python.

`run` gives each workload a fresh instance and a fresh stable memory, calls
`setup_ID(n)` (not counted) and `run_ID()` (counted), and prints per operation
the weighted operators plus the system-API charges, the system calls, and
the 4 KiB pages newly dirtied per operation (each operation taken as one
message).
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

# The IC's operator weights (instruction_to_cost, 32-bit memories); any
# operator not listed weighs 1.
WEIGHTS = {
    "block": 0, "loop": 0, "else": 0, "end": 0,
    "call": 5, "call_indirect": 10, "return_call": 3, "return_call_indirect": 60,
    "if": 2, "br": 2, "br_if": 2, "br_table": 2,
    "global.get": 2, "global.set": 2, "table.get": 5, "table.set": 5,
    "memory.size": 20, "memory.grow": 300, "table.size": 100, "table.grow": 300,
    "memory.copy": 100, "memory.fill": 100, "memory.init": 100,
    "table.copy": 100, "table.fill": 100, "table.init": 100, "data.drop": 300, "elem.drop": 300,
    "ref.is_null": 5, "ref.func": 130,
    "f32.div": 3, "f64.div": 5, "f32.sqrt": 5, "f64.sqrt": 8,
    "f32.min": 18, "f32.max": 18, "f64.min": 18, "f64.max": 18, "f32.copysign": 2, "f64.copysign": 3,
}
for width in ("i32", "i64"):
    for op in ("div_s", "div_u", "rem_s", "rem_u"):
        WEIGHTS[f"{width}.{op}"] = 10
    for source in ("f32", "f64"):
        for sign in ("s", "u"):
            WEIGHTS[f"{width}.trunc_{source}_{sign}"] = 20
            WEIGHTS[f"{width}.trunc_sat_{source}_{sign}"] = 20
for width in ("f32", "f64"):
    for op in ("add", "sub", "mul", "ceil", "floor", "trunc", "nearest"):
        WEIGHTS[f"{width}.{op}"] = 2
    for op in ("eq", "ne", "lt", "gt", "le", "ge"):
        WEIGHTS[f"{width}.{op}"] = 3
    for source in ("i32", "i64"):
        WEIGHTS[f"{width}.convert_{source}_s"] = 3
        WEIGHTS[f"{width}.convert_{source}_u"] = 16

# Operators before which the pending weight is charged (control flow, calls, traps).
BOUNDARIES = {"block", "loop", "if", "else", "end", "br", "br_if", "br_table", "return", "call",
              "call_indirect", "return_call", "return_call_indirect", "unreachable", "throw", "rethrow",
              "try", "catch", "catch_all", "delegate"}
BULK = {"memory.copy", "memory.fill", "memory.init"}
COUNTER = "$ic_instructions"
SCRATCH = "$ic_bulk_length"
MARKER = ("bench", "operation_done")


def code_of(line):
    """The line without comments, stripped."""
    return re.sub(r"\(;.*?;\)", "", line).split(";;")[0].strip()


def charge(amount, indent):
    return (f"{indent}global.get {COUNTER}\n{indent}i64.const {amount}\n{indent}i64.add\n"
            f"{indent}global.set {COUNTER}\n") if amount else ""


def instrument_text(wat):
    lines = wat.splitlines(keepends=True)
    # Function imports come first in the function index space.
    marker_index = None
    function_imports = 0
    for line in lines:
        m = re.match(r'\s*\(import "([^"]*)" "([^"]*)" \(func', line)
        if m:
            if (m.group(1), m.group(2)) == MARKER:
                marker_index = function_imports
            function_imports += 1
    marker_name = None
    if marker_index is not None:
        m = re.match(r'\s*\(import "bench" "operation_done" \(func (\$\S+)', next(
            l for l in lines if '(import "bench" "operation_done"' in l))
        marker_name = m.group(1) if m else None
    marker_calls = {f"call {marker_index}"} | ({f"call {marker_name}"} if marker_name else set())

    out = []
    functions = 0
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        stripped = code_of(line)
        if not (line.startswith("  (func") and stripped.count("(") > stripped.count(")")):
            out.append(line)
            continue
        functions += 1
        out.append(line)
        while i < len(lines) and code_of(lines[i]).startswith("(local"):
            out.append(lines[i])
            i += 1
        out.append(f"    (local {SCRATCH} i32)\n")
        pending = 0
        while i < len(lines):
            raw = lines[i]
            i += 1
            code = code_of(raw)
            last = code.count(")") > code.count("(")
            if last:  # the function's closing parenthesis ends its last line
                raw = raw.rstrip()[:-1] + "\n"
                code = code_of(raw)
            indent = raw[: len(raw) - len(raw.lstrip())] or "    "
            op = code.split()[0] if code else None
            if op is None:
                out.append(raw)
            elif op in BOUNDARIES:
                weight = 0 if code in marker_calls else WEIGHTS.get(op, 1)
                out.append(charge(pending + weight, indent))
                pending = 0
                out.append(raw)
            elif op in BULK:
                out.append(charge(pending + WEIGHTS[op], indent))
                pending = 0
                out.append(f"{indent}local.tee {SCRATCH}\n{indent}global.get {COUNTER}\n{indent}local.get {SCRATCH}\n"
                           f"{indent}i64.extend_i32_u\n{indent}i64.add\n{indent}global.set {COUNTER}\n")
                out.append(raw)
            else:
                pending += WEIGHTS.get(op, 1)
                out.append(raw)
            if last:
                out.append(charge(pending, "    "))
                out.append("  )\n")
                break
    text = "".join(out).rstrip()
    assert text.endswith(")"), "unexpected end of the module text"
    text = text[:-1] + (f'\n  (global {COUNTER} (mut i64) (i64.const 0))'
                        f'\n  (export "ic_instructions" (global {COUNTER})))\n')
    return import_memory(text), functions


def import_memory(text):
    """Makes the module's memory 0 an import `host.memory` (after the other imports)."""
    lines = text.split("\n")
    found = [k for k, l in enumerate(lines) if re.match(r"^  \(memory (\$\S+ )?(\(;0;\) )?\d+( \d+)?\)$", l)]
    if len(found) != 1:
        raise SystemExit("ic_count: expected one defined memory")
    limits = re.match(r"^  \(memory (\$\S+ )?(\(;0;\) )?(\d+( \d+)?)\)$", lines[found[0]]).group(3)
    del lines[found[0]]
    last_import = max(k for k, l in enumerate(lines) if l.startswith("  (import "))
    lines.insert(last_import + 1, f'  (import "host" "memory" (memory (;0;) {limits}))')
    return "\n".join(lines)


def instrument(source, target):
    wat = subprocess.run(["wasm2wat", "--enable-all", source], check=True, capture_output=True, text=True).stdout
    text, functions = instrument_text(wat)
    with tempfile.TemporaryDirectory() as work:
        path = os.path.join(work, "counted.wat")
        with open(path, "w") as f:
            f.write(text)
        subprocess.run(["wat2wasm", "--enable-all", path, "-o", target], check=True)
    print(f"ic_count: {functions} functions instrumented -> {target}", file=sys.stderr)


# (id, N): WORKLOADS.md without the file workload, then the crate's canbench shape.
WORKLOADS = [
    ("btree_insert_u64", 100_000), ("btree_get_u64", 100_000), ("btree_remove_u64", 100_000),
    ("btree_insert_u64_mm", 100_000), ("btree_insert_blob32_blob128", 20_000),
    ("btree_get_blob32_blob128", 20_000), ("btree_insert_u64_blob1k", 10_000),
    ("btree_scan_u64", 100_000), ("btreeset_insert_u64", 100_000),
    ("vec_push_u64", 1_000_000), ("vec_get_u64", 1_000_000),
    ("log_append_blob100", 100_000), ("log_get_blob100", 100_000),
    ("minheap_push_pop_u64", 100_000), ("cell_set_blob1k", 100_000),
    ("canbench_insert_u64", 10_000), ("canbench_get_u64", 10_000), ("canbench_remove_u64", 10_000),
]
HOST_COUNTERS = ["charges", "reads", "writes", "sizes", "grows", "dirtied_pages"]


def run_workload(engine, module, host_module, workload, n):
    import wasmtime
    store = wasmtime.Store(engine)
    linker = wasmtime.Linker(engine)
    memory_type = next(i.type for i in module.imports if (i.module, i.name) == ("host", "memory"))
    memory = wasmtime.Memory(store, memory_type)
    linker.define(store, "host", "memory", memory)
    host = linker.instantiate(store, host_module).exports(store)
    for item in module.imports:
        if item.module == "host":
            continue
        if item.module == "ic0" and item.name.startswith("stable64_"):
            linker.define(store, "ic0", item.name, host[item.name])
        elif (item.module, item.name) == MARKER:
            linker.define(store, item.module, item.name, host["operation_done"])
        elif (item.module, item.name) == ("ic0", "trap"):
            def trap(caller, source, size):
                text = memory.read(caller, source, source + size).decode("utf-8", "replace")
                raise wasmtime.WasmtimeError("canister trapped: " + text)
            linker.define(store, "ic0", "trap", wasmtime.Func(store, item.type, trap, access_caller=True))
        else:
            raise SystemExit(f"ic_count: nothing serves the import {item.module}.{item.name}")
    exports = linker.instantiate(store, module).exports(store)
    if exports[f"setup_{workload}"](store, n) != n:
        raise SystemExit(f"ic_count: setup_{workload} failed")

    def snapshot():
        values = {name: host[name].value(store) for name in HOST_COUNTERS}
        values["ic"] = exports["ic_instructions"].value(store)
        return values

    before = snapshot()
    checksum = exports[f"run_{workload}"](store) & (1 << 64) - 1
    after = snapshot()
    delta = {name: after[name] - before[name] for name in after}
    return {
        "workload": workload, "n": n, "checksum": checksum,
        "ic_instructions_per_op": (delta["ic"] + delta["charges"]) / n,
        "system_calls_per_op": (delta["reads"] + delta["writes"] + delta["sizes"] + delta["grows"]) / n,
        "dirtied_pages_per_op": delta["dirtied_pages"] / n,
        "detail": delta,
    }


def run(path, workloads, sizes, verbose):
    import wasmtime
    config = wasmtime.Config()
    config.wasm_multi_memory = True
    config.wasm_bulk_memory = True
    engine = wasmtime.Engine(config)
    module = wasmtime.Module.from_file(engine, path)
    host_module = wasmtime.Module(engine, open(os.path.join(HERE, "ic0-host.wat")).read())
    for workload in workloads:
        r = run_workload(engine, module, host_module, workload, sizes[workload])
        line = (f"workload={workload} n={r['n']} ic_instructions_per_op={r['ic_instructions_per_op']:.1f} "
                f"system_calls_per_op={r['system_calls_per_op']:.2f} dirtied_pages_per_op={r['dirtied_pages_per_op']:.2f}")
        if verbose:
            d = r["detail"]
            line += (f" checksum={r['checksum']:#x} reads={d['reads'] / r['n']:.2f} writes={d['writes'] / r['n']:.2f}"
                     f" sizes={d['sizes'] / r['n']:.2f} grows={d['grows'] / r['n']:.4f} charges={d['charges'] / r['n']:.1f}")
        print(line, flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["instrument", "run", "list"])
    parser.add_argument("arguments", nargs="*")
    parser.add_argument("--n", action="append", default=[], metavar="ID=N", help="run workload ID with N operations")
    parser.add_argument("--verbose", action="store_true", help="also print the checksum and each system call's rate")
    options = parser.parse_args()
    if options.command == "list":
        print("\n".join(w for w, _ in WORKLOADS))
    elif options.command == "instrument":
        if len(options.arguments) != 2:
            raise SystemExit("usage: ic_count.py instrument IN.wasm OUT.wasm")
        instrument(*options.arguments)
    else:
        if not options.arguments:
            raise SystemExit("usage: ic_count.py run MODULE.wasm [WORKLOAD ...]")
        sizes = dict(WORKLOADS)
        for item in options.n:
            name, _, value = item.partition("=")
            sizes[name] = int(value)
        known = set(sizes)
        chosen = options.arguments[1:] or [w for w, _ in WORKLOADS]
        for workload in chosen:
            if workload not in known:
                raise SystemExit(f"ic_count: unknown workload {workload} (see `list`)")
        run(options.arguments[0], chosen, sizes, options.verbose)


if __name__ == "__main__":
    main()
