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
import tempfile
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

    def add(self, n, contacts=(), days_back=3 * 365):
        """n messages of the kinds a job seeker's inbox holds, received over the
        last `days_back` days (years of mail), those from contacts in the last 30."""
        now = time.time()
        for _ in range(n):
            self.count += 1
            i = self.count
            kind = self.rng.random()
            back = days_back
            if contacts and kind < 0.02:
                sender = self.rng.choice(contacts)
                subject, extra = "Re: Thank you", ""
                back = min(days_back, 30)
            elif kind < 0.45:
                sender = f"news@letters{i % 97}.example"
                subject, extra = f"Your weekly digest #{i}", f"List-Unsubscribe: <mailto:unsubscribe@letters{i % 97}.example>\r\n"
            elif kind < 0.7:
                sender = f"jobs-noreply@platform{i % 13}.example"
                subject, extra = f"{i % 40 + 3} new jobs for you", "Auto-Submitted: auto-generated\r\n"
            else:
                sender = f"friend{i % 500}@mail{i % 7}.example"
                subject, extra = f"About the weekend ({i})", ""
            received = now - self.rng.random() * back * 86400
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
        self.env, self.passwords = load_stack(args.stack)
        self.work = args.work
        os.makedirs(self.work, exist_ok=True)
        for user, password in self.passwords.items():
            with open(self.password_file(user), "w") as f:
                f.write(password)
            os.chmod(self.password_file(user), 0o600)
        self.rng = random.Random(20261204)
        self.rows = []

    # --- the programs -------------------------------------------------------

    # The job seeker's mailbox, which the mailbox figures fill; the figures
    # about sending and about the number of applications use an account of
    # their own, so that its check reads what they are about, not that mailbox.
    USER = "candidate@example.test"
    QUIET_USER = "recruiter@employer.test"

    def password_file(self, user):
        return os.path.join(self.work, "password-" + user)

    def login(self, user):
        return f"{user}:{self.passwords[user]}"

    def config(self, name, extra="", user=USER):
        db = os.path.join(self.work, name + ".sqlite")
        path = os.path.join(self.work, name + ".toml")
        with open(path, "w") as f:
            f.write(f"""[identity]
name = "Morgan Lee"
email = "{user}"
timezone = "Europe/Berlin"

[imap]
url = "imap://127.0.0.1:{self.env['IMAP_PORT']}"
username = "{user}"
password_file = "{self.password_file(user)}"
ca_file = "{self.env['CA_FILE']}"
folders = ["INBOX"]

[smtp]
url = "smtp://127.0.0.1:{self.env['SUBMISSION_PORT']}"
username = "{user}"
password_file = "{self.password_file(user)}"
ca_file = "{self.env['CA_FILE']}"

[daemon]
database = "{db}"
{extra}""")
        return path, db

    @staticmethod
    def remove_database(db):
        # Its marker too: the store refuses a database gone missing behind its marker.
        for suffix in ("", "-wal", "-shm", ".marker", ".lock"):
            if os.path.exists(db + suffix):
                os.remove(db + suffix)

    def seed(self, db, apps):
        self.remove_database(db)
        subprocess.run([os.path.join(self.args.bin, "followupd-bench-seed"), db, str(apps)], check=True,
                       stdout=subprocess.DEVNULL)
        # Everything in the main file, so that a copy of it is the whole database.
        subprocess.run(["sqlite3", db, "PRAGMA wal_checkpoint(TRUNCATE);"], check=True, stdout=subprocess.DEVNULL)

    def followupd(self, config):
        return [os.path.join(self.args.bin, "followupd"), "--config", config, "--once"]

    def fuctl(self, config, *words):
        return [os.path.join(self.args.bin, "fuctl"), *words, "--config", config]

    def curl(self, command, mailbox="INBOX", user=USER):
        return ["curl", "-sS", "--ssl-reqd", "--cacert", self.env["CA_FILE"], "-u", self.login(user),
                f"imap://127.0.0.1:{self.env['IMAP_PORT']}/{mailbox}", "-X", command, "-o", "/dev/null"]

    # --- measuring ----------------------------------------------------------

    @staticmethod
    def run(cmd):
        """One program to its end: seconds taken and its peak RSS in MB."""
        with tempfile.TemporaryFile() as err:
            begun = time.perf_counter()
            child = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err)
            out = child.stdout.read()
            _, status, usage = os.wait4(child.pid, 0)
            elapsed = time.perf_counter() - begun
            child.returncode = os.waitstatus_to_exitcode(status)
            child.stdout.close()
            # fuctl status says "followupd not running" with 3: the bench runs no daemon then.
            if child.returncode != 0 and not (child.returncode == 3 and "status" in cmd):
                err.seek(0)
                sys.exit(f"bench: {' '.join(cmd[:3])}… failed ({child.returncode}): {err.read().decode()[-400:]}")
        return elapsed, out, usage.ru_maxrss / 1024

    def timed(self, cmd, before=None):
        """`cmd`: a command, a list of them run one after the other (one peer
        made of several programs), or a function giving either when it runs."""
        if before:
            before()
        cmd = cmd() if callable(cmd) else cmd
        if isinstance(cmd, float):  # a peer that ran itself
            return cmd
        return sum(self.run(c)[0] for c in (cmd if isinstance(cmd[0], list) else [cmd]))

    def compare(self, figure, ours, peer, peer_name, before=None):
        """Alternating runs; the medians and their ratio. `before` runs ahead of
        each of ours (what is new then)."""
        a, b = [], []
        for _ in range(self.args.runs):
            a.append(self.timed(ours, before))
            b.append(self.timed(peer))
        ma, mb = statistics.median(a), statistics.median(b)
        ratio = ma / mb
        self.rows.append((figure, f"{ma * 1000:.0f} ms", f"{peer_name}: {mb * 1000:.0f} ms",
                          f"{ratio:.1f}×" if ratio >= 1 else f"{ratio:.2f}× ({1 / ratio:.1f}× faster)"))
        print(f"  {figure}: followupd {ma * 1000:.0f} ms, {peer_name} {mb * 1000:.0f} ms", flush=True)

    # --- the figures --------------------------------------------------------

    def curl_many(self, requests, name):
        """One curl process on one connection for many IMAP commands (--next)."""
        path = os.path.join(self.work, name + ".curl")
        with open(path, "w") as f:
            for k, request in enumerate(requests):
                f.write(("next\n" if k else "") + f'silent\nshow-error\nssl-reqd\ncacert = "{self.env["CA_FILE"]}"\n'
                        f'user = "{self.login(self.USER)}"\nurl = "imap://127.0.0.1:{self.env["IMAP_PORT"]}/INBOX"\n'
                        f'request = "{request}"\noutput = "/dev/null"\n')
        os.chmod(path, 0o600)
        return ["curl", "-K", path]

    def headers_in_chunks(self, uids, name):
        return self.curl_many([f"UID FETCH {','.join(map(str, uids[k:k + 100]))} (UID BODY.PEEK[HEADER.FIELDS ({HEADER_FIELDS})])"
                               for k in range(0, len(uids), 100)], name)

    def search_then_headers(self, since):
        """curl's first check by date: one ESEARCH (a single short line), then the headers of what it found."""
        search = self.curl(f"UID SEARCH RETURN (ALL) SINCE {time.strftime('%d-%b-%Y', time.gmtime(since))}")
        search[search.index("-o") + 1] = "-"
        elapsed, out, _ = self.run(search)
        found = out.decode().split(" ALL ")[-1].split()[0] if b" ALL " in out else ""
        uids = [u for part in found.split(",") if part for u in
                (range(int(part.split(":")[0]), int(part.split(":")[1]) + 1) if ":" in part else [int(part)])]
        return elapsed + (self.run(self.headers_in_chunks(uids, "first"))[0] if uids else 0.0)

    def imapfilter(self, contacts):
        """imapfilter's way to the same replies: a FROM search per contact, then each match's header."""
        home = os.path.join(self.work, "imapfilter")
        os.makedirs(home, exist_ok=True)
        path = os.path.join(home, "config.lua")
        with open(path, "w") as f:
            f.write(f"""options.info = false
options.timeout = 300
local account = IMAP {{ server = '127.0.0.1', port = {self.env['IMAPS_PORT']}, username = '{self.USER}',
                        password = '{self.passwords[self.USER]}', ssl = 'auto' }}
for _, contact in ipairs({{ {', '.join(repr(c) for c in contacts)} }}) do
  for _, message in ipairs(account.INBOX:contain_from(contact)) do
    local mailbox, uid = table.unpack(message)
    mailbox[uid]:fetch_header()
  end
end
""")
        os.chmod(path, 0o600)
        return ["env", f"HOME={home}", "imapfilter", "-t", self.env["CA_FILE"], "-c", path]

    def mailbox_figures(self, sizes, apps_list, new_counts, first_check_apps):
        box = Mailbox(self.args.stack, self.rng)
        contacts = [f"dana.roe@company{i}.example" for i in range(1, max(apps_list + [first_check_apps]) + 1)]
        for size in sizes:
            box.add(size - box.count, contacts)
            # Dovecot indexes them once (a small answer: libcurl counts an IMAP response against a 300 KB header limit).
            subprocess.run(self.curl("UID SEARCH UID *"), check=True)
            config, db = self.config(f"steady-{size}")
            self.seed(db, apps_list[0])
            subprocess.run(self.followupd(config), check=True, stderr=subprocess.DEVNULL)  # the first check
            self.compare(f"steady check, nothing new, INBOX {size:,}, {apps_list[0]} applications",
                         self.followupd(config), self.curl("UID FETCH *:* (UID)"), "curl login+EXAMINE+UID FETCH")
            if size == sizes[0]:
                self.compare("a tick with nothing to do, whole process", self.followupd(config), ["true"], "`true`, a process's start")
            self.first_check(size, apps_list[0], box, "read by date since the earliest interview",
                             lambda: self.search_then_headers(time.time() - 37 * 86400), "curl ESEARCH SINCE + headers, 100 a FETCH")
            if size == sizes[-1]:
                self.first_check(size, first_check_apps, box, f"matching {first_check_apps} tracked contacts",
                                 self.imapfilter(contacts[:first_check_apps]), f"imapfilter, {first_check_apps} contain_from")
        for apps in apps_list:
            config, db = self.config(f"new-{apps}")
            self.seed(db, apps)
            subprocess.run(self.followupd(config), check=True, stderr=subprocess.DEVNULL)
            for new in new_counts if apps == apps_list[0] else new_counts[:1]:
                newest = {}

                def arrive(n=new):
                    newest["first"] = box.count + 1
                    box.add(n, contacts, days_back=0.01)
                # The peer reads what followupd read in the run just before it.
                self.compare(f"{new:,} new messages since the last check, {apps} applications", self.followupd(config),
                             lambda: self.headers_in_chunks(list(range(newest["first"], box.count + 1)), "new"),
                             "curl headers of the new, 100 a FETCH", before=arrive)

    def first_check(self, size, apps, box, what, peer, peer_name):
        """The first check of a database that has never read the INBOX."""
        config, db = self.config(f"first-{apps}")
        template = db + ".template"
        self.seed(template, apps)

        def fresh():
            self.remove_database(db)
            shutil.copy(template, db)
        self.compare(f"first check, INBOX {size:,}, {what}", self.followupd(config), peer, peer_name, before=fresh)

    def send_figures(self):
        """A tick that sends one approved draft (check, SMTP, APPEND to Sent), beside curl doing the same and msmtp."""
        # Any hour of any day, so that the bench sends whenever it runs.
        user = self.QUIET_USER
        config, db = self.config("send", '[policy]\nsend_window = "Mon-Sun 00:00-23:59"\n', user=user)
        self.seed(db, 20)
        subprocess.run(self.followupd(config), check=True, stderr=subprocess.DEVNULL)
        message = os.path.join(self.work, "message.eml")
        with open(message, "w") as f:
            f.write(f"From: Morgan Lee <{user}>\r\nTo: hr@employer.test\r\nSubject: Thank you\r\n"
                    "Message-ID: <bench-peer@example.test>\r\nDate: Mon, 07 Dec 2026 10:00:00 +0000\r\n\r\n"
                    "Dear Dana,\r\n\r\nthank you for your time.\r\n\r\nMorgan\r\n")
        smtp = ["curl", "-sS", "--ssl-reqd", "--cacert", self.env["CA_FILE"], "-u", self.login(user),
                f"smtp://127.0.0.1:{self.env['SUBMISSION_PORT']}", "--mail-from", user,
                "--mail-rcpt", "hr@employer.test", "-T", message]
        append = ["curl", "-sS", "--ssl-reqd", "--cacert", self.env["CA_FILE"], "-u", self.login(user),
                  f"imap://127.0.0.1:{self.env['IMAP_PORT']}/Sent", "-T", message]
        msmtprc = os.path.join(self.work, "msmtprc")
        with open(msmtprc, "w") as f:
            f.write(f"account bench\nhost 127.0.0.1\nport {self.env['SUBMISSION_PORT']}\ntls on\ntls_starttls on\n"
                    f"tls_trust_file {self.env['CA_FILE']}\nauth on\nuser {user}\n"
                    f"passwordeval cat {self.password_file(user)}\nfrom {user}\naccount default : bench\n")
        os.chmod(msmtprc, 0o600)
        ready = [os.path.join(self.args.bin, "followupd-bench-seed"), db, "--ready-to-send", "1"]
        sent = self.sent_count(db)
        self.compare("a tick that sends one approved draft", self.followupd(config),
                     [self.curl("UID FETCH *:* (UID)", user=user), smtp, append], "curl check + SMTP + APPEND",
                     before=lambda: subprocess.run(ready, check=True, stdout=subprocess.DEVNULL))
        if self.sent_count(db) - sent != self.args.runs:
            sys.exit(f"bench: the send ticks sent {self.sent_count(db) - sent} drafts, not {self.args.runs}")
        self.compare("a tick that sends one approved draft", self.followupd(config),
                     ["sh", "-c", f"msmtp -C {msmtprc} hr@employer.test < {message}"], "msmtp, the SMTP part alone",
                     before=lambda: subprocess.run(ready, check=True, stdout=subprocess.DEVNULL))

    @staticmethod
    def sent_count(db):
        return int(subprocess.run(["sqlite3", db, "SELECT COUNT(*) FROM drafts WHERE state = 'sent'"], check=True,
                                  capture_output=True).stdout)

    def tick_figures(self, apps_list):
        """One tick, nothing new, by the number of applications: its time and peak memory."""
        for apps in apps_list:
            config, db = self.config(f"tick-{apps}", user=self.QUIET_USER)
            self.seed(db, apps)
            for _ in range(2):  # the first plans everything, the second what the first changed
                subprocess.run(self.followupd(config), check=True, stderr=subprocess.DEVNULL)
            runs = [self.run(self.followupd(config)) for _ in range(self.args.runs)]
            elapsed = statistics.median(r[0] for r in runs)
            rss = statistics.median(r[2] for r in runs)
            self.rows.append((f"one tick, nothing new, {apps:,} applications", f"{elapsed * 1000:.0f} ms, peak RSS {rss:.0f} MB", "-", "-"))
            print(f"  tick with {apps} applications: {elapsed * 1000:.0f} ms, {rss:.0f} MB", flush=True)

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

    def idle_memory(self, moments):
        """The daemon's resident memory between ticks, beside imapfilter waiting in IDLE on the same INBOX."""
        config, db = self.config("idle")
        self.seed(db, 20)
        idler = self.imapfilter([])
        with open(idler[-1], "a") as f:
            f.write("while true do account.INBOX:enter_idle() end\n")

        def rss(pid):
            with open(f"/proc/{pid}/status") as f:
                status = {line.split(":")[0]: int(line.split()[1]) for line in f if line.split(":")[0] in ("VmRSS", "RssAnon")}
            return status["VmRSS"] / 1024, status["RssAnon"] / 1024
        daemon = subprocess.Popen([os.path.join(self.args.bin, "followupd"), "--config", config],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        peer = subprocess.Popen(idler, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        begun = time.monotonic()
        try:
            for seconds in moments:
                time.sleep(max(0, begun + seconds - time.monotonic()))
                (total, anon), (peer_total, _) = rss(daemon.pid), rss(peer.pid)
                # Most of it is the shared libraries' pages (Foundation, ICU): the heap is RssAnon.
                self.rows.append((f"idle daemon RSS, {seconds} s after start", f"{total:.1f} MB (heap and stacks {anon:.1f} MB)",
                                  f"imapfilter idling: {peer_total:.1f} MB", f"{total / peer_total:.1f}×"))
                print(f"  idle RSS after {seconds} s: {total:.1f} MB, anonymous {anon:.1f} MB; imapfilter {peer_total:.1f} MB", flush=True)
        finally:
            for process in (daemon, peer):
                process.terminate()
                process.wait(timeout=30)

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
    p.add_argument("--only", choices=["mailbox", "send", "ticks", "store", "idle"], help="one group of figures (while working on it)")
    args = p.parse_args()
    for tool in ("curl", "sqlite3", "msmtp", "imapfilter"):
        if not shutil.which(tool):
            sys.exit(f"bench: {tool} is missing (scripts/install-deps.sh --bench)")
    bench = Bench(args)
    quick = {"mailbox": lambda: bench.mailbox_figures(sizes=[1000], apps_list=[20, 200], new_counts=[100], first_check_apps=200),
             "send": bench.send_figures, "ticks": lambda: bench.tick_figures([200, 1000]),
             "store": lambda: bench.store_figures(1000), "idle": lambda: bench.idle_memory([10])}
    full = {"mailbox": lambda: bench.mailbox_figures(sizes=[1000, 10000, 100000], apps_list=[20, 200], new_counts=[100, 1000],
                                                     first_check_apps=200),
            "send": bench.send_figures, "ticks": lambda: bench.tick_figures([200, 1000, 10000]),
            "store": lambda: bench.store_figures(10000), "idle": lambda: bench.idle_memory([30, 90])}
    for name, figures in (quick if args.quick else full).items():
        if args.only in (None, name):
            figures()
    bench.report()


if __name__ == "__main__":
    main()
