"""How `make security` reads sqlmap's log: an injection sqlmap withdraws after its own
false-positive check is not a finding; a confirmed one always is; an unfinished run is."""
from __future__ import annotations

import importlib.util
from pathlib import Path

_spec = importlib.util.spec_from_file_location(
    "security_run", Path(__file__).resolve().parents[2] / "security" / "run.py")
security_run = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(security_run)

WITHDRAWN = """\
[14:26:16] [INFO] POST parameter 'username' appears to be 'AND boolean-based blind - WHERE or HAVING clause' injectable
[14:26:28] [INFO] checking if the injection point on POST parameter 'username' is a false positive
[14:26:29] [WARNING] false positive or unexploitable injection point detected
[14:26:29] [WARNING] POST parameter 'username' does not seem to be injectable
[14:28:35] [WARNING] POST parameter 'password' does not seem to be injectable
[14:30:18] [ERROR] all tested parameters do not appear to be injectable. Try to increase values
"""

CONFIRMED = """\
[10:00:01] [INFO] GET parameter 'q' appears to be 'AND boolean-based blind - WHERE or HAVING clause' injectable
[10:00:09] [INFO] GET parameter 'q' is 'Generic UNION query (NULL) - 1 to 20 columns' injectable
sqlmap identified the following injection point(s) with a total of 52 HTTP(s) requests:
"""


def test_an_injection_sqlmap_withdraws_is_not_a_finding():
    assert security_run.sqlmap_findings("login-form", WITHDRAWN) == []


def test_a_withdrawn_parameter_does_not_hide_another_that_stays():
    log = WITHDRAWN + "[14:31:00] [INFO] POST parameter 'next' appears to be 'OR boolean-based blind' injectable\n"
    found = security_run.sqlmap_findings("login-form", log)
    assert [(f["parameter"], f["category"]) for f in found] == [("next", "SQL Injection")]


def test_a_confirmed_injection_is_a_finding():
    found = security_run.sqlmap_findings("members-search", CONFIRMED)
    assert {f["parameter"] for f in found} == {"q"}
    assert all(f["category"] == "SQL Injection" for f in found)


def test_a_confirmed_injection_counts_even_after_a_withdrawal_line():
    log = CONFIRMED + "[10:01:00] [WARNING] GET parameter 'q' does not seem to be injectable\n"
    assert security_run.sqlmap_findings("members-search", log)
