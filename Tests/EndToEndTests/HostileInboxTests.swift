import Foundation
import Testing
import TestSupport

/// Mail written by others and mail built to hurt, through one real tick:
/// every message of the shared corpora, a 1 MB header line, 10,000 MIME
/// parts, 200-deep nesting and a 20 MB attachment in the INBOX. The tick
/// completes and reads every message once; its peak memory (VmHWM) stays under 100 MB.
extension EndToEndTests {
    @Test("hostile and real-world mail through a real tick: it completes and reads each message")
    func aTickReadsAHostileInboxWhole() throws {
        guard let world = try World.begin() else { return }
        var messages: [[UInt8]] = []
        for corpus in ["cpython-test_email", "sisimai-set-of-emails", "enmime", "flanker", "stalwart-mail-parser",
                       "thunderbird-invitations"] {
            guard let folder = Corpora.folder(corpus) else { return }
            // Everything but the corpora's own expected results.
            for file in Corpora.files(under: folder) where file.pathExtension != "json" {
                if let bytes = try? Data(contentsOf: file), !bytes.isEmpty { messages.append([UInt8](bytes)) }
            }
        }
        let fromCorpora = messages.count
        messages += Self.monsters()
        _ = try world.addApplication(at: world.time.at(0, "12:00"))
        try world.stack.files.writeToMaildir(messages, user: OwnMailStack.candidate, receivedAt: Date())

        let run = try world.startTick(at: nil).wait(seconds: 300)
        print("measured: a tick over \(messages.count) hostile messages (\(fromCorpora) from the corpora): " +
              "peak memory \(run.peakMemoryKB / 1024) MB")
        #expect(run.status == 0, "the tick failed: \(run.stderr.suffix(2000))")
        let done = run.stderr.split(separator: "\n").first { $0.contains("tick done") }.map(String.init) ?? ""
        #expect(done.contains("messages=\(messages.count)"), "every message read once: \(done)")
        // About 60 MB in a debug build, ~40 MB of it the binaries and
        // libraries mapped in: a 20 MB attachment read whole would break it.
        #expect(run.peakMemoryKB > 0 && run.peakMemoryKB < 100 * 1024, "peak memory \(run.peakMemoryKB) KB")
    }

    /// Messages built to exhaust a reader.
    static func monsters() -> [[UInt8]] {
        let head = "From: Mallory <mallory@attacker.example>\r\nTo: <\(OwnMailStack.candidate)>\r\n" +
            "Date: Tue, 01 Dec 2026 10:00:00 +0000\r\n"
        let longLine = head + "Message-ID: <long-line@attacker.example>\r\nSubject: " +
            String(repeating: "A", count: 1 << 20) + "\r\n\r\nHi.\r\n"
        var parts = head + "Message-ID: <many-parts@attacker.example>\r\nSubject: parts\r\nMIME-Version: 1.0\r\n" +
            "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
        for i in 0..<10_000 { parts += "--b\r\nContent-Type: text/plain\r\n\r\npart \(i)\r\n" }
        parts += "--b--\r\n"
        var nested = head + "Message-ID: <deep@attacker.example>\r\nSubject: deep\r\nMIME-Version: 1.0\r\n"
        for depth in 0..<200 { nested += "Content-Type: multipart/mixed; boundary=\"d\(depth)\"\r\n\r\n--d\(depth)\r\n" }
        nested += "Content-Type: text/plain\r\n\r\nthe bottom\r\n"
        for depth in (0..<200).reversed() { nested += "--d\(depth)--\r\n" }
        let attachment = head + "Message-ID: <big@attacker.example>\r\nSubject: big\r\nMIME-Version: 1.0\r\n" +
            "Content-Type: multipart/mixed; boundary=\"a\"\r\n\r\n--a\r\nContent-Type: text/plain\r\n\r\nSee attached.\r\n" +
            "--a\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
            Data(count: 15 << 20).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed]) +
            "\r\n--a--\r\n"
        return [longLine, parts, nested, attachment].map { Array($0.utf8) }
    }
}
