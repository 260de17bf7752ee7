import Foundation
import TestSupport
import Testing
import FollowUpCore
@testable import FuctlCommands

/// `fuctl review` on a real pseudo-terminal (python3's pty drives the
/// built binary, one key after each prompt), and its refusal without one.
@Suite struct ReviewTests {
    /// Runs `program args` on a pty, typing one key after each prompt; prints what the terminal showed.
    static let driver = #"""
        import os, pty, sys, select
        keys, argv = sys.argv[1], sys.argv[2:]
        pid, fd = pty.fork()
        if pid == 0:
            os.execv(argv[0], argv)
        seen, typed = b"", 0
        while True:
            ready, _, _ = select.select([fd], [], [], 20)
            if not ready:
                break
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
            if seen.count(b"[q]uit: ") > typed and typed < len(keys):
                os.write(fd, keys[typed].encode())
                typed += 1
        _, status = os.waitpid(pid, 0)
        sys.stdout.write(seen.decode("utf-8", "replace"))
        sys.exit(os.waitstatus_to_exitcode(status))
        """#

    @Test func eachDraftIsShownWholeAndTakesOneKeyEditingLintsAndShowsItAgain() throws {
        guard let fuctl = TestEnvironment.binary("fuctl") else { return }
        let f = try Fixture()
        defer { f.remove() }
        let first = try f.queueThankYou(try f.addApplication())
        let second = try f.queueThankYou(try f.addApplication(email: "kim@globex.example"))
        let editor = f.dir + "/editor.sh"
        try "#!/bin/sh\nprintf 'P.S. I enjoyed meeting the team.\\n' >> \"$1\"\n".write(toFile: editor, atomically: true, encoding: .utf8)
        chmod(editor, 0o755)
        var environment = f.environment
        environment["EDITOR"] = editor
        environment.removeValue(forKey: "VISUAL")

        let run = try ProcessResult.run("/usr/bin/python3", ["-c", Self.driver, "xeas", fuctl, "review", "--config", f.configPath],
                                        environment: environment)

        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("── draft \(first.id) (1 of 2): thank-you"), "\(run.stdout)")
        #expect(run.stdout.contains("Subject: \(first.subject)") && run.stdout.contains("Goes out: "))
        #expect(run.stdout.contains("press a, e, d, s or q"), "an unknown key is explained")
        #expect(run.stdout.components(separatedBy: "── draft \(first.id) ").count == 4, "shown again after each key that stays")
        #expect(run.stdout.contains("approved 1, discarded 0, skipped 1"), "\(run.stdout)")
        let store = try f.workspace().store
        let approved = try #require(try store.draft(id: first.id))
        #expect(approved.state == .approved && approved.body.contains("P.S. I enjoyed meeting the team."))
        #expect(try store.draft(id: second.id)?.state == .drafted)
    }

    @Test func withoutATerminalItRefusesPolitely() throws {
        guard let fuctl = TestEnvironment.binary("fuctl") else { return }
        let f = try Fixture()
        defer { f.remove() }
        let run = try ProcessResult.run(fuctl, ["review", "--config", f.configPath], environment: f.environment)
        #expect(run.status == 1)
        #expect(run.stderr.contains("needs a terminal; elsewhere use fuctl queue"), "\(run.stderr)")
    }
}
