import Foundation
import Testing
@testable import MailMessage

@Suite struct PythonEmailTests {
    /// Python's `email` package (policy=default) is an independent, strict reader.
    @Test func builtMessagesParseWithoutDefectsInPythonEmail() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mailmessage-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let cases: [OutgoingMessage] = [
            sampleMessage(),
            sampleMessage(subject: String(repeating: "Ünïcödé and a long subject ", count: 8), name: "山田 太郎"),
            sampleMessage(subject: String(repeating: "plain words that fold ", count: 10), name: "Doe, \"JD\" John",
                          body: String(repeating: "long line ", count: 300) + "\n"),
            sampleMessage(subject: "x", name: "Zoë", body: "Grüße\n.\nFrom here\n=3D \n"),
        ]
        for (i, message) in cases.enumerated() {
            try Data(try message.render()).write(to: dir.appendingPathComponent("\(i).eml"))
        }
        let script = """
        import sys, glob, email, email.policy
        from email.parser import BytesParser
        bad = []
        for path in sorted(glob.glob(sys.argv[1] + '/*.eml')):
            msg = BytesParser(policy=email.policy.default).parse(open(path, 'rb'))
            problems = list(msg.defects)
            for name, value in msg.items():
                problems += list(getattr(value, 'defects', ()))
            msg.get_content()
            if problems:
                bad.append((path, problems))
        print(bad)
        sys.exit(1 if bad else 0)
        """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, dir.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        process.waitUntilExit()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0, "python email defects: \(output)")
    }
}
