import Foundation
import MailTransport
import Testing
import TestSupport

/// MailKit's 350 scripts of real server responses from 19 servers, read in place.
@Suite("IMAP parser on real server transcripts")
struct IMAPTranscriptCorpusTests {
    /// The transcripts directory, or nil after printing why (failing in CI).
    static func transcripts() throws -> URL? {
        Corpora.folder("mailkit-imap-transcripts/UnitTests/Net/Imap/Resources")
    }

    /// The scripts are stored with LF line ends; the literal sizes count CRLF,
    /// as on the wire (MailKit's replay stream converts them the same way).
    static func script(_ url: URL) throws -> [UInt8] {
        let bytes = try [UInt8](Data(contentsOf: url))
        var wire: [UInt8] = []
        wire.reserveCapacity(bytes.count + bytes.count / 20)
        for byte in bytes {
            if byte == UInt8(ascii: "\n") { wire.append(UInt8(ascii: "\r")) }
            wire.append(byte)
        }
        return wire
    }

    static func parse(_ dir: URL, _ name: String) throws -> IMAPResponseSummary {
        let (responses, errors) = IMAPResponseParser.parse(try script(dir.appendingPathComponent(name)))
        #expect(errors.isEmpty, "\(name): \(errors)")
        return IMAPResponseSummary(responses)
    }

    @Test func everyScriptParsesWithoutCrashingAndAlmostAllCleanly() throws {
        guard let dir = try Self.transcripts() else { return }
        let files = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil)!
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "txt" }
        var responses = 0
        var unreadable: [String] = []
        let began = Date()
        for file in files {
            let result = IMAPResponseParser.parse(try Self.script(file))
            responses += result.responses.count
            if !result.errors.isEmpty { unreadable.append(file.lastPathComponent) }
        }
        print("measured: \(files.count) transcripts, \(responses) responses parsed in \(Int(Date().timeIntervalSince(began) * 1000)) ms; with unreadable lines: \(unreadable)")
        #expect(files.count >= 350)
        #expect(unreadable.count <= files.count / 50)
    }

    @Test func dovecotSelectGivesUIDValidityUIDNextAndExists() throws {
        guard let dir = try Self.transcripts() else { return }
        let summary = try Self.parse(dir, "dovecot/select-unittests-messages.txt")
        #expect(summary.uidValidity == 1436832084)
        #expect(summary.uidNext == 9)
        #expect(summary.exists == 8)
    }

    @Test func gmailSelectGivesUIDValidityAndAnEmptyMailbox() throws {
        guard let dir = try Self.transcripts() else { return }
        let summary = try Self.parse(dir, "gmail/select-inbox.txt")
        #expect(summary.uidValidity == 81)
        #expect(summary.uidNext == 1)
        #expect(summary.exists == 0)
    }

    @Test func dovecotFetchGivesEveryUIDAndALiteralInsideANestedList() throws {
        guard let dir = try Self.transcripts() else { return }
        let summary = try Self.parse(dir, "dovecot/fetch1.txt")
        #expect(summary.fetches.map(\.uid) == [1, 2, 3, 4, 5, 6, 7])
        #expect(summary.fetches.first?.items["XAOL-PAREN-LIST"]?.list?[3] == .string(Array("XAOL-TOKEN-VALUE2".utf8)))
        #expect(summary.fetches.first?.flags == ["\\Answered", "\\Seen", "\\Draft"])
    }

    @Test func dovecotBodyLiteralIsTheWholeMessage() throws {
        guard let dir = try Self.transcripts() else { return }
        let body = try #require(try Self.parse(dir, "dovecot/getbodypart.txt").fetches.first?.body(section: ""))
        #expect(body.count == 253)
        #expect(String(decoding: body, as: UTF8.self).hasPrefix("From: Unit Tests <unit-tests@mimekit.net>\r\n"))
        #expect(String(decoding: body, as: UTF8.self).hasSuffix("This is the message body.\r\n"))
    }

    @Test func gmailLargeLiteralWithUnsolicitedDataAround() throws {
        guard let dir = try Self.transcripts() else { return }
        let summary = try Self.parse(dir, "gmail/fetch.1+unsolicited-info.txt")
        let first = try #require(summary.fetches.first)
        #expect(first.uid == 1)
        #expect(first.body(section: "")?.count == 181614)
        #expect(first.items["X-GM-LABELS"] == .list([.string(Array("Trash".utf8))]))
    }
}
