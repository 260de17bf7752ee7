#!/usr/bin/env python3
"""followupd beside the tools a user would pick instead, in one run
(scripts/bench.sh starts the mail stack and builds; this measures).

Every figure is the median of RUNS alternating runs of followupd and its
peer (curl for IMAP, sqlite3 for the store's listings), on a real Dovecot
over TLS on loopback, with mailboxes written straight into its Maildir and
databases made through the store's own API (followupd-bench-seed). It
prints figures, never a verdict: goals live in the issue, not in a test.
"""
import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import time

HEADER_FIELDS = "FROM TO CC SUBJECT DATE MESSAGE-ID IN-REPLY-TO REFERENCES AUTO-SUBMITTED REPLY-TO LIST-ID LIST-UNSUBSCRIBE"


def load_stack(stack):
    env = {}
    with open(os.path.join(stack, "stack.env")) as f:
        for line in f:
            k, _, v = line.strip().partition("=")
            env[k] = v
    passwords = {}
    with open(os.path.join(stack, "passwords")) as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 2:
                passwords[parts[0]] = parts[1]
    return env, passwords


class Mailbox:
    """The candidate's INBOX as Dovecot keeps it: files in a Maildir."""

    def __init__(self, stack, rng):
        self.base = os.path.join(stack, "mail", "example.test", "candidate")
        for sub in ("new", "cur", "tmp"):
            os.makedirs(os.path.join(self.base, sub), exist_ok=True)
        st = os.stat(os.path.join(stack, "mail"))
        self.owner = (st.st_uid, st.st_gid)
        for path in (self.base, *(os.path.join(self.base, s) for s in ("new", "cur", "tmp"))):
            os.chown(path, *self.owner)
        self.rng = rng
        self.count = 0

    def add(self, n, contacts=(), days_back=30):
        """n messages of the kinds a job seeker's inbox holds, received over the last `days_back` days."""
        now = time.time()
        for _ in range(n):
            self.count += 1
            i = self.count
            kind = self.rng.random()
            if contacts and kind < 0.02:
                sender = self.rng.choice(contacts)
                subject, extra = "Re: Thank you", ""
            elif kind < 0.45:
                sender = f"news@letters{i % 97}.example"
                subject, extra = f"Your weekly digest #{i}", f"List-Unsubscribe: <mailto:unsubscribe@letters{i % 97}.example>\r\n"
            elif kind < 0.7:
                sender = f"jobs-noreply@platform{i % 13}.example"
                subject, extra = f"{i % 40 + 3} new jobs for you", "Auto-Submitted: auto-generated\r\n"
            else:
                sender = f"friend{i % 500}@mail{i % 7}.example"
                subject, extra = f"About the weekend ({i})", ""
            received = now - self.rng.random() * days_back * 86400
            date = time.strftime("%a, %d %b %Y %H:%M:%S +0000", time.gmtime(received))
            body = ("Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * self.rng.randint(5, 40)) + "\r\n"
            text = (f"From: {sender}\r\nTo: candidate@example.test\r\nSubject: {subject}\r\nDate: {date}\r\n"
                    f"Message-ID: <bench-{i}-{self.rng.getrandbits(48):x}@bench.example>\r\nMIME-Version: 1.0\r\n"
                    f"Content-Type: text/plain; charset=utf-8\r\n{extra}\r\n{body}")
            name = f"{int(now)}.B{i}.bench"
            tmp, new = os.path.join(self.base, "tmp", name), os.path.join(self.base, "new", name)
            with open(tmp, "w") as f:
                f.write(text)
            os.chown(tmp, *self.owner)
            os.utime(tmp, (received, received))
            os.rename(tmp, new)


class Bench:
    def __init__(self, args):
        self.args = args
        self.env, passwords = load_stack(args.stack)
        self.password = passwords["candidate@example.test"]
        self.work = args.work
        os.makedirs(self.work, exist_ok=True)
        self.password_file = os.path.join(self.work, "password")
        with open(self.password_file, "w") as f:
            f.write(self.password)
        os.chmod(self.password_file, 0o600)
        self.rng = random.Random(20261204)
        self.rows = []

    # --- the programs -------------------------------------------------------

    def config(self, name):
        db = os.path.join(self.work, name + ".sqlite")
        path = os.path.join(self.work, name + ".toml")
        with open(path, "w") as f:
            f.write(f"""[identity]
name = "Morgan Lee"
email = "candidate@example.test"
timezone = "Europe/Berlin"

[imap]
url = "imap://127.0.0.1:{self.env['IMAP_PORT']}"
username = "candidate@example.test"
password_file = "{self.password_file}"
ca_file = "{self.env['CA_FILE']}"
folders = ["INBOX"]

[smtp]
url = "smtp://127.0.0.1:{self.env['SUBMISSION_PORT']}"
username = "candidate@example.test"
password_file = "{self.password_file}"
ca_file = "{self.env['CA_FILE']}"

[daemon]
database = "{db}"
""")
        return path, db

    def seed(self, db, apps):
        if os.path.exists(db):
            os.remove(db)
        subprocess.run([os.path.join(self.args.bin, "followupd-bench-seed"), db, str(apps)], check=True,
                       stdout=subprocess.DEVNULL)

    def followupd(self, config):
        return [os.path.join(self.args.bin, "followupd"), "--config", config, "--once"]

    def fuctl(self, config, *words):
        return [os.path.join(self.args.bin, "fuctl"), *words, "--config", config]

    def curl(self, command, mailbox="INBOX"):
        return ["curl", "-sS", "--ssl-reqd", "--cacert", self.env["CA_FILE"], "-u", f"candidate@example.test:{self.password}",
                f"imap://127.0.0.1:{self.env['IMAP_PORT']}/{mailbox}", "-X", command, "-o", "/dev/null"]

    # --- measuring ----------------------------------------------------------

    @staticmethod
    def timed(cmd, before=None):
        if before:
            before()
        begun = time.perf_counter()
        done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        elapsed = time.perf_counter() - begun
        # fuctl status says "followupd not running" with 3: the bench runs no daemon then.
        if done.returncode != 0 and not (done.returncode == 3 and "status" in cmd):
            sys.exit(f"bench: {' '.join(cmd[:3])}… failed ({done.returncode}): {done.stderr.decode()[-400:]}")
        return elapsed

    def compare(self, figure, ours, peer, peer_name, before=None):
        """Alternating runs; the medians and their ratio. `peer` may be a function
        giving the command at the moment it runs (what is new then)."""
        a, b = [], []
        for _ in range(self.args.runs):
            a.append(self.timed(ours, before))
            b.append(self.timed(peer() if callable(peer) else peer))
        ma, mb = statistics.median(a), statistics.median(b)
        self.rows.append((figure, f"{ma * 1000:.0f} ms", f"{peer_name}: {mb * 1000:.0f} ms", f"{ma / mb:.1f}×"))
        print(f"  {figure}: followupd {ma * 1000:.0f} ms, {peer_name} {mb * 1000:.0f} ms", flush=True)

    # --- the figures --------------------------------------------------------

    def mailbox_figures(self, sizes, apps_list, new):
        box = Mailbox(self.args.stack, self.rng)
        contacts = [f"dana.roe@company{i}.example" for i in range(1, max(apps_list) + 1)]
        for size in sizes:
            box.add(size - box.count, contacts)
            # Dovecot indexes them once (a small answer: libcurl counts an IMAP response against a 300 KB header limit).
            subprocess.run(self.curl("UID SEARCH UID *"), check=True)
            config, db = self.config(f"steady-{size}")
            self.seed(db, apps_list[0])
            subprocess.run(self.followupd(config), check=True, stderr=subprocess.DEVNULL)  # the first check
            self.compare(f"steady check, nothing new, INBOX {size:,}, {apps_list[0]} applications",
                         self.followupd(config), self.curl("UID FETCH *:* (UID)"), "curl login+SELECT+UID FETCH")
        for apps in apps_list:
            config, db = self.config(f"new-{apps}")
            self.seed(db, apps)
            subprocess.run(self.followupd(config), check=True, stderr=subprocess.DEVNULL)
            self.compare(f"{new} new messages since the last check, {apps} applications",
                         self.followupd(config),
                         lambda: self.curl(f"UID FETCH {max(1, box.count - new + 1)}:* (UID BODY.PEEK[HEADER.FIELDS ({HEADER_FIELDS})])"),
                         "curl headers of the new", before=lambda: box.add(new, contacts, days_back=0.01))

    def store_figures(self, apps):
        config, db = self.config(f"store-{apps}")
        self.seed(db, apps)
        queries = {
            "queue": "SELECT d.id, d.kind, d.due, d.recipient_email, d.subject FROM drafts d JOIN applications a ON a.id = d.application_id WHERE d.state = 'drafted' ORDER BY d.due;",
            "list": "SELECT a.id, a.company, a.role, a.outcome, MAX(e.start) FROM applications a JOIN events e ON e.application_id = a.id GROUP BY a.id ORDER BY a.id;",
            "status": "SELECT state, COUNT(*) FROM drafts GROUP BY state;",
        }
        for command, sql in queries.items():
            self.compare(f"fuctl {command}, {apps:,} applications", self.fuctl(config, command),
                         ["sqlite3", db, sql], "sqlite3, the same query")

    def idle_memory(self, seconds):
        config, db = self.config("idle")
        self.seed(db, 20)
        daemon = subprocess.Popen([os.path.join(self.args.bin, "followupd"), "--config", config],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            time.sleep(seconds)
            with open(f"/proc/{daemon.pid}/status") as f:
                status = {line.split(":")[0]: int(line.split()[1]) for line in f if line.split(":")[0] in ("VmRSS", "RssAnon")}
        finally:
            daemon.terminate()
            daemon.wait(timeout=30)
        # Most of it is the shared libraries' pages (Foundation, ICU): the heap is RssAnon.
        self.rows.append((f"idle daemon RSS, {seconds} s after start", f"{status['VmRSS'] / 1024:.1f} MB",
                          f"of it its own heap and stacks (RssAnon): {status['RssAnon'] / 1024:.1f} MB", "-"))
        print(f"  idle RSS after {seconds} s: {status['VmRSS'] / 1024:.1f} MB, anonymous {status['RssAnon'] / 1024:.1f} MB", flush=True)

    def report(self):
        load = open("/proc/loadavg").read().split()[:3]
        print(f"\nfollowupd bench ({'quick' if self.args.quick else 'full'}; release build; loopback with TLS; "
              f"medians of {self.args.runs} alternating runs; load {' '.join(load)})\n")
        widths = [max(len(r[i]) for r in self.rows + [("figure", "followupd", "peer (same run)", "ratio")]) for i in range(4)]
        for row in [("figure", "followupd", "peer (same run)", "ratio")] + self.rows:
            print("| " + " | ".join(cell.ljust(w) for cell, w in zip(row, widths)) + " |")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--quick", action="store_true")
    p.add_argument("--stack", required=True)
    p.add_argument("--bin", required=True)
    p.add_argument("--work", required=True)
    p.add_argument("--runs", type=int, default=5)
    args = p.parse_args()
    for tool in ("curl", "sqlite3"):
        if not shutil.which(tool):
            sys.exit(f"bench: {tool} is missing (scripts/install-deps.sh --bench)")
    bench = Bench(args)
    if args.quick:
        bench.mailbox_figures(sizes=[1000], apps_list=[20, 200], new=100)
        bench.store_figures(1000)
        bench.idle_memory(10)
    else:
        bench.mailbox_figures(sizes=[1000, 10000, 100000], apps_list=[20, 200], new=100)
        bench.store_figures(10000)
        bench.idle_memory(30)
    bench.report()


if __name__ == "__main__":
    main()
