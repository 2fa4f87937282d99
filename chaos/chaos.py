#!/usr/bin/env python3
"""Fault suite client: runs the incident service's nodes, drives load and faults, fuzzes the intake,
journals every request and checks every answer. Started by chaos/run.sh, which creates the
PostgreSQL cluster and hands its coordinates over in CHAOS_* variables. Python 3 standard library only.

Scenarios (chaos/README.md): kill (kill -9 under load), race (two nodes, identical creates),
db (database restart -m immediate and outage under load), fuzz (bad input over the create and
webhook endpoints). Every check prints PASS/FAIL; the last lines are the figures, the summary line
'chaos: ...' and 'N passed, N failed'. Exit status 0 all passed, 1 a check failed, 3 set-up failure.
"""

import argparse
import base64
import hashlib
import http.client
import json
import os
import queue
import random
import shlex
import signal
import socket
import subprocess
import sys
import threading
import time

SCENARIOS = ("kill", "race", "db", "fuzz")
DATABASE = "incidents_chaos"
REQUEST_TIMEOUT = 30.0   # a request unanswered this long counts as "no answer" (the service went silent)


class SetupError(Exception):
    """The suite could not run (exit status 3), as opposed to a failed check (exit status 1)."""


def env(name):
    value = os.environ.get(name)
    if value is None:
        raise SetupError(f"{name} is not set: start the suite with chaos/run.sh")
    return value


def log(message):
    print(f"[chaos {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# ------------------------------------------------------------------------------------ journal

class Journal:
    """Every request as one JSON line: what was sent, the answer's status and the incident id it named."""

    def __init__(self, path):
        self.file = open(path, "w", encoding="utf-8")
        self.lock = threading.Lock()
        self.count = 0

    def record(self, scenario, answer, **extra):
        entry = {"t": round(answer.t_end, 3), "scenario": scenario, "node": answer.node,
                 "method": answer.method, "path": answer.path[:2000],
                 "headers": {k: journal_header(k, v) for k, v in answer.headers.items()},
                 "body_bytes": len(answer.body), "body_sha256": hashlib.sha256(answer.body).hexdigest(),
                 "body_head": answer.body[:300].decode("utf-8", "backslashreplace"),
                 "status": answer.status, "content_type": answer.content_type,
                 "incident_ids": answer.incident_ids(), "ms": round((answer.t_end - answer.t_start) * 1000, 1)}
        if answer.error:
            entry["error"] = answer.error
        if answer.status is not None and not answer.is_envelope():
            entry["answer_head"] = answer.answer[:300].decode("utf-8", "backslashreplace")
        entry.update(extra)
        line = json.dumps(entry, ensure_ascii=True)
        with self.lock:
            self.file.write(line + "\n")
            self.count += 1

    def close(self):
        with self.lock:
            self.file.close()


def journal_header(name, value):
    """Header values as sent, shortened; credentials only by their scheme and length."""
    if name.lower() == "authorization":
        scheme = value.split(" ", 1)[0][:20]
        return f"{scheme} <{len(value)} chars>"
    return value if len(value) <= 200 else value[:200] + f"...({len(value)} chars)"


# ------------------------------------------------------------------------------------- HTTP

class Answer:
    def __init__(self, node, method, path, headers, body):
        self.node, self.method, self.path, self.headers, self.body = node, method, path, headers, body
        self.status = None
        self.content_type = None
        self.answer = b""
        self.error = None
        self.retry_after = None
        self.sent = True
        self.t_start = self.t_end = time.time()
        self._json = None
        self._parsed = False

    @property
    def ok(self):
        return self.status is not None and 200 <= self.status < 300

    def json(self):
        if not self._parsed:
            self._parsed = True
            try:
                self._json = json.loads(self.answer.decode("utf-8"))
            except (ValueError, UnicodeDecodeError):
                self._json = None
            except RecursionError:
                # deeper than this interpreter parses (the service echoes nested metadata): the threads
                # get a big stack and a high recursion limit in main(), so this is beyond 10,000 levels
                self._json = None
        return self._json

    def is_json(self):
        media = (self.content_type or "").split(";")[0].strip().lower()
        return media == "application/json" and self.json() is not None

    def is_envelope(self):
        """Content-Type application/json and the envelope {"success":true,"data":…} or {"success":false,"message":"…"}."""
        if not self.is_json():
            return False
        body = self.json()
        if not isinstance(body, dict) or not isinstance(body.get("success"), bool):
            return False
        return "data" in body if body["success"] else isinstance(body.get("message"), str)

    def data(self):
        body = self.json()
        return body.get("data") if isinstance(body, dict) else None

    def incident_ids(self):
        """The incident ids a 2xx answer names: data.id of a create, data.alerts[].incident_id of a webhook."""
        if not self.ok:
            return []
        data = self.data()
        if not isinstance(data, dict):
            return []
        if isinstance(data.get("alerts"), list):
            return [a["incident_id"] for a in data["alerts"]
                    if isinstance(a, dict) and isinstance(a.get("incident_id"), int)]
        return [data["id"]] if isinstance(data.get("id"), int) and "team_id" in data else []


class Http:
    """One keep-alive connection to one node (http.client connections are not thread-safe: one per thread)."""

    def __init__(self, node, timeout=REQUEST_TIMEOUT):
        self.node = node
        self.timeout = timeout
        self.conn = None

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def send(self, method, path, body=b"", headers=None):
        headers = dict(headers or {})
        if isinstance(body, str):
            body = body.encode("utf-8")
        answer = Answer(self.node.name, method, path, headers, body)
        for attempt in (0, 1):
            reused = self.conn is not None
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.node.port, timeout=self.timeout)
            answer.t_start = time.time()
            try:
                self.conn.putrequest(method, path, skip_accept_encoding=True)
                for name, value in headers.items():
                    self.conn.putheader(name, value)
                if body or method in ("POST", "PUT", "PATCH"):
                    self.conn.putheader("Content-Length", str(len(body)))
                try:
                    self.conn.endheaders(body if body else None)
                except (BrokenPipeError, ConnectionResetError):
                    pass   # the server answered (say 413) and closed before reading the whole body: read its answer
                response = self.conn.getresponse()
                answer.status = response.status
                answer.content_type = response.getheader("Content-Type")
                answer.retry_after = response.getheader("Retry-After")
                answer.answer = response.read()
                answer.t_end = time.time()
                if response.will_close:
                    self.close()
                return answer
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError) as e:
                self.close()
                if reused and attempt == 0:
                    continue   # a kept-alive connection the server had closed meanwhile: once more on a new one
                answer.error = f"{type(e).__name__}: {e}"
            except (OSError, http.client.HTTPException, AttributeError) as e:
                # AttributeError: http.client after the peer vanished mid-request (its socket already gone)
                self.close()
                answer.error = f"{type(e).__name__}: {e}"
            except (ValueError, UnicodeError) as e:
                # http.client itself refused the request (say, a character it will not put in a header):
                # nothing reached the service, so this is no answer of the service's
                self.close()
                answer.error = f"not sent: {type(e).__name__}: {e}"
                answer.sent = False
            # an answer cut off half-way (the node killed while writing it) is no answer: the client never got it
            answer.status = answer.content_type = answer.retry_after = None
            answer.t_end = time.time()
            return answer
        return answer


# ------------------------------------------------------------------------------------ checks

class Checks:
    def __init__(self):
        self.results = []

    def check(self, name, passed, detail=""):
        self.results.append((name, bool(passed), detail))
        print(f"{'PASS' if passed else 'FAIL'}  {name}{(': ' + detail) if detail else ''}", flush=True)
        return passed

    @property
    def failed(self):
        return [r for r in self.results if not r[1]]


class Figures:
    """The figures held as thresholds, summed over the scenarios that ran."""

    def __init__(self):
        self.lock = threading.Lock()
        self.lost = 0
        self.duplicates = 0
        self.server_errors = 0        # 5xx that are violations: all but 503 while the database is down
        self.non_json = 0
        self.no_answer = 0            # requests unanswered (timeouts, resets) while the node was up
        self.recoveries = []          # seconds from the database's return to the first 2xx (None: never)
        self.caught_up = None
        self.dead_letters = None

    def add(self, **counts):
        with self.lock:
            for name, value in counts.items():
                setattr(self, name, getattr(self, name) + value)


# ------------------------------------------------------------------------------- processes

class Node:
    """One service process (java -jar) against the suite's database."""

    def __init__(self, name, port, settings):
        self.name, self.port, self.settings = name, port, settings
        self.process = None
        self.starts = 0

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        self.starts += 1
        log_path = os.path.join(self.settings.out, f"service-{self.name}-{self.starts}.log")
        environment = dict(os.environ)
        environment.update({
            "SPRING_DATASOURCE_URL": f"jdbc:postgresql://127.0.0.1:{self.settings.pg_port}/{DATABASE}",
            "SPRING_DATASOURCE_USERNAME": "postgres",
            "SPRING_DATASOURCE_PASSWORD": "",
            "SERVER_PORT": str(self.port),
            "INCIDENTS_PUBLIC_URL": self.url,
            "INCIDENTS_ADMIN_PASSWORD": self.settings.admin_password,
            # the fuzz sends malformed credentials by the thousand from one address
            "INCIDENTS_SECURITY_FAILED_AUTHENTICATIONS_PER_MINUTE": "1000000",
        })
        command = ["java", *shlex.split(self.settings.java_opts), "-jar", self.settings.jar]
        with open(log_path, "w") as out:
            self.process = subprocess.Popen(command, env=environment, stdout=out, stderr=subprocess.STDOUT,
                                            stdin=subprocess.DEVNULL, start_new_session=True)
        with open(os.path.join(self.settings.out, "nodes.pids"), "a") as pids:
            pids.write(f"{self.process.pid}\n")
        log(f"node {self.name}: started pid {self.process.pid} on port {self.port} (log {os.path.basename(log_path)})")
        self.log_path = log_path

    def alive(self):
        return self.process is not None and self.process.poll() is None

    def health(self, timeout=5.0):
        answer = Http(self, timeout=timeout).send("GET", "/actuator/health")
        body = answer.json()
        return answer, (body.get("status") if isinstance(body, dict) else None)

    def wait_up(self, seconds=180):
        deadline = time.time() + seconds
        while time.time() < deadline:
            if not self.alive():
                raise SetupError(f"node {self.name} exited during start-up; see {self.log_path}")
            _, status = self.health()
            if status == "UP":
                log(f"node {self.name}: UP")
                return
            time.sleep(0.5)
        raise SetupError(f"node {self.name} did not report health UP within {seconds} s; see {self.log_path}")

    def kill9(self):
        log(f"node {self.name}: kill -9 {self.process.pid}")
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self):
        if not self.alive():
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            log(f"node {self.name}: did not stop within 40 s of SIGTERM; killing it")
            self.process.kill()
            self.process.wait()


class Database:
    """The suite's own cluster: pg_ctl for the faults, psql for the checks that read the tables."""

    def __init__(self, settings):
        self.s = settings

    def pg_ctl(self, *args):
        command = [*shlex.split(self.s.pg_ctl), "-D", self.s.pg_data, "-l", self.s.pg_log,
                   "-o", f"-p {self.s.pg_port} -k {self.s.pg_socket_dir}", "-w", "-t", "60", *args]
        result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if result.returncode != 0:
            raise SetupError(f"pg_ctl {' '.join(args)} failed: {result.stdout.strip()}")

    def query(self, sql):
        result = subprocess.run([self.s.psql, "-X", "-q", "-At", "-F", "\t", "-h", "127.0.0.1", "-p", str(self.s.pg_port),
                                 "-U", "postgres", "-d", DATABASE, "-v", "ON_ERROR_STOP=1", "-c", sql],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=60)
        if result.returncode != 0:
            raise SetupError(f"psql failed: {result.stderr.strip()} ({sql[:200]})")
        return [line.split("\t") for line in result.stdout.splitlines() if line]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ------------------------------------------------------------------------------- service API

class Service:
    """The admin's and the token's view of the service: set-up, reads, checks of acknowledged incidents."""

    def __init__(self, settings, node):
        self.s = settings
        self.admin = "Basic " + base64.b64encode(f"admin:{settings.admin_password}".encode()).decode()
        self.token = None
        self.team_id = None
        self.setup(node)

    def setup(self, node):
        http_ = Http(node)
        team = http_.send("POST", "/api/v1/admin/teams", json.dumps({"name": f"chaos {self.s.run_id}"}),
                          {"Authorization": self.admin, "Content-Type": "application/json"})
        if team.status != 201:
            raise SetupError(f"POST /api/v1/admin/teams answered {team.status}: {team.answer[:300]!r}")
        self.team_id = team.data()["id"]
        token = http_.send("POST", "/api/v1/admin/api-tokens",
                           json.dumps({"name": f"chaos {self.s.run_id}", "rate_limit_per_minute": 1000000}),
                           {"Authorization": self.admin, "Content-Type": "application/json"})
        if token.status != 201:
            raise SetupError(f"POST /api/v1/admin/api-tokens answered {token.status}: {token.answer[:300]!r}")
        self.token = token.data()["token"]
        log(f"team {self.team_id}, token {self.token[:12]}... (rate limit 1000000/min)")

    def bearer(self, extra=None):
        headers = {"Authorization": f"Bearer {self.token}", "Accept": "application/json"}
        headers.update(extra or {})
        return headers

    def projections(self, node):
        answer = Http(node, timeout=15).send("GET", "/api/v1/admin/projections", headers={"Authorization": self.admin})
        return answer, (answer.data() if answer.ok and isinstance(answer.data(), list) else None)


class Acks:
    """Incidents the service acknowledged (2xx with an id), with what a GET must show."""

    def __init__(self):
        self.lock = threading.Lock()
        self.by_scenario = {}

    def add(self, scenario, incident_id, expected):
        with self.lock:
            self.by_scenario.setdefault(scenario, {})
            known = self.by_scenario[scenario].get(incident_id)
            if known is None or len(expected) > len(known):
                self.by_scenario[scenario][incident_id] = expected

    def of(self, scenario):
        with self.lock:
            return dict(self.by_scenario.get(scenario, {}))


def parallel(items, work, threads):
    """Runs work(item, state) over items with a few threads (state: one dict per thread, for its
    connection); returns the results in order. An exception in work is a bug of this client: it
    ends the run as a set-up failure instead of silently losing a thread."""
    results = [None] * len(items)
    errors = []
    tasks = queue.Queue()
    for index, item in enumerate(items):
        tasks.put((index, item))

    def worker():
        state = {}
        while not errors:
            try:
                index, item = tasks.get_nowait()
            except queue.Empty:
                return
            try:
                results[index] = work(item, state)
            except Exception as e:   # noqa: BLE001 - reported below, with its item
                errors.append(f"{type(e).__name__}: {e} (item {str(item)[:100]})")

    workers = [threading.Thread(target=worker, daemon=True) for _ in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    if errors:
        raise SetupError(f"the chaos client failed: {errors[0]}")
    return results


def verify_acks(ctx, scenario, seconds):
    """Every incident acknowledged in the scenario must be readable with the fields it was created with.
    404s are read again until the deadline (the read model may still be catching up)."""
    acks = ctx.acks.of(scenario)
    pending = dict(acks)
    wrong = {}
    still = {}
    deadline = time.time() + seconds
    node = ctx.node_a

    def read(item, state):
        incident_id, expected = item
        http_ = state.setdefault("http", Http(node))
        answer = http_.send("GET", f"/api/v1/incidents/{incident_id}", headers=ctx.service.bearer())
        ctx.journal.record(f"{scenario}/verify", answer)
        if answer.status == 404 or not answer.ok:
            return incident_id, None, f"GET answered {answer.status or answer.error}"
        data = answer.data() or {}
        mismatches = {k: (v, data.get(k)) for k, v in expected.items() if data.get(k) != v}
        return incident_id, mismatches, None

    while pending:
        results = parallel(list(pending.items()), read, 8)
        still = {}
        for incident_id, mismatches, problem in results:
            if problem is not None:
                still[incident_id] = problem
            elif mismatches:
                wrong[incident_id] = mismatches
        pending = {i: acks[i] for i in still}
        if not pending or time.time() > deadline:
            break
        time.sleep(1.0)
    lost = len(pending) + len(wrong)
    ctx.figures.add(lost=lost)
    detail = f"{len(acks)} acknowledged, {len(pending)} not readable, {len(wrong)} with wrong fields"
    examples = [f"{i}: {still[i]}" for i in list(pending)[:3]] + [f"{i}: {m}" for i, m in list(wrong.items())[:3]]
    if examples:
        detail += " (e.g. " + "; ".join(str(e) for e in examples)[:600] + ")"
    ctx.checks.check(f"{scenario}: every acknowledged incident readable with its fields", lost == 0 and acks, detail
                     if acks else "no incident was acknowledged at all")
    return lost


# ------------------------------------------------------------------------------------- load

class Load:
    """Workers sending valid creates, Alertmanager deliveries and reads of their own incidents to one
    node until stopped (bounded by max_seconds). Keeps every answer for the scenario's figures."""

    def __init__(self, ctx, scenario, run, node, concurrency, max_seconds):
        self.ctx, self.scenario, self.run_label, self.node = ctx, scenario, run, node
        self.concurrency, self.max_seconds = concurrency, max_seconds
        self.stop_event = threading.Event()
        self.answers = []
        self.lock = threading.Lock()
        self.threads = []
        self.counter = 0

    def start(self):
        deadline = time.time() + self.max_seconds
        for worker in range(self.concurrency):
            thread = threading.Thread(target=self.run, args=(worker, deadline), daemon=True)
            thread.start()
            self.threads.append(thread)

    def stop(self):
        self.stop_event.set()
        for thread in self.threads:
            thread.join(timeout=REQUEST_TIMEOUT + 10)

    def run(self, worker, deadline):
        ctx = self.ctx
        rng = random.Random(f"{ctx.s.seed}-{self.run_label}-{worker}")
        http_ = Http(self.node)
        mine = []
        n = 0
        while not self.stop_event.is_set() and time.time() < deadline:
            n += 1
            key = f"{ctx.s.run_id}-{self.run_label}-{worker}-{n}"   # unique: every create is a new incident
            choice = rng.random()
            expected = None
            if choice < 0.70 or not mine:
                severity = 1 + n % 4
                title = f"chaos {self.run_label} {worker}-{n}"
                body = {"team_id": ctx.service.team_id, "title": title, "severity": severity,
                        "external_id": key, "source": "chaos", "tags": ["chaos", self.scenario],
                        "metadata": {"worker": worker, "n": n}}
                answer = http_.send("POST", "/api/v1/incidents", json.dumps(body),
                                    ctx.service.bearer({"Content-Type": "application/json"}))
                expected = {"team_id": ctx.service.team_id, "title": title, "severity": f"Sev {severity}",
                            "external_id": key, "source": "chaos"}
            elif choice < 0.85:
                fingerprint = hashlib.sha256(key.encode()).hexdigest()[:16]
                payload = alertmanager_group("firing", [alertmanager_alert("firing", fingerprint, "critical", key)])
                answer = http_.send("POST", f"/api/v1/integrations/alertmanager?team_id={ctx.service.team_id}",
                                    json.dumps(payload), ctx.service.bearer({"Content-Type": "application/json"}))
                expected = {"team_id": ctx.service.team_id, "title": f"Instance {key} down", "severity": "Sev 1",
                            "external_id": f"alertmanager:{fingerprint}", "source": "alertmanager"}
            else:
                answer = http_.send("GET", f"/api/v1/incidents/{rng.choice(mine)}", headers=ctx.service.bearer())
            ids = answer.incident_ids()
            if expected is not None and answer.ok and ids:
                ctx.acks.add(self.scenario, ids[0], expected)
                mine.append(ids[0])
            ctx.journal.record(self.scenario, answer, worker=worker)
            with self.lock:
                self.answers.append(answer)
            if answer.status is None:
                time.sleep(0.5)   # the node is down (kill -9) or not answering: do not spin
        http_.close()


def alertmanager_group(status, alerts):
    return {"version": "4", "groupKey": "{}:{alertname=\"InstanceDown\"}", "truncatedAlerts": 0, "status": status,
            "receiver": "incidents", "groupLabels": {"alertname": "InstanceDown"},
            "commonLabels": {"alertname": "InstanceDown", "job": "node"}, "commonAnnotations": {},
            "externalURL": "http://alertmanager.example.org:9093", "alerts": alerts}


def alertmanager_alert(status, fingerprint, severity, instance):
    return {"status": status,
            "labels": {"alertname": "InstanceDown", "instance": instance, "job": "node", "severity": severity},
            "annotations": {"summary": f"Instance {instance} down",
                            "description": f"{instance} has been down for more than 5 minutes."},
            "startsAt": "2026-01-28T12:00:00.000Z",
            "endsAt": "2026-01-28T12:10:00.000Z" if status == "resolved" else "0001-01-01T00:00:00Z",
            "generatorURL": "http://prometheus.example.org:9090/graph?g0.expr=up+%3D%3D+0&g0.tab=1",
            "fingerprint": fingerprint}


def datadog_payload(cycle_key, monitor_id, transition="Triggered", priority="P2"):
    return {"alert_id": monitor_id, "alert_cycle_key": cycle_key,
            "title": f"[{priority}] [{transition} on {{host:web-01}}] High CPU on web",
            "event_title": f"[{transition} on {{host:web-01}}] High CPU on web",
            "body": "%%%\nCPU above 90% for 5 minutes on host:web-01. @webhook-incidents\n%%%",
            "priority": priority, "transition": transition, "alert_type": "error", "scope": "host:web-01",
            "link": "https://app.datadoghq.com/event/event?id=7077414567434410417",
            "tags": "env:prod,host:web-01,monitor,service:web", "hostname": "web-01", "date": "1769603696000",
            "org": {"id": "123456", "name": "Acme"}}


def pagerduty_event(incident_id, event_type="incident.triggered", urgency="high"):
    return {"event": {
        "id": f"01{incident_id}", "event_type": event_type, "resource_type": "incident",
        "occurred_at": "2020-10-02T18:45:22.169Z",
        "agent": {"html_url": "https://acme.pagerduty.com/users/PLH1HKV", "id": "PLH1HKV",
                  "self": "https://api.pagerduty.com/users/PLH1HKV", "summary": "Tenex Engineer", "type": "user_reference"},
        "client": {"name": "PagerDuty"},
        "data": {"id": incident_id, "type": "incident", "self": f"https://api.pagerduty.com/incidents/{incident_id}",
                 "html_url": f"https://acme.pagerduty.com/incidents/{incident_id}", "number": 2, "status": "triggered",
                 "incident_key": "d3640fbd41094207a1c11e58e46b1662", "created_at": "2020-04-09T15:16:27Z",
                 "title": "A little bump in the road",
                 "service": {"html_url": "https://acme.pagerduty.com/services/PF9KMXH", "id": "PF9KMXH",
                             "self": "https://api.pagerduty.com/services/PF9KMXH", "summary": "API Service",
                             "type": "service_reference"},
                 "assignees": [], "escalation_policy": {"id": "PUS0KTE", "summary": "Default",
                                                        "type": "escalation_policy_reference"},
                 "teams": [], "priority": {"id": "PSO75BM", "summary": "P1", "type": "priority_reference"},
                 "urgency": urgency, "conference_bridge": None, "resolve_reason": None}}}


def count_statuses(answers):
    counts = {}
    for a in answers:
        key = str(a.status) if a.status is not None else "no answer"
        counts[key] = counts.get(key, 0) + 1
    return counts


def format_counts(counts):
    return ", ".join(f"{k}: {v}" for k, v in sorted(counts.items())) or "none"


def envelope_violations(ctx, answers):
    """Answers that are not the JSON envelope (every answer of the API must be)."""
    bad = [a for a in answers if a.status is not None and not a.is_envelope()]
    ctx.figures.add(non_json=len(bad))
    return bad


def describe(answer):
    return (f"{answer.method} {answer.path[:80]} -> {answer.status} {answer.content_type} "
            f"{answer.answer[:120].decode('utf-8', 'backslashreplace')!r}")


# -------------------------------------------------------------------------------- scenarios

def ensure_up(ctx, label):
    """Node a must be UP before each scenario; one that is not (say, wedged by the previous database
    fault) is a failed check, and is restarted so that the next scenarios still measure something."""
    health = ctx.node_a.health(timeout=15)[1] if ctx.node_a.alive() else "not running"
    if health == "UP":
        return
    ctx.checks.check(f"node a healthy before {label}", False, f"health {health}; restarting it")
    ctx.node_a.stop()
    ctx.node_a.start()
    ctx.node_a.wait_up()


def scenario_kill(ctx):
    """kill -9 of the node under load, restarted each time; then every acknowledged incident is read back."""
    node = ctx.node_a
    all_answers = []
    for round_ in range(1, ctx.mode["kills"] + 1):
        load = Load(ctx, "kill", f"kill{round_}", node, ctx.mode["kill_concurrency"], max_seconds=300)
        load.start()
        # kill once the load flows (as many 2xx as requests in flight), at a random moment after that
        flowing_deadline = time.time() + 90
        while time.time() < flowing_deadline and sum(1 for a in list(load.answers) if a.ok) < load.concurrency:
            time.sleep(0.25)
        time.sleep(ctx.rng.uniform(1.0, 4.0))
        node.kill9()
        killed_at = time.time()
        time.sleep(1.0)
        node.start()
        node.wait_up()
        time.sleep(2.0)   # load on the restarted node too, before the next round
        load.stop()
        acknowledged = sum(1 for a in load.answers if a.ok)
        log(f"kill round {round_}: {len(load.answers)} requests, {acknowledged} 2xx, "
            f"restarted in {time.time() - killed_at:.1f} s ({format_counts(count_statuses(load.answers))})")
        all_answers += load.answers
    up = [a for a in all_answers if a.status is not None]
    server_errors = [a for a in up if a.status >= 500]
    ctx.figures.add(server_errors=len(server_errors))
    ctx.checks.check("kill: no 5xx from the node before or after kill -9", not server_errors,
                     f"{len(server_errors)} of {len(up)} answers" + (f", e.g. {describe(server_errors[0])}" if server_errors else ""))
    bad = envelope_violations(ctx, up)
    ctx.checks.check("kill: every answer is the JSON envelope", not bad,
                     f"{len(bad)} of {len(up)}" + (f", e.g. {describe(bad[0])}" if bad else ""))
    verify_acks(ctx, "kill", ctx.mode["verify_seconds"])


def scenario_race(ctx):
    """Two nodes on one database; each key is sent by several clients to both nodes at the same moment."""
    node_b = ctx.node_b
    keys = [f"race-{ctx.s.run_id}-{i}" for i in range(ctx.mode["race_keys"])]
    per_key = 4   # two creates to each node
    batch = 16    # keys fired together: 64 requests in flight
    answers_by_key = {k: [] for k in keys}
    all_answers = []
    start = threading.Barrier(batch * per_key + 1)
    done = threading.Barrier(batch * per_key + 1)
    slots = [None] * (batch * per_key)
    stop = threading.Event()

    def worker(slot):
        clients = {ctx.node_a.name: Http(ctx.node_a), node_b.name: Http(node_b)}
        while True:
            start.wait()
            if stop.is_set():
                return
            job = slots[slot]
            if job is not None:
                key, node = job
                body = {"team_id": ctx.service.team_id, "title": f"race {key}", "severity": 2,
                        "external_id": key, "source": "chaos-race"}
                answer = clients[node.name].send("POST", "/api/v1/incidents", json.dumps(body),
                                                 ctx.service.bearer({"Content-Type": "application/json"}))
                ctx.journal.record("race", answer, key=key)
                with lock:
                    answers_by_key[key].append(answer)
                    all_answers.append(answer)
            done.wait()

    lock = threading.Lock()
    threads = [threading.Thread(target=worker, args=(slot,), daemon=True) for slot in range(batch * per_key)]
    for t in threads:
        t.start()
    for offset in range(0, len(keys), batch):
        chunk = keys[offset:offset + batch]
        jobs = [(key, ctx.node_a if i % 2 == 0 else node_b) for key in chunk for i in range(per_key)]
        ctx.rng.shuffle(jobs)
        for slot in range(len(slots)):
            slots[slot] = jobs[slot] if slot < len(jobs) else None
        start.wait()
        done.wait()
    stop.set()
    start.wait()
    for t in threads:
        t.join(timeout=5)

    disagreeing = []
    for key, answers in answers_by_key.items():
        ids = {a.incident_ids()[0] for a in answers if a.ok and a.incident_ids()}
        if len(ids) > 1:
            disagreeing.append((key, sorted(ids)))
        if ids:
            ctx.acks.add("race", min(ids), {"team_id": ctx.service.team_id, "title": f"race {key}",
                                            "severity": "Sev 2", "external_id": key, "source": "chaos-race"})
    server_errors = [a for a in all_answers if a.status is not None and a.status >= 500]
    silent = [a for a in all_answers if a.status is None]
    ctx.figures.add(server_errors=len(server_errors), no_answer=len(silent), duplicates=len(disagreeing))
    counts = count_statuses(all_answers)
    log(f"race: {len(all_answers)} creates of {len(keys)} keys on 2 nodes ({format_counts(counts)})")
    ctx.checks.check("race: identical creates on two nodes answer one incident per key", not disagreeing,
                     f"{len(disagreeing)} of {len(keys)} keys answered with several ids" +
                     (f", e.g. {disagreeing[0]}" if disagreeing else ""))
    ctx.checks.check("race: every racing create answered 2xx (no 5xx, no silence)", not server_errors and not silent
                     and all(a.ok for a in all_answers),
                     format_counts(counts) + (f", e.g. {describe(server_errors[0])}" if server_errors else ""))
    bad = envelope_violations(ctx, all_answers)
    ctx.checks.check("race: every answer is the JSON envelope", not bad, f"{len(bad)} of {len(all_answers)}")
    # What was stored, not only what was answered: one incident per key once the read model has them.
    stored = {}

    def search(key, state):
        http_ = state.setdefault("http", Http(ctx.node_a))
        answer = http_.send("GET", f"/api/v1/incidents?external_id={key}&per_page=100", headers=ctx.service.bearer())
        ctx.journal.record("race/verify", answer, key=key)
        return key, (len(answer.data()) if answer.ok and isinstance(answer.data(), list) else None)

    verify_acks(ctx, "race", ctx.mode["verify_seconds"])
    for key, count in parallel(keys, search, 8):
        stored[key] = count
    several = {k: c for k, c in stored.items() if c is not None and c > 1}
    ctx.figures.add(duplicates=len(several))
    ctx.checks.check("race: the read model holds one incident per key", not several,
                     f"{len(several)} keys with several incidents" + (f", e.g. {next(iter(several.items()))}" if several else ""))


def scenario_db(ctx):
    """Database restart -m immediate and outage under load, at each level of requests in flight."""
    threshold = ctx.mode["recovery_threshold"]
    for level in ctx.mode["db_levels"]:
        for fault in ctx.mode["db_faults"]:
            ensure_up(ctx, f"db {fault} c={level}")
            label = f"db {fault} c={level}"
            window = ctx.mode["recovery_window"]
            load = Load(ctx, "db", f"db-{fault}-{level}", ctx.node_a, level,
                        max_seconds=ctx.mode["outage_seconds"] + window + 60)
            load.start()
            # The fault comes once the load flows: at least as many 2xx as requests in flight (a cold JVM
            # on 2 cores needs a while), and not before the warm-up time.
            warm_deadline = time.time() + 90
            time.sleep(ctx.mode["db_warmup_seconds"])
            while time.time() < warm_deadline and sum(1 for a in list(load.answers) if a.ok) < level:
                time.sleep(0.5)
            health_during = []
            down_at = time.time()
            if fault == "restart":
                ctx.db.pg_ctl("restart", "-m", "immediate")
            else:
                ctx.db.pg_ctl("stop", "-m", "immediate")
                # health is asked half-way through the outage, on a thread of its own: its answer may take a while
                def ask_health():
                    answer, status = ctx.node_a.health(timeout=ctx.mode["outage_seconds"])
                    health_during.append((answer.status, status))

                probe = threading.Timer(ctx.mode["outage_seconds"] / 2, ask_health)
                probe.start()
                time.sleep(ctx.mode["outage_seconds"])
                ctx.db.pg_ctl("start")
                probe.join()
            back_at = time.time()
            log(f"{label}: database back after {back_at - down_at:.1f} s")
            recovered_at = None
            deadline = back_at + window
            while time.time() < deadline:
                with load.lock:
                    firsts = [a.t_end for a in load.answers if a.ok and a.t_end >= back_at]
                if firsts:
                    recovered_at = min(firsts)
                    if time.time() > recovered_at + 5:
                        break   # five more seconds of load after the first 2xx, then stop
                time.sleep(0.25)
            load.stop()
            answers = load.answers
            recovery = None if recovered_at is None else recovered_at - back_at
            ctx.figures.recoveries.append(recovery)
            before = [a for a in answers if a.t_end < down_at]
            during = [a for a in answers if down_at <= a.t_end < back_at]
            after = [a for a in answers if a.t_end >= back_at]
            log(f"{label}: before {format_counts(count_statuses(before))} | during {format_counts(count_statuses(during))}"
                f" | after {format_counts(count_statuses(after))}")
            # Only 503 while the database is away (and until it answers again): never 500, never silence.
            # A 404 to a read of an incident created moments before is the read model catching up, not an error.
            wrong = [a for a in answers if a.status is not None and not a.ok and a.status != 503
                     and not (a.method == "GET" and a.status == 404)]
            silent = [a for a in answers if a.status is None]
            ctx.figures.add(server_errors=sum(1 for a in wrong if a.status >= 500), no_answer=len(silent))
            ctx.checks.check(f"{label}: only 2xx or 503 (never 500, never unanswered)", not wrong and not silent,
                             f"during {format_counts(count_statuses(during))}; after {format_counts(count_statuses(after))}"
                             + (f"; e.g. {describe(wrong[0])}" if wrong else ""))
            no_retry_after = [a for a in answers if a.status == 503 and not getattr(a, "retry_after", None)]
            ctx.checks.check(f"{label}: every 503 carries Retry-After", not no_retry_after,
                             f"{len(no_retry_after)} of {sum(1 for a in answers if a.status == 503)} without")
            bad = envelope_violations(ctx, answers)
            ctx.checks.check(f"{label}: every answer is the JSON envelope", not bad,
                             f"{len(bad)} of {len(answers)}" + (f", e.g. {describe(bad[0])}" if bad else ""))
            if fault == "outage":
                ctx.checks.check(f"{label}: /actuator/health says DOWN (503) during the outage",
                                 health_during == [(503, "DOWN")], f"answered {health_during}")
            ctx.checks.check(f"{label}: first 2xx within {threshold:g} s of the database's return",
                             recovery is not None and recovery <= threshold,
                             "never within the window" if recovery is None else f"{recovery:.1f} s")
    verify_acks(ctx, "db", ctx.mode["verify_seconds"])


# ------------------------------------------------------------------------------------- fuzz

NUL = "\u0000"
SURROGATES = ["\ud800", "\udfff", "\udbff", "a\ud800b"]
ODD_TEXT = ["\u202e", "\ufeff", "\U0001F525", "\u00e9\u0301", "\r\n", "\t", "\\", "\"", "<script>", "%00", "'; DROP TABLE x;--"]
WRONG_TYPES = [None, True, False, [], {}, "", "x", 0, -1, 1.5, [None], [[]], {"a": {}}, "null"]
NUMBERS = ["1e400", "-1e400", "99999999999999999999999999", "9223372036854775808", "-9223372036854775809",
           "1.0000000000000000000001", "0.5", "-0", "1E2", "4.0", "2147483648", "NaN", "Infinity", "0x10", "01"]


def deep_json(depth):
    """Nesting as text, so that any depth can be sent (json.dumps would recurse)."""
    return '{"d":' * depth + '"x"' + "}" * depth


class Fuzzer:
    """Body i of the fuzz is a function of (seed, i): any failing body can be made again."""

    ENDPOINTS = ("create", "alertmanager", "datadog", "pagerduty")

    def __init__(self, ctx):
        self.ctx = ctx

    def valid(self, rng, endpoint, tag):
        team = self.ctx.service.team_id
        if endpoint == "create":
            return "/api/v1/incidents", {
                "team_id": team, "title": f"fuzz {tag}", "severity": rng.randint(1, 4), "external_id": f"fuzz-{tag}",
                "source": "chaos-fuzz", "description": "fuzzed", "metadata": {"host": "web-01", "value": 92.5},
                "tags": ["fuzz", "chaos"]}
        query = f"?team_id={team}"
        if endpoint == "alertmanager":
            return "/api/v1/integrations/alertmanager" + query, alertmanager_group(
                "firing", [alertmanager_alert("firing", hashlib.sha256(tag.encode()).hexdigest()[:16], "warning", tag)])
        if endpoint == "datadog":
            return "/api/v1/integrations/datadog" + query, datadog_payload(f"cycle-{tag}", str(rng.randint(1, 10 ** 9)))
        return "/api/v1/integrations/pagerduty" + query, pagerduty_event(f"P{tag}")

    @staticmethod
    def string_slots(value, path=()):
        """Paths of every string value and every object key, for text mutations."""
        slots = []
        if isinstance(value, dict):
            for k, v in value.items():
                slots.append(("key", path, k))
                slots += Fuzzer.string_slots(v, path + (k,))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                slots += Fuzzer.string_slots(v, path + (i,))
        elif isinstance(value, str):
            slots.append(("value", path, None))
        return slots

    @staticmethod
    def value_slots(value, path=()):
        slots = [path] if path else []
        if isinstance(value, dict):
            for k, v in value.items():
                slots += Fuzzer.value_slots(v, path + (k,))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                slots += Fuzzer.value_slots(v, path + (i,))
        return slots

    @staticmethod
    def get(value, path):
        for p in path:
            value = value[p]
        return value

    @staticmethod
    def put(value, path, new):
        Fuzzer.get(value, path[:-1])[path[-1]] = new

    def mutate_text(self, rng, body, insert):
        slots = self.string_slots(body)
        kind, path, key = rng.choice(slots)
        if kind == "value":
            old = self.get(body, path)
            at = rng.randint(0, len(old))
            self.put(body, path, old[:at] + insert + old[at:])
        else:
            parent = self.get(body, path)
            parent[key[:1] + insert + key[1:]] = parent.pop(key)

    def body(self, index):
        """(endpoint, method, path, headers, body bytes, mutation name)"""
        rng = random.Random(f"{self.ctx.s.seed}-fuzz-{index}")
        endpoint = self.ENDPOINTS[index % len(self.ENDPOINTS)]
        tag = f"{self.ctx.s.run_id}-{index}"
        path, body = self.valid(rng, endpoint, tag)
        headers = self.ctx.service.bearer({"Content-Type": "application/json"})
        method = "POST"
        raw = None
        mutation = rng.choice(MUTATIONS)
        name = mutation.__name__
        result = mutation(self, rng, endpoint, body, headers, path)
        if result is not None:
            body, headers, path, method, raw = result.get("body", body), result.get("headers", headers), \
                result.get("path", path), result.get("method", method), result.get("raw")
        if raw is None:
            raw = body if isinstance(body, bytes) else json.dumps(body, ensure_ascii=rng.random() < 0.5).encode(
                "utf-8", "surrogatepass")
        return endpoint, method, path, headers, raw, name


# Each mutation changes the valid body (in place) or returns what to send instead.

def m_nul_in_text(f, rng, endpoint, body, headers, path):
    f.mutate_text(rng, body, NUL)


def m_nul_in_key_field(f, rng, endpoint, body, headers, path):
    """NUL in the deduplication key or the title: the fields that broke the projection or answered 500."""
    if endpoint == "create":
        field = rng.choice(["external_id", "title", "description", "source"])
        body[field] = body[field][:3] + NUL + body[field][3:]
        if rng.random() < 0.3:
            body["tags"] = ["a" + NUL + "b"]
    elif endpoint == "alertmanager":
        alert = body["alerts"][0]
        target = rng.choice(["fingerprint", "summary", "label"])
        if target == "fingerprint":
            alert["fingerprint"] += NUL
        elif target == "summary":
            alert["annotations"]["summary"] = "nul" + NUL + "title"
        else:
            alert["labels"]["job"] = "no" + NUL + "de"
    elif endpoint == "datadog":
        field = rng.choice(["alert_cycle_key", "title", "body", "tags", "scope"])
        body[field] = body[field] + NUL
    else:
        target = rng.choice(["id", "title", "service"])
        data = body["event"]["data"]
        if target == "id":
            data["id"] += NUL
        elif target == "title":
            data["title"] = "nul" + NUL + "title"
        else:
            data["service"]["summary"] += NUL


def m_lone_surrogate(f, rng, endpoint, body, headers, path):
    f.mutate_text(rng, body, rng.choice(SURROGATES))


def m_invalid_utf8(f, rng, endpoint, body, headers, path):
    raw = json.dumps(body).encode()
    marker = b'"' + rng.choice([b"\xff\xfe", b"\xc3\x28", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\x80"])
    at = raw.find(b'"', rng.randint(0, len(raw) - 1))
    return {"raw": raw[:at] + marker + raw[at + 1:] if at >= 0 else raw + marker}


def m_odd_text(f, rng, endpoint, body, headers, path):
    f.mutate_text(rng, body, rng.choice(ODD_TEXT))


def m_deep_nesting(f, rng, endpoint, body, headers, path):
    depth = rng.choice([31, 32, 33, 64, 200, 998, 999, 1000, 1001, 2000, 5000])
    placeholder = "__deep__"
    if endpoint == "create":
        body["metadata"] = {"nested": placeholder} if rng.random() < 0.5 else placeholder
    elif endpoint == "alertmanager":
        body["alerts"][0]["labels" if rng.random() < 0.3 else "annotations"]["nested"] = placeholder
    elif endpoint == "datadog":
        body["org"] = placeholder
    else:
        body["event"]["data"]["service"] = placeholder
    return {"raw": json.dumps(body).replace(json.dumps(placeholder), deep_json(depth), 1).encode()}


def m_huge_string(f, rng, endpoint, body, headers, path):
    size = rng.choice([256, 1000, 65535, 65536, 70000, 200000, 1100000])
    # beyond 70,000 characters one byte each, so that a body stays near the 1 MB limit (an escaped
    # emoji is 12 bytes)
    alphabet = rng.choice(["x", "é", "\U0001F525", "a b"] if size <= 70000 else ["x", "a b"])
    f.mutate_text(rng, body, (alphabet * size)[:size])


def m_huge_key_string(f, rng, endpoint, body, headers, path):
    size = rng.choice([255, 256, 300, 5000, 100000])
    long = "k" * size
    if endpoint == "create":
        body[rng.choice(["external_id", "title", "source"])] = long
    elif endpoint == "alertmanager":
        body["alerts"][0]["fingerprint"] = long
    elif endpoint == "datadog":
        body["alert_cycle_key"] = long
    else:
        body["event"]["data"]["id"] = long


def m_many_items(f, rng, endpoint, body, headers, path):
    count = rng.choice([21, 100, 1000, 20000])
    if endpoint == "create":
        body[rng.choice(["tags", "metadata"])] = ["t%d" % i for i in range(count)] if rng.random() < 0.5 else \
            {f"k{i}": i for i in range(count)}
    elif endpoint == "alertmanager":
        alerts = [alertmanager_alert("firing", hashlib.sha256(f"{path}{i}{rng.random()}".encode()).hexdigest()[:16],
                                     "info", f"many-{i}") for i in range(min(count, 300))]
        body["alerts"] = alerts
    elif endpoint == "datadog":
        body["tags"] = ",".join(f"k{i}:v{i}" for i in range(count))
    else:
        body["event"]["data"]["assignees"] = [{"id": f"U{i}"} for i in range(count)]


def m_number_overflow(f, rng, endpoint, body, headers, path):
    raw = json.dumps(body)
    number = rng.choice(NUMBERS)
    if endpoint == "create":
        field = rng.choice(['"team_id": ', '"severity": '])
        at = raw.index(field) + len(field)
        end = at
        while raw[end] not in ",}":
            end += 1
        return {"raw": (raw[:at] + number + raw[end:]).encode()}
    if endpoint == "pagerduty":
        return {"raw": raw.replace('"number": 2', '"number": ' + number).encode()}
    if endpoint == "datadog":
        body["date"] = rng.choice(["99999999999999999", "-99999999999999999", "1e30", "9223372036854775807",
                                   "1769603696000000", "abc"])
        return None
    query_team = rng.choice(["99999999999999999999", "-1", "0", "1e3", "1.5", "%00", "9223372036854775808"])
    return {"path": path.split("?")[0] + "?team_id=" + query_team}


def m_far_instant(f, rng, endpoint, body, headers, path):
    instant = rng.choice(["+294277-01-01T00:00:00Z", "-290309-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z",
                          "0000-01-01T00:00:00Z", "2026-02-30T00:00:00Z", "not a date", "+1000000000-01-01T00:00:00Z"])
    if endpoint == "alertmanager":
        body["alerts"][0][rng.choice(["startsAt", "endsAt"])] = instant
    elif endpoint == "pagerduty":
        body["event"][rng.choice(["occurred_at"])] = instant
        body["event"]["data"]["created_at"] = instant
    elif endpoint == "datadog":
        body["date"] = rng.choice(["9223372036854775807", "-9223372036854775808", "253402300800000", "-62167219200001"])
    else:
        body["metadata"]["at"] = instant


def m_wrong_type(f, rng, endpoint, body, headers, path):
    slots = f.value_slots(body)
    slot = rng.choice(slots)
    f.put(body, slot, rng.choice(WRONG_TYPES))
    if rng.random() < 0.3:
        slot = rng.choice(f.value_slots(body) or [slot])
        try:
            f.put(body, slot, rng.choice(WRONG_TYPES))
        except (KeyError, IndexError, TypeError):
            pass


def m_wrong_top_level(f, rng, endpoint, body, headers, path):
    return {"raw": rng.choice([b"[]", b"null", b"1", b'"text"', b"true", b"[{}]", b"{}", b"[" + json.dumps(body).encode() + b"]"])}


def m_malformed_json(f, rng, endpoint, body, headers, path):
    raw = json.dumps(body).encode()
    choice = rng.randrange(10)
    if choice == 0:
        return {"raw": raw[:rng.randint(0, len(raw) - 1)]}
    if choice == 1:
        return {"raw": raw + b"}garbage"}
    if choice == 2:
        return {"raw": raw.replace(b'"', b"'")}
    if choice == 3:
        return {"raw": b"\xef\xbb\xbf" + raw}
    if choice == 4:
        return {"raw": b"{/* comment */" + raw[1:]}
    if choice == 5:
        return {"raw": raw[:1] + b'"team_id": 1, "team_id": "x", ' + raw[1:]}
    if choice == 6:
        return {"raw": b""}
    if choice == 7:
        return {"raw": raw.replace(b":", b"=", 1)}
    if choice == 8:
        return {"raw": b"{" * rng.choice([10, 1000, 100000])}
    return {"raw": bytes(rng.randrange(256) for _ in range(rng.choice([1, 64, 4096])))}


def m_bad_content_type(f, rng, endpoint, body, headers, path):
    content_type = rng.choice(["text/plain", "application/xml", "text/html", "application/x-www-form-urlencoded",
                               "multipart/form-data; boundary=x", "application/json; charset=latin1",
                               "application/json; charset=bogus", "application/json, text/html", "*/*", "",
                               "application/jsonx", "json", "application/json;;;", "application/" + "j" * 5000])
    headers = dict(headers)
    if content_type:
        headers["Content-Type"] = content_type
    else:
        headers.pop("Content-Type")
    return {"headers": headers}


def m_bad_accept(f, rng, endpoint, body, headers, path):
    headers = dict(headers)
    headers["Accept"] = rng.choice(["text/html", "application/xml", "image/png", "text/csv", "*/*;q=x", "garbage"])
    return {"headers": headers}


def m_bad_authorization(f, rng, endpoint, body, headers, path):
    headers = dict(headers)
    headers["Authorization"] = rng.choice([
        "Bearer " + "x" * 9000, "Bearer " + "x" * 100000, "Bearer " + "inc_" + "A" * 40, "Basic !!!",
        "Basic " + base64.b64encode(b"admin:" + b"p" * 5000).decode(), "Bearer", "Bearer  ", "Digest abc",
        "bearer " + f.ctx.service.token, "Bearer " + f.ctx.service.token[:-1] + "0", "\u00e9\u00e9".encode("latin-1").decode("latin-1")])
    if rng.random() < 0.2:
        headers.pop("Authorization")
    return {"headers": headers}


def m_many_headers(f, rng, endpoint, body, headers, path):
    headers = dict(headers)
    for i in range(rng.choice([50, 200, 1000])):
        headers[f"X-Fuzz-{i}"] = "v" * rng.choice([10, 100])
    if rng.random() < 0.5:
        headers["X-Webhook-Id"] = "w" * 20000
    return {"headers": headers}


def m_long_query(f, rng, endpoint, body, headers, path):
    size = rng.choice([1000, 8000, 9000, 20000, 70000])
    base = path if "?" in path else path + "?"
    extra = rng.choice(["&x=", "&team_id=", "&assign_to_oncall=", "&" + "p" * 10 + "="])
    return {"path": base + extra + "a" * size}


def m_bad_query(f, rng, endpoint, body, headers, path):
    base = path.split("?")[0]
    return {"path": base + rng.choice(["?team_id=%zz", "?team_id=%00", "?team_id=%C0%80", "?team_id=%ED%A0%80",
                                       "?team_id=1&team_id=2", "?team_id[]=1", "?=&&=", "?team_id", "?%00=1",
                                       "?team_id=1&assign_to_oncall=maybe", "?team_id=1&assign_to_oncall=true",
                                       "?team_id=1&oncall_schedule_id=99999999999999999999&assign_to_oncall=true"])}


def m_wrong_method_or_path(f, rng, endpoint, body, headers, path):
    choice = rng.randrange(4)
    if choice == 0:
        return {"method": rng.choice(["PUT", "DELETE", "PATCH", "GET"])}
    if choice == 1:
        return {"path": rng.choice(["/api/v1/incidents/%00", "/api/v1/incidents/99999999999999999999",
                                    "/api/v1/incidents/-1", "/api/v1/integrations/unknown", "/api/v1/integrations/",
                                    "/api/v1/incidents/1/acknowledge/x", "/api/v1/%2e%2e/admin",
                                    "/api/v1/incidents;jsessionid=x", "/api/v1//incidents", "/api/v1/incidents/%ED%A0%80"])}
    if choice == 2:
        return {"method": "GET", "path": rng.choice(["/api/v1/incidents?per_page=1000000000000",
                                                     "/api/v1/incidents?created_from=+294277-01-01T00:00:00Z",
                                                     "/api/v1/incidents?as_of=99999999999", "/api/v1/incidents?q=%00",
                                                     "/api/v1/incidents?q=%ED%A0%80", "/api/v1/incidents?cursor=%00%00",
                                                     "/api/v1/incidents?cursor=" + "A" * 5000,
                                                     "/api/v1/incidents?team_id=" + "9" * 30,
                                                     "/api/v1/incidents/1?as_of=%2B294277-01-01T00:00:00Z",
                                                     "/api/v1/incidents/1?as_of=-290309-01-01T00:00:00Z",
                                                     "/api/v1/incidents/1?as_of=99999999999999",
                                                     "/api/v1/incidents?created_to=%2B294277-01-01T00:00:00Z",
                                                     "/api/v1/reports/incidents?from=2026-01-01&to=%2B294277-01-01T00:00:00Z",
                                                     "/api/v1/reports/incidents?from=-290309-01-01T00:00:00Z&to=2026-01-01"])}
    return {"method": rng.choice(["PUT", "DELETE"]), "path": "/api/v1/integrations/" + endpoint}


def m_pagerduty_signature(f, rng, endpoint, body, headers, path):
    headers = dict(headers)
    headers["X-PagerDuty-Signature"] = rng.choice(["v1=" + "0" * 64, "garbage", "v1=", "v1=" + "z" * 10000])
    headers["X-Webhook-Id"] = rng.choice(["", " ", "id" + NUL.encode("unicode_escape").decode(), "x" * 300])
    return {"headers": headers}


def m_status_and_transition(f, rng, endpoint, body, headers, path):
    if endpoint == "create":
        body["status"] = rng.choice(["resolved", "acknowledged", "closed", "", "OPEN", None])
        body["assign_to_oncall"] = rng.choice([True, "yes", None, False])
        if rng.random() < 0.5:
            body["oncall_schedule_id"] = rng.choice([1, 0, -5, "x", 10 ** 20])
    elif endpoint == "alertmanager":
        body["alerts"][0]["status"] = rng.choice(["resolved", "pending", "", None, 1])
        body["version"] = rng.choice(["4", "3", 4, None, ""])
    elif endpoint == "datadog":
        body["transition"] = rng.choice(["Recovered", "Re-Triggered", "$ALERT_TRANSITION", "", "Muted", None])
        body["priority"] = rng.choice(["P5", "P0", "$ALERT_PRIORITY", "", None, 1])
    else:
        body["event"]["event_type"] = rng.choice(["incident.resolved", "incident.acknowledged", "incident.reopened",
                                                  "incident.unknown", "", None])
        body["event"]["data"]["urgency"] = rng.choice(["low", "high", "", None, 3])


def m_valid(f, rng, endpoint, body, headers, path):
    """Unchanged bodies among the fuzz: they must be accepted, and their incidents stay readable."""
    return None


MUTATIONS = [m_nul_in_text, m_nul_in_key_field, m_lone_surrogate, m_invalid_utf8, m_odd_text, m_deep_nesting,
             m_huge_string, m_huge_key_string, m_many_items, m_number_overflow, m_far_instant, m_wrong_type,
             m_wrong_top_level, m_malformed_json, m_bad_content_type, m_bad_accept, m_bad_authorization,
             m_many_headers, m_long_query, m_bad_query, m_wrong_method_or_path, m_pagerduty_signature,
             m_status_and_transition, m_valid]


def scenario_fuzz(ctx):
    """Fuzzed bodies over the create and the three webhook endpoints: no 5xx, always the JSON envelope;
    then the projections catch up and every incident acknowledged during the fuzz is readable."""
    fuzzer = Fuzzer(ctx)
    count = ctx.mode["fuzz_bodies"]
    by_mutation = {}
    failures = []
    lock = threading.Lock()
    started = time.time()

    def send(index, state):
        http_ = state.setdefault("http", Http(ctx.node_a))
        endpoint, method, path, headers, raw, name = fuzzer.body(index)
        answer = http_.send(method, path, raw, headers)
        ctx.journal.record("fuzz", answer, index=index, endpoint=endpoint, mutation=name[2:])
        problems = []
        if not answer.sent:
            pass
        elif answer.status is None:
            problems.append("no answer")
        elif answer.status >= 500:
            problems.append(f"{answer.status}")
        if answer.status is not None and not answer.is_envelope():
            problems.append("not the JSON envelope")
        for incident_id in answer.incident_ids():
            ctx.acks.add("fuzz", incident_id, {"id": incident_id})
        with lock:
            stats = by_mutation.setdefault(name, {"sent": 0, "5xx": 0, "non_json": 0, "no_answer": 0, "2xx": 0})
            stats["sent"] += 1
            stats["2xx"] += answer.ok
            stats["5xx"] += answer.status is not None and answer.status >= 500
            stats["non_json"] += answer.status is not None and not answer.is_envelope()
            stats["no_answer"] += answer.status is None and answer.sent
            stats["not_sent"] = stats.get("not_sent", 0) + (not answer.sent)
            if problems:
                failures.append((index, endpoint, name, problems, answer))
        if index % 1000 == 999:
            log(f"fuzz: {index + 1} of {count} sent")
        return None

    parallel(list(range(count)), send, ctx.mode["fuzz_concurrency"])
    elapsed = time.time() - started
    server_errors = sum(s["5xx"] for s in by_mutation.values())
    non_json = sum(s["non_json"] for s in by_mutation.values())
    silent = sum(s["no_answer"] for s in by_mutation.values())
    ctx.figures.add(server_errors=server_errors, non_json=non_json, no_answer=silent)
    log(f"fuzz: {count} requests in {elapsed:.0f} s")
    print("fuzz by mutation (requests / 2xx / 5xx / non-JSON / unanswered / refused by the client itself):")
    for name, s in sorted(by_mutation.items()):
        print(f"  {name[2:]:<24} {s['sent']:>6} {s['2xx']:>6} {s['5xx']:>5} {s['non_json']:>5} {s['no_answer']:>5}"
              f" {s.get('not_sent', 0):>5}")
    examples = []
    seen = set()
    for index, endpoint, name, problems, answer in failures:
        if (name, endpoint, tuple(problems)) in seen:
            continue
        seen.add((name, endpoint, tuple(problems)))
        examples.append(f"    #{index} {endpoint} {name[2:]}: {'/'.join(problems)}: {describe(answer)}")
    if examples:
        print("fuzz failures, one per mutation, endpoint and problem (regenerate with --seed "
              f"{ctx.s.seed}; every request is in the journal):")
        print("\n".join(examples[:40]))
    ctx.checks.check("fuzz: no 5xx to bad input", server_errors == 0, f"{server_errors} of {count}")
    ctx.checks.check("fuzz: every answer is the JSON envelope", non_json == 0, f"{non_json} of {count}")
    ctx.checks.check("fuzz: every request answered", silent == 0, f"{silent} of {count} unanswered")
    caught_up(ctx, "fuzz")
    verify_acks(ctx, "fuzz", ctx.mode["verify_seconds"])


# ------------------------------------------------------------------------------ end checks

def caught_up(ctx, label):
    """Every processor at the head of the event stream (lag 0, caught_up) within the wait."""
    deadline = time.time() + ctx.mode["catch_up_seconds"]
    last = None
    while True:
        answer, projections = ctx.service.projections(ctx.node_a)
        if projections is not None:
            last = [(p.get("name"), p.get("lag"), p.get("caught_up")) for p in projections]
            if all(p.get("caught_up") is True and p.get("lag") == 0 for p in projections):
                break
        else:
            last = f"GET /api/v1/admin/projections answered {answer.status}: {answer.answer[:200]!r}"
        if time.time() > deadline:
            break
        time.sleep(1.0)
    ok = projections is not None and all(p.get("caught_up") is True and p.get("lag") == 0 for p in projections)
    ctx.figures.caught_up = ok if ctx.figures.caught_up is None else (ctx.figures.caught_up and ok)
    ctx.checks.check(f"{label}: every projection caught up (lag 0) within {ctx.mode['catch_up_seconds']} s", ok, str(last))
    return ok


def dead_letters(ctx):
    """Dead letters, from the admin API (any field naming dead letters) and from the dead-letter tables.
    The suite never sends anything a projection may legitimately refuse, so each one is unexplained."""
    from_api = 0
    answer, projections = ctx.service.projections(ctx.node_a)
    for p in projections or []:
        for key, value in p.items():
            if "dead" in key.lower():
                if isinstance(value, bool):
                    continue
                if isinstance(value, int):
                    from_api += value
                elif isinstance(value, list):
                    from_api += len(value)
                elif isinstance(value, dict):
                    from_api += sum(v for k, v in value.items() if isinstance(v, int) and k in ("count", "total", "size"))
    tables = ctx.db.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
                          "AND table_name ILIKE '%dead%letter%'")
    from_tables = 0
    causes = []
    for (table,) in tables:
        from_tables += int(ctx.db.query(f'SELECT count(*) FROM "{table}"')[0][0])
        columns = [c for (c,) in ctx.db.query(
            f"SELECT column_name FROM information_schema.columns WHERE table_name = '{table}' AND column_name ILIKE '%cause%'")]
        if columns:
            causes += [" ".join(r) for r in ctx.db.query(
                f'SELECT {", ".join(chr(34) + c + chr(34) for c in columns)} FROM "{table}" LIMIT 3')]
    count = max(from_api, from_tables)
    ctx.figures.dead_letters = count
    where = f"admin API {from_api}, tables {', '.join(t for (t,) in tables) or '(none yet)'} {from_tables}"
    ctx.checks.check("no dead letter (the suite sends nothing a projection may refuse)", count == 0,
                     where + (f"; causes: {'; '.join(causes)[:400]}" if causes else ""))


def duplicates_in_read_model(ctx):
    """One open incident per (team, external id) across everything the run created."""
    rows = ctx.db.query("SELECT team_id, external_id, count(*) FROM incident_view WHERE external_id IS NOT NULL "
                        "AND status <> 'resolved' GROUP BY team_id, external_id HAVING count(*) > 1")
    ctx.figures.add(duplicates=len(rows))
    ctx.checks.check("read model: one open incident per team and external id", not rows,
                     f"{len(rows)} keys with several open incidents" + (f", e.g. {rows[0]}" if rows else ""))


# ----------------------------------------------------------------------------------- main

MODES = {
    "full": {"kills": 10, "kill_concurrency": 32, "race_keys": 500, "db_levels": [16, 64, 128],
             "db_faults": ["restart", "outage"], "outage_seconds": 20, "db_warmup_seconds": 5, "recovery_window": 60,
             "fuzz_bodies": 20000, "fuzz_concurrency": 16, "verify_seconds": 60, "catch_up_seconds": 60,
             "recovery_threshold": 5.0},
    "short": {"kills": 1, "kill_concurrency": 16, "race_keys": 50, "db_levels": [64], "db_faults": ["restart"],
              "outage_seconds": 20, "db_warmup_seconds": 4, "recovery_window": 20, "fuzz_bodies": 400,
              "fuzz_concurrency": 6, "verify_seconds": 20, "catch_up_seconds": 20, "recovery_threshold": 5.0},
}


class Settings:
    pass


class Context:
    def __init__(self, settings, mode):
        self.s = settings
        self.mode = mode
        self.rng = random.Random(f"{settings.seed}-main")
        self.journal = Journal(os.path.join(settings.out, "journal.jsonl"))
        self.checks = Checks()
        self.figures = Figures()
        self.acks = Acks()
        self.db = Database(settings)
        self.node_a = Node("a", free_port(), settings)
        self.node_b = None
        self.service = None

    def start_nodes(self, two):
        """Node a takes the load; node b (for the race) starts alongside it and stays up, idle, so that the
        run pays for one start-up, not two in a row."""
        if two:
            self.node_b = Node("b", free_port(), self.s)
        for node in self.nodes():
            node.start()
        for node in self.nodes():
            node.wait_up()

    def nodes(self):
        return [n for n in (self.node_a, self.node_b) if n is not None]


def parse_args():
    parser = argparse.ArgumentParser(description="chaos suite client (start it with chaos/run.sh)")
    parser.add_argument("--short", action="store_true")
    parser.add_argument("--only", default=",".join(SCENARIOS))
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    only = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = [s for s in only if s not in SCENARIOS]
    if unknown or not only:
        raise SetupError(f"--only takes a comma-separated subset of {','.join(SCENARIOS)}, not '{args.only}'")
    return args, [s for s in SCENARIOS if s in only]


def overrides(mode):
    for name, key, convert in (("CHAOS_FUZZ_BODIES", "fuzz_bodies", int), ("CHAOS_KILLS", "kills", int),
                               ("CHAOS_OUTAGE_SECONDS", "outage_seconds", float), ("CHAOS_RACE_KEYS", "race_keys", int),
                               ("CHAOS_RECOVERY_THRESHOLD", "recovery_threshold", float),
                               ("CHAOS_DB_LEVELS", "db_levels", lambda v: [int(x) for x in v.replace(",", " ").split()]),
                               ("CHAOS_DB_FAULTS", "db_faults", lambda v: v.replace(",", " ").split())):
        if os.environ.get(name):
            try:
                mode[key] = convert(os.environ[name])
            except ValueError:
                raise SetupError(f"{name}='{os.environ[name]}' is not valid")
    bad_faults = [f for f in mode["db_faults"] if f not in ("restart", "outage")]
    if bad_faults:
        raise SetupError(f"CHAOS_DB_FAULTS takes restart and/or outage, not {bad_faults}")
    return mode


def main():
    args, scenarios = parse_args()
    settings = Settings()
    settings.out = env("CHAOS_OUT")
    settings.jar = env("CHAOS_JAR")
    settings.pg_ctl = env("CHAOS_PG_CTL")
    settings.pg_data = env("CHAOS_PG_DATA")
    settings.pg_log = env("CHAOS_PG_LOG")
    settings.pg_socket_dir = env("CHAOS_PG_SOCKET_DIR")
    settings.pg_port = int(env("CHAOS_PG_PORT"))
    settings.psql = env("CHAOS_PSQL")
    settings.java_opts = os.environ.get("CHAOS_JAVA_OPTS", "")
    settings.seed = args.seed if args.seed is not None else random.randrange(10 ** 6)
    settings.run_id = f"{time.strftime('%H%M%S')}-{settings.seed}"
    settings.admin_password = f"chaos-{random.randrange(10 ** 12)}"
    mode_name = "short" if args.short else "full"
    mode = overrides(dict(MODES[mode_name]))

    ctx = Context(settings, mode)

    def terminate(signum, frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, terminate)
    # answers may echo metadata nested ~1,000 levels deep: json.loads recurses once per level
    sys.setrecursionlimit(12000)
    threading.stack_size(64 * 1024 * 1024)
    started = time.time()
    log(f"mode {mode_name}, scenarios {','.join(scenarios)}, seed {settings.seed}")
    try:
        ctx.start_nodes("race" in scenarios)
        ctx.service = Service(settings, ctx.node_a)
        for name in scenarios:
            log(f"== scenario {name}")
            ensure_up(ctx, name)
            globals()[f"scenario_{name}"](ctx)
        log("== end of run")
        if ctx.figures.caught_up is None or "fuzz" not in scenarios:
            caught_up(ctx, "end")
        dead_letters(ctx)
        duplicates_in_read_model(ctx)
    finally:
        for node in ctx.nodes():
            node.stop()
        ctx.journal.close()

    f = ctx.figures
    measured = [r for r in f.recoveries if r is not None]
    never = len(f.recoveries) - len(measured)
    recovery = ("n/a" if not f.recoveries else "never" if never else f"{max(measured):.1f} s")
    print()
    print(f"== chaos figures ({mode_name}, seed {settings.seed}, {time.time() - started:.0f} s; "
          f"journal of {ctx.journal.count} requests in {os.path.relpath(os.path.join(settings.out, 'journal.jsonl'))})")
    print(f"acknowledged incidents lost:        {f.lost}   (threshold 0)")
    print(f"duplicates:                         {f.duplicates}   (threshold 0)")
    print(f"5xx (503 only while the DB is down): {f.server_errors}   (threshold 0)")
    print(f"non-JSON answers:                   {f.non_json}   (threshold 0)")
    print(f"unanswered requests (node up):      {f.no_answer}   (threshold 0)")
    print(f"projections caught up:              {'yes' if f.caught_up else 'no'}")
    print(f"dead letters:                       {f.dead_letters}   (threshold 0 unexplained)")
    print(f"recovery after the database returns: {recovery}   (threshold {mode['recovery_threshold']:g} s; "
          f"{', '.join('never' if r is None else f'{r:.1f}' for r in f.recoveries) or 'no database fault run'})")
    print(f"chaos: {f.lost} lost, {f.duplicates} duplicates, {f.server_errors} 5xx, {f.non_json} non-JSON, "
          f"recovery {recovery}")
    failed = len(ctx.checks.failed)
    print(f"{len(ctx.checks.results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except SetupError as e:
        print(f"\n[chaos] ERROR: {e}\n", file=sys.stderr)
        sys.exit(3)
    except Exception:   # noqa: BLE001 - a bug of the client is a set-up failure, not a verdict on the service
        import traceback
        traceback.print_exc()
        print("\n[chaos] ERROR: the chaos client failed (traceback above)\n", file=sys.stderr)
        sys.exit(3)
