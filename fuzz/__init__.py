"""Coverage-guided fuzzing of every reader of outside input (see ``fuzz/run.py``).

Each ``target_*`` module has ``check(data: bytes)``, which raises only when the reader broke
its contract (``fuzz.contract``); the same ``check`` replays the kept crash inputs in tests.
"""
