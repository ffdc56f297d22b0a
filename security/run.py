"""`make security`: bandit, wapiti and sqlmap against a throw-away local instance.

Steps: a fresh instance folder and SQLite file (`flask init` + `flask seed-demo`), gunicorn on
127.0.0.1:<free port> with a random SECRET_KEY, then bandit over app/, wapiti anonymously and
signed in as each demo role, sqlmap against the login form and a few parameterised GET URLs.
Reports land in test-artifacts/security/. Exit status 1 when a finding is not listed in
security/accepted.json (see SECURITY.md), 2 when a tool could not run.

Only 127.0.0.1 is ever scanned: wapiti is scoped to the local base URL ("folder" scope), its
SSRF/XXE/SSL/Wappalyzer/brute-force modules (which call out or lock accounts) are not loaded and
its out-of-band endpoints point at the local server.
"""
from __future__ import annotations

import fnmatch
import http.cookiejar
import json
import os
import re
import secrets
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = Path(os.environ.get("SECURITY_ARTIFACTS", ROOT / "test-artifacts" / "security"))
ACCEPTED = Path(__file__).resolve().parent / "accepted.json"
APP_BIN = ROOT / ".venv" / "bin"
SEC_BIN = ROOT / ".venv-security" / "bin"
PASSWORD = "bentre-demo-2026"
ROLES = ("officer", "trainer", "coordinator", "admin")  # admin last: its scan changes data

WAPITI_MODULES = ",".join([
    "xss", "permanentxss", "sql", "exec", "file", "redirect", "crlf", "csrf", "csp",
    "cookieflags", "http_headers", "methods", "upload", "backup", "htaccess",
])
WAPITI_SCAN_TIME = int(os.environ.get("SECURITY_WAPITI_SCAN_TIME", "75"))
WAPITI_ATTACK_TIME = int(os.environ.get("SECURITY_WAPITI_ATTACK_TIME", "12"))
SQLMAP_TIMEOUT = int(os.environ.get("SECURITY_SQLMAP_TIMEOUT", "90"))


def log(message: str) -> None:
    print(f"[security {time.strftime('%H:%M:%S')}] {message}", flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --------------------------------------------------------------------------- server
def prepare_instance(instance: Path, env: dict) -> None:
    flask = [str(APP_BIN / "flask"), "--app", "app"]
    for args in (["init"], ["seed-demo"]):
        subprocess.run(flask + args, cwd=ROOT, env=env, check=True,
                       stdout=subprocess.DEVNULL)


def start_server(env: dict, port: int, logfile: Path) -> subprocess.Popen:
    out = logfile.open("w")
    proc = subprocess.Popen(
        [str(APP_BIN / "gunicorn"), "--bind", f"127.0.0.1:{port}", "--workers", "2",
         "--threads", "4", "--timeout", "60", "--access-logfile", "-", "wsgi:app"],
        cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
    )
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                if r.status == 200:
                    return proc
        except OSError:
            time.sleep(0.3)
        if proc.poll() is not None:
            break
    stop_server(proc)
    raise RuntimeError(f"gunicorn did not come up; see {logfile}")


def stop_server(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


# --------------------------------------------------------------------------- sign-in
def sign_in(base: str, username: str) -> tuple[str, http.cookiejar.CookieJar]:
    """Log in through the real form (CSRF token included); return a Cookie header value."""
    jar = http.cookiejar.CookieJar()

    class PlainHttpCookies(urllib.request.HTTPCookieProcessor):
        # The server runs with UNION_ENV=production, so its cookies are marked Secure; over
        # plain HTTP on 127.0.0.1 urllib would not send them back. Clear the flag on our side.
        def http_response(self, request, response):
            response = super().http_response(request, response)
            for cookie in self.cookiejar:
                cookie.secure = False
            return response

    opener = urllib.request.build_opener(PlainHttpCookies(jar))
    page = opener.open(f"{base}/login", timeout=10).read().decode()
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page)
    if not token:
        raise RuntimeError("no csrf_token on /login")
    data = urllib.parse.urlencode({"csrf_token": token.group(1), "username": username,
                                   "password": PASSWORD, "next": ""}).encode()
    response = opener.open(f"{base}/login", data=data, timeout=10)
    if "/login" in urllib.parse.urlsplit(response.geturl()).path:
        raise RuntimeError(f"could not sign in as {username}")
    return "; ".join(f"{c.name}={c.value}" for c in jar), jar


def anonymous_form_session(base: str) -> tuple[str, str]:
    """An anonymous session cookie and its CSRF token (Flask-WTF keeps one token per session),
    so sqlmap can post the login form without handling Secure cookies over plain HTTP."""
    with urllib.request.urlopen(f"{base}/login", timeout=10) as response:
        page = response.read().decode()
        cookies = [h.split(";", 1)[0] for h in response.headers.get_all("Set-Cookie") or []]
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page)
    if not token or not cookies:
        raise RuntimeError("no session or csrf_token on /login")
    return "; ".join(cookies), token.group(1)


def still_signed_in(base: str, cookie: str) -> bool:
    req = urllib.request.Request(f"{base}/me", headers={"Cookie": cookie})

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    try:
        with urllib.request.build_opener(NoRedirect).open(req, timeout=10) as r:
            return r.status == 200
    except OSError:
        return False


# --------------------------------------------------------------------------- tools
def run_bandit() -> list[dict]:
    out = ARTIFACTS / "bandit.json"
    proc = subprocess.run(
        [str(APP_BIN / "bandit"), "-r", "app", "-q", "-f", "json",
         "-o", str(out)], cwd=ROOT, capture_output=True, text=True)
    if proc.returncode not in (0, 1) or not out.exists():
        raise RuntimeError(f"bandit failed: {proc.stderr}")
    data = json.loads(out.read_text())
    subprocess.run([str(APP_BIN / "bandit"), "-r", "app", "-q", "-f", "txt", "-o", str(ARTIFACTS / "bandit.txt")], cwd=ROOT)
    return [{"tool": "bandit", "category": r["test_id"] + " " + r["test_name"],
             "path": os.path.relpath(os.path.join(ROOT, r["filename"]), ROOT),
             "parameter": "", "severity": r["issue_severity"],
             "info": f"line {r['line_number']}: {r['code'].strip().splitlines()[-1] if r.get('code') else ''}"
                     f" -- {r['issue_text']}"}
            for r in data.get("results", [])]


def run_wapiti(base: str, label: str, cookie: str | None, excludes: list[str]) -> list[dict]:
    out = ARTIFACTS / f"wapiti-{label}.json"
    store = ARTIFACTS / "wapiti-state" / label
    shutil.rmtree(store, ignore_errors=True)
    store.mkdir(parents=True)
    cmd = [str(SEC_BIN / "wapiti"), "-u", f"{base}/", "--scope", "folder",
           "-m", WAPITI_MODULES, "--flush-session", "--no-bugreport",
           "--store-session", str(store), "--store-config", str(store),
           "--max-scan-time", str(WAPITI_SCAN_TIME), "--max-attack-time", str(WAPITI_ATTACK_TIME),
           "--max-links-per-page", "40", "--max-files-per-dir", "30", "--max-parameters", "12",
           "-d", "5", "--tasks", "8", "-t", "10",
           "--external-endpoint", f"{base}/", "--internal-endpoint", f"{base}/",
           "-f", "json", "-o", str(out), "--log", str(ARTIFACTS / f"wapiti-{label}.log")]
    for start in ("/", "/login", "/login/code", "/courses/", "/me", "/reports/", "/admin/",
                  "/admin/members/", "/content/health", "/account/password"):
        cmd += ["-s", base + start]
    for pattern in excludes:
        cmd += ["-x", base + pattern]
    if cookie:
        # wapiti 3.2.3: a "Cookie:" header given with -H is overridden by its jar, and
        # --drop-set-cookie also drops the -C cookie, so -C alone.
        cmd += ["-C", cookie]
    for attempt in (1, 2):
        proc = subprocess.run(cmd, cwd=ARTIFACTS, capture_output=True, text=True,
                              timeout=WAPITI_SCAN_TIME + 20 * WAPITI_ATTACK_TIME + 120)
        (ARTIFACTS / f"wapiti-{label}.out").write_text(proc.stdout + proc.stderr)
        if out.exists():
            break
        # wapiti 3.2.3 now and then fails on its own session store ("database is locked",
        # in its SQLite bookkeeping, not in the site): start that scan once more.
        log(f"wapiti ({label}) stopped without a report (attempt {attempt}); see wapiti-{label}.out")
        shutil.rmtree(store, ignore_errors=True)
        store.mkdir(parents=True)
    if not out.exists():
        raise RuntimeError(f"wapiti ({label}) wrote no report; see wapiti-{label}.out")
    report = json.loads(out.read_text())
    findings = []
    for section in ("vulnerabilities", "anomalies"):
        for category, items in (report.get(section) or {}).items():
            for item in items:
                findings.append({
                    "tool": "wapiti", "run": label, "category": category,
                    "path": item.get("path", ""), "parameter": item.get("parameter", ""),
                    "method": item.get("method", ""), "info": item.get("info", ""),
                    "module": item.get("module", ""),
                })
    return findings


def run_sqlmap(label: str, args: list[str], cookie: str | None,
               time_limit: int | None = None) -> list[dict]:
    time_limit = time_limit or SQLMAP_TIMEOUT
    outdir = ARTIFACTS / "sqlmap" / label
    shutil.rmtree(outdir, ignore_errors=True)
    outdir.mkdir(parents=True)
    cmd = ["sqlmap", "--batch", "--level", "2", "--risk", "1", "--flush-session",
           "--disable-coloring", "--output-dir", str(outdir), "--timeout", "10",
           "--retries", "0", "--threads", "4", "--technique", "BEUST",
           "--skip-waf", "--answers", "follow=N,redirect=N"] + args
    if cookie:
        cmd += ["--cookie", cookie, "--drop-set-cookie"]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=time_limit)
        output = proc.stdout + proc.stderr
    except subprocess.TimeoutExpired as exc:
        output = (exc.stdout or b"").decode(errors="replace") if isinstance(exc.stdout, bytes) \
            else (exc.stdout or "")
        output += f"\n[run.py] stopped after {time_limit}s (time limit)\n"
    (ARTIFACTS / f"sqlmap-{label}.txt").write_text(output)
    findings = sqlmap_findings(label, output)
    if "all tested parameters do not appear to be injectable" not in output \
            and not findings:
        findings.append({"tool": "sqlmap", "run": label, "category": "Incomplete",
                         "path": label, "parameter": "",
                         "info": "sqlmap did not finish its tests (time limit or error)"})
    return findings


_PARAMETER = r"(?:GET|POST|Cookie|URI|Header) parameter '([^']+)'"


def sqlmap_findings(label: str, output: str) -> list[dict]:
    """The injections sqlmap's log reports. A parameter that "appears to be injectable" is
    then checked by sqlmap itself; when that check ends in "false positive or unexploitable
    injection point detected" and "parameter '...' does not seem to be injectable", sqlmap
    has withdrawn it (pages that differ for other reasons, e.g. under load), and so do we.
    A confirmed injection ("identified the following injection point") always counts."""
    findings = []
    injectable = re.findall(_PARAMETER + r" (?:is|appears to be) '?([^'\n]*)'? injectable", output)
    withdrawn = set(re.findall(_PARAMETER + r" does not seem to be injectable", output))
    confirmed = "identified the following injection point" in output
    if not confirmed:
        injectable = [(p, t) for p, t in injectable if p not in withdrawn]
    if confirmed or injectable:
        for parameter, technique in injectable or [("?", "see log")]:
            findings.append({"tool": "sqlmap", "run": label, "category": "SQL Injection",
                             "path": label, "parameter": parameter, "info": technique})
    return findings


# --------------------------------------------------------------------------- verdict
def is_accepted(finding: dict, accepted: list[dict]) -> dict | None:
    for rule in accepted:
        if rule.get("tool") != finding["tool"]:
            continue
        if not fnmatch.fnmatchcase(finding["category"], rule.get("category", "*")):
            continue
        if not fnmatch.fnmatchcase(finding.get("path", ""), rule.get("path", "*")):
            continue
        if not fnmatch.fnmatchcase(finding.get("parameter", "") or "", rule.get("parameter", "*")):
            continue
        if not fnmatch.fnmatchcase(finding.get("run", ""), rule.get("run", "*")):
            continue
        return rule
    return None


def demo_ids(db_path: Path) -> dict:
    con = sqlite3.connect(db_path)
    try:
        ids = dict(con.execute("select username, id from member").fetchall())
        # A member and a unit inside the coordinator's district (the officer's commune), so the
        # signed-in sqlmap targets answer 200 rather than the out-of-scope 404.
        officer_unit, coordinator_unit = (
            con.execute("select unit_id from member where username = ?", (name,)).fetchone()[0]
            for name in ("officer", "coordinator"))
        member = con.execute("select id from member where unit_id = ? and username != 'officer' "
                             "order by id limit 1", (officer_unit,)).fetchone()
        cert = con.execute("select code from certificate limit 1").fetchone()
        unit = con.execute("select code from unit where id = ?", (coordinator_unit,)).fetchone()
    finally:
        con.close()
    return {"ids": ids, "member": member[0] if member else ids["officer"],
            "coordinator_unit_id": coordinator_unit,
            "certificate": cert[0] if cert else "ABCDEFGH", "unit": unit[0] if unit else "BT"}


def main() -> int:
    started = time.time()
    if "--skip-wapiti" in sys.argv:
        log("--skip-wapiti: a partial run, for trying the other tools")
    for tool in (APP_BIN / "bandit", APP_BIN / "gunicorn", SEC_BIN / "wapiti"):
        if not tool.exists():
            log(f"missing {tool}; run `make security` (it installs the tools)")
            return 2
    if not shutil.which("sqlmap"):
        log("missing sqlmap: apt-get install -y sqlmap")
        return 2
    shutil.rmtree(ARTIFACTS, ignore_errors=True)
    ARTIFACTS.mkdir(parents=True)
    accepted = json.loads(ACCEPTED.read_text())["accepted"]

    findings: list[dict] = []
    log("bandit -r app")
    findings += run_bandit()

    workdir = Path(tempfile.mkdtemp(prefix="union-security-"))
    instance = workdir / "instance"
    instance.mkdir()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("UNION_", "FLASK_"))}
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    env.update({
        "UNION_INSTANCE_PATH": str(instance),
        "SECRET_KEY": secrets.token_urlsafe(48),
        "UNION_ENV": "production",  # refuses the default key, secure cookie flags on
        # Production trusts only the host of its public address: the scanners' one.
        "PUBLIC_URL": base,
        # The scanners test injection, not the throttle (tests/throttle/ does that); without
        # this the sign-in forms answer 429 after a few tries and sqlmap learns nothing.
        "UNION_RATELIMIT_ENABLED": "false",
        # The scanners' accounts read the pages behind the privacy notice; the consent
        # screen itself is tested in tests/privacy/test_consent_gate.py.
        "UNION_PRIVACY_CONSENT_REQUIRED": "false",
    })
    server = None
    status_notes = []
    try:
        log(f"instance {instance}")
        prepare_instance(instance, env)
        info = demo_ids(instance / "union.sqlite3")
        server = start_server(env, port, ARTIFACTS / "gunicorn.log")
        log(f"gunicorn on {base}")

        common_excludes = ["/logout", "/language", "/language*", "/admin/members/*/deactivate",
                           "/admin/units/*/active", "/static/*"]
        wapiti_runs = [] if "--skip-wapiti" in sys.argv else ["anonymous", *ROLES]
        if "anonymous" in wapiti_runs:
            log("wapiti anonymous")
            findings += run_wapiti(base, "anonymous", None, common_excludes)
        for role in (r for r in ROLES if r in wapiti_runs):
            cookie, _ = sign_in(base, role)
            own = f"/admin/members/{info['ids'][role]}"
            log(f"wapiti as {role}")
            findings += run_wapiti(base, role, cookie, common_excludes + [own, own + "/*"])
            alive = still_signed_in(base, cookie)
            status_notes.append(f"wapiti {role}: session still valid after scan: {alive}")
            if not alive:
                log(f"note: the {role} session ended during the scan")

        cookies = {role: sign_in(base, role)[0] for role in ROLES}
        log("sqlmap")
        form_cookie, form_token = anonymous_form_session(base)
        findings += run_sqlmap("login-form", [
            "-u", f"{base}/login", "--method", "POST",
            "--data", f"csrf_token={form_token}&username=officer&password=guess&next=",
            "-p", "username,password,next"], form_cookie,
            # every POST hashes a password with scrypt: this target needs longer
            time_limit=int(os.environ.get("SECURITY_SQLMAP_LOGIN_TIMEOUT", "600")))
        findings += run_sqlmap("certificate-code", [
            "-u", f"{base}/certificates/{info['certificate']}*"], None)
        findings += run_sqlmap("reports-filters", [
            "-u", f"{base}/reports/?by=commune&unit={info['unit']}&course=running-facebook-groups"
                  f"&role=chair&sort=name&order=asc&page=1", "-p", "by,unit,course,role,sort,order,page"],
            cookies["admin"],
            # seven parameters, each a report page at the union's level: 90 s is not enough
            time_limit=int(os.environ.get("SECURITY_SQLMAP_REPORTS_TIMEOUT", "600")))
        findings += run_sqlmap("members-search", [
            "-u", f"{base}/admin/members/?q=Nguyen&unit={info['coordinator_unit_id']}&page=1", "-p", "q,unit,page"], cookies["coordinator"])
        findings += run_sqlmap("member-report", [
            "-u", f"{base}/reports/members/{info['member']}*"], cookies["coordinator"])
    finally:
        if server is not None:
            stop_server(server)
        shutil.rmtree(workdir, ignore_errors=True)

    unaccepted = []
    lines = []
    for finding in findings:
        rule = is_accepted(finding, accepted)
        mark = f"accepted ({rule['id']})" if rule else "NOT ACCEPTED"
        if not rule:
            unaccepted.append(finding)
        lines.append(f"{mark}: {finding['tool']} [{finding.get('run', '')}] {finding['category']} "
                     f"{finding.get('method', '')} {finding['path']} "
                     f"param={finding.get('parameter', '')} :: {finding['info'][:200]}")
    elapsed = time.time() - started
    summary = "\n".join(lines + status_notes +
                        [f"{len(findings)} findings, {len(unaccepted)} not accepted, "
                         f"{elapsed:.0f} s"])
    (ARTIFACTS / "summary.txt").write_text(summary + "\n")
    (ARTIFACTS / "findings.json").write_text(json.dumps(findings, indent=2, ensure_ascii=False))
    print(summary)
    return 1 if unaccepted else 0


if __name__ == "__main__":
    sys.exit(main())
