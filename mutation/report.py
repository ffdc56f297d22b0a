"""``make mutation``'s report: the score per module and every mutant the tests let live.

    python -m mutation.report [--min 90]

Reads what ``mutmut run`` left in ``mutants/`` (one ``<module>.py.meta`` per mutated file).
A mutant is caught when a test failed on it or it ran past its time limit (a mutant that
loops forever is as visible to a user as a wrong answer). Mutants listed in
``mutation/equivalent.toml`` behave exactly like the original, so no test could tell them
apart; they are left out of the score and listed with the reason. An entry names the
function and the changed line, not mutmut's number (which moves when the function is
edited); an entry that matches no surviving mutant is reported, so the list cannot hide
a real survivor by going stale.

Exit status 1 when a module scores below ``--min`` percent or a run was incomplete.
"""
from __future__ import annotations

import argparse
import json
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MUTANTS = ROOT / "mutants"
EQUIVALENT = Path(__file__).resolve().parent / "equivalent.toml"

#: mutmut's exit codes (mutmut.stats.status_by_exit_code), as this report counts them.
CAUGHT = {1: "killed", 3: "killed", 36: "timeout", -24: "timeout", 24: "timeout",
          152: "timeout", 255: "timeout", -11: "crashed", -9: "crashed"}
LIVED = {0: "survived", 5: "no test", 33: "no test", 35: "suspicious"}


@dataclass(frozen=True)
class Mutant:
    name: str  # mutmut's name, for `mutmut show NAME`
    module: str  # app.grading.plan
    function: str  # keyed_for, AttemptPlan.from_json
    status: str
    path: Path  # app/grading/plan.py


def function_of(name: str) -> tuple[str, str]:
    """(module, function) of a mutant name such as ``app.x.mod.xǁClassǁmethod__mutmut_3``."""
    module, _, mangled = name.rpartition(".")
    mangled = mangled.rsplit("__mutmut_", 1)[0]
    if mangled.startswith("x\u01c1"):
        return module, ".".join(mangled[2:].split("\u01c1"))
    return module, mangled[2:] if mangled.startswith("x_") else mangled


def read_mutants() -> list[Mutant]:
    found = []
    for meta in sorted(MUTANTS.rglob("*.py.meta")):
        path = meta.relative_to(MUTANTS).with_suffix("")
        codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        for name, code in sorted(codes.items()):
            if code in CAUGHT:
                status = CAUGHT[code]
            elif code in LIVED:
                status = LIVED[code]
            else:
                status = "not checked" if code is None else f"exit code {code}"
            module, function = function_of(name)
            found.append(Mutant(name, module, function, status, path))
    return found


def diff_of(mutant: Mutant) -> str:
    from mutmut.mutation.diff_apply import get_diff_for_mutant

    return get_diff_for_mutant(mutant.name, path=mutant.path)


def changed_lines(diff: str) -> str:
    """The mutated code: the diff's added lines, stripped and joined ("removed: ..." and the
    removed lines when the mutant only deletes)."""
    lines = diff.splitlines()
    added = [line[1:].strip() for line in lines
             if line.startswith("+") and not line.startswith("+++")]
    if added:
        return " ".join(added)
    removed = [line[1:].strip() for line in lines
               if line.startswith("-") and not line.startswith("---")]
    return "removed: " + " ".join(removed)


def load_equivalents(path: Path = EQUIVALENT) -> list[dict]:
    entries = tomllib.loads(path.read_text(encoding="utf-8")).get("equivalent", [])
    for number, entry in enumerate(entries, 1):
        missing = {"module", "function", "changed", "why"} - set(entry)
        if missing:
            raise SystemExit(f"{path.name}: entry {number} lacks {', '.join(sorted(missing))}")
    return entries


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min", type=float, default=90.0, help="lowest score per module, percent")
    args = parser.parse_args(argv)
    mutants = read_mutants()
    if not mutants:
        print("No results in mutants/: run `make mutation`.")
        return 1
    entries = load_equivalents()
    used: set[int] = set()
    equivalent: dict[str, tuple[Mutant, str]] = {}
    survivors: list[tuple[Mutant, str]] = []
    for mutant in mutants:
        if mutant.status in CAUGHT.values():
            continue
        diff = diff_of(mutant)
        changed = changed_lines(diff)
        match = next((i for i, e in enumerate(entries) if e["module"] == mutant.module
                      and e["function"] == mutant.function and e["changed"] == changed), None)
        if match is not None and mutant.status == "survived":
            used.add(match)
            equivalent[mutant.name] = (mutant, entries[match]["why"])
        else:
            survivors.append((mutant, diff))

    print(f"{'module':<28} {'mutants':>7} {'caught':>6} {'lived':>5} {'equiv.':>6} {'score':>7}")
    failing = []
    modules = sorted({m.module for m in mutants})
    for module in modules:
        mine = [m for m in mutants if m.module == module]
        caught = sum(m.status in CAUGHT.values() for m in mine)
        equal = sum(m.name in equivalent for m in mine)
        lived = len(mine) - caught - equal
        counted = len(mine) - equal
        score = 100.0 * caught / counted if counted else 100.0
        if score < args.min:
            failing.append(module)
        print(f"{module:<28} {len(mine):>7} {caught:>6} {lived:>5} {equal:>6} {score:>6.1f}%")
    caught = sum(m.status in CAUGHT.values() for m in mutants)
    counted = len(mutants) - len(equivalent)
    print(f"{'all':<28} {len(mutants):>7} {caught:>6} {counted - caught:>5} {len(equivalent):>6} "
          f"{100.0 * caught / counted:>6.1f}%")

    print(f"\nSurviving mutants ({len(survivors)}):" if survivors else "\nNo surviving mutants.")
    for mutant, diff in survivors:
        print(f"\n# {mutant.name} ({mutant.status})")
        print("\n".join(line for line in diff.splitlines()
                        if not line.startswith(("---", "+++"))))
    print(f"\nEquivalent mutants, left out of the score ({len(equivalent)}, "
          "mutation/equivalent.toml):")
    for mutant, why in equivalent.values():
        print(f"  {mutant.module}.{mutant.function}: {why}")
    stale = [e for i, e in enumerate(entries) if i not in used]
    for entry in stale:
        print(f"  no surviving mutant matches the entry for {entry['module']}.{entry['function']}: "
              f"{entry['changed']!r} (killed now, or the code changed: update the list)")
    unchecked = [m for m in mutants if m.status == "not checked" or m.status.startswith("exit")]
    if unchecked:
        print(f"\n{len(unchecked)} mutants have no result: the run did not finish.")
    if failing:
        print(f"\nBelow {args.min:g}%: {', '.join(failing)}")
    return 1 if failing or unchecked else 0


if __name__ == "__main__":
    sys.exit(main())
