"""``make fuzz``: run every target under atheris (libFuzzer) for a while and print a table.

    python -m fuzz.run --seconds 60 [target ...]

Each target runs in its own process, seeded from the repository's fixtures and the shared
corpus, with libFuzzer's memory limit and a per-input timeout above the contract's own
time budget. A crash is copied to ``tests/fuzz_regressions/<target>/`` (the replay test
then runs it in ``make test``) and the target goes on for the time left. A crash is known by
its signature (exception, message without numbers, innermost frame): once a signature is
found, or is that of a kept input that still fails, further inputs with it are passed over,
so each bug is reported once and the time goes to finding others.
"""
from __future__ import annotations

import argparse
import datetime
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from .contract import BUDGET_SECONDS, MAX_INPUT_BYTES, RSS_LIMIT_MB
from .seeds import REGRESSIONS, ROOT, write_seeds
from .targets import TARGETS, digest, load, regression_inputs

#: libFuzzer's own timeout, for inputs that hang so long the contract's check never returns.
HARD_TIMEOUT_SECONDS = 20
MAX_CRASHES_PER_TARGET = 5
_STATS = re.compile(r"^#(\d+)\s+\w+\s+cov: (\d+) ft: (\d+) corp: (\d+)", re.M)
_EXCEPTION = re.compile(r"^(\w+(?:\.\w+)*(?:Error|Exception|Broken|Interrupt|Exit)\b.*)$", re.M)


@dataclass
class Outcome:
    target: str
    seeds: int = 0
    inputs: int = 0
    coverage: int = 0
    features: int = 0
    corpus: int = 0
    crashes: list[str] = field(default_factory=list)
    known: list[str] = field(default_factory=list)  # kept inputs that still fail
    seconds: float = 0.0


def signature(exc: BaseException) -> str:
    """What tells one bug from another: the exception, its message with the numbers taken
    out, and the innermost line it was raised at."""
    frames = traceback.extract_tb(exc.__traceback__)
    where = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "?"
    return f"{type(exc).__name__}: {re.sub(r'[0-9]+', 'N', str(exc))[:100]} ({where})"


def known_signatures(name: str) -> set[str]:
    """The signatures of kept inputs that still break the contract of ``name``: those of
    every target, since targets share readers (the numbers import reads files as rosters)."""
    check, found = load(name).check, set()
    for path in (p for other in TARGETS for p in regression_inputs(other)):
        try:
            check(path.read_bytes())
        except Exception as exc:  # noqa: BLE001 - any exception is a broken contract here
            found.add(signature(exc))
    return found


def worker(name: str, seconds: int, corpus: Path, artifacts: Path, tolerate: Path) -> None:
    """In the child process: instrument the target's code, then fuzz it."""
    import atheris

    with atheris.instrument_imports(include=list(TARGETS[name][1])):
        module = load(name)
    known = set(json.loads(tolerate.read_text()))
    check = module.check

    def one_input(data: bytes) -> None:
        try:
            check(data)
        except Exception as exc:
            found = signature(exc)
            if found in known:
                return
            (artifacts / f"signature-{digest(data)}").write_text(found)
            raise

    atheris.Setup([sys.argv[0], f"-max_total_time={seconds}", f"-rss_limit_mb={RSS_LIMIT_MB}",
                   f"-max_len={MAX_INPUT_BYTES}", f"-timeout={HARD_TIMEOUT_SECONDS}",
                   f"-artifact_prefix={artifacts}/", "-print_final_stats=1", str(corpus)],
                  one_input)
    atheris.Fuzz()


def fuzz_target(name: str, seconds: int, work: Path) -> Outcome:
    """Fuzz ``name`` for ``seconds``, restarting after each crash while time is left."""
    corpus, artifacts = work / name / "corpus", work / name / "artifacts"
    artifacts.mkdir(parents=True, exist_ok=True)
    outcome = Outcome(name, seeds=write_seeds(name, load(name).SEED_SUFFIXES, corpus))
    known = known_signatures(name)
    outcome.known = sorted(known)
    tolerate = work / name / "signatures.json"
    started = time.monotonic()
    for run in range(MAX_CRASHES_PER_TARGET + 1):
        left = int(seconds - (time.monotonic() - started))
        if left <= 0:
            break
        tolerate.write_text(json.dumps(sorted(known)))
        before = set(artifacts.iterdir())
        log = work / name / f"run-{run}.log"
        with log.open("w") as out:
            subprocess.run([sys.executable, "-m", "fuzz.run", "--worker", name, "--seconds",
                            str(left), "--corpus", str(corpus), "--artifacts", str(artifacts),
                            "--tolerate", str(tolerate)],
                           cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, check=False)
        text = log.read_text(errors="replace")
        stats = _STATS.findall(text)
        if stats:
            inputs, cov, ft, corp = map(int, stats[-1])
            outcome.inputs += inputs
            outcome.coverage, outcome.features = max(outcome.coverage, cov), max(outcome.features, ft)
            outcome.corpus = corp
        new = [p for p in sorted(set(artifacts.iterdir()) - before) if not p.name.startswith("signature-")]
        if not new:
            break
        for crash in new:
            mark = artifacts / f"signature-{digest(crash.read_bytes())}"
            found = mark.read_text() if mark.exists() else _last_exception(text)
            if found not in known:
                known.add(found)
                outcome.crashes.append(f"{_keep(name, crash)}: {found}")
    outcome.seconds = time.monotonic() - started
    return outcome


def _keep(name: str, crash: Path) -> str:
    """Copy a crash input to the regression fixtures; returns where it is kept."""
    kept = REGRESSIONS / name / f"crash-{digest(crash.read_bytes())}"
    kept.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(crash, kept)
    return str(kept.relative_to(ROOT))


def _last_exception(log: str) -> str:
    """For a crash that left no signature (a timeout, the memory limit): libFuzzer's words."""
    found = _EXCEPTION.findall(log) or re.findall(r"^==\d+== ERROR: libFuzzer: (.*)$", log, re.M)
    return found[-1][:120] if found else "unknown crash"


def table(outcomes: list[Outcome], seconds: int) -> str:
    """A Markdown table of the run, as the README shows it."""
    rows = [f"Fuzzing run of {datetime.date.today().isoformat()}, {seconds} s per target; budget "
            f"{BUDGET_SECONDS:g} s of CPU and {RSS_LIMIT_MB} MB per input of at most "
            f"{MAX_INPUT_BYTES // 1024} KB", "",
            "| target | seeds | inputs tried | coverage (cov) | features (ft) | corpus | new crashes "
            "| known, still open |",
            "|---|---:|---:|---:|---:|---:|---:|---:|"]
    rows += [f"| {o.target} | {o.seeds} | {o.inputs:,} | {o.coverage:,} | {o.features:,} | "
             f"{o.corpus:,} | {len(o.crashes)} | {len(o.known)} |" for o in outcomes]
    for o in outcomes:
        rows += [f"- {o.target}, new: {crash}" for crash in o.crashes]
        rows += [f"- {o.target}, still open: {known}" for known in o.known]
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("targets", nargs="*", choices=[[], *TARGETS], default=[])
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--work", type=Path, help="folder for corpora and logs (default: a temporary one)")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--artifacts", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--tolerate", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker(args.worker, args.seconds, args.corpus, args.artifacts, args.tolerate)
        return 0
    work = args.work or Path(tempfile.mkdtemp(prefix="fuzz-"))
    outcomes = []
    for name in args.targets or list(TARGETS):
        print(f"fuzzing {name} for {args.seconds} s ...", flush=True)
        outcomes.append(fuzz_target(name, args.seconds, work))
        done = outcomes[-1]
        print(f"  {done.inputs:,} inputs, cov {done.coverage:,}, {len(done.crashes)} new crashes, "
              f"{len(done.known)} known", flush=True)
    print()
    print(table(outcomes, args.seconds))
    print(f"\n(corpora and logs in {work})")
    return 1 if any(o.crashes for o in outcomes) else 0


if __name__ == "__main__":
    sys.exit(main())
