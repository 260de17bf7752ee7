import Foundation
import Testing
import FollowUpCore
import FollowUpReplies
import InboxReading
import MailMessage
import TestSupport

/// The messages in Tests/Mail, written for these tests with the headers real
/// systems send (Tests/Mail/README.md), through both stages as the daemon
/// reads them; Tests/Mail/expected.tsv says what each must be read as.
@Suite struct WrittenMailTests {
    struct Expectation: CustomStringConvertible {
        var file: String
        var application: String
        var expect: String
        var until: String
        var note: String
        var description: String { file }
    }

    static let folder = TestEnvironment.packageRoot.appendingPathComponent("Tests/Mail")

    static func expectations(_ kind: String) throws -> [Expectation] {
        let text = try String(contentsOf: folder.appendingPathComponent("expected.tsv"), encoding: .utf8)
        return text.split(separator: "\n").dropFirst().compactMap { line in
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard cells.count >= 4, cells[0].hasPrefix(kind + "/") else { return nil }
            return Expectation(file: cells[0], application: cells[1], expect: cells[2], until: cells[3],
                               note: cells.count > 4 ? cells[4] : "")
        }
    }

    static func instant(_ iso: String) -> Date { ISO8601DateFormatter().date(from: iso)! }

    static func interview(_ id: EventID, _ iso: String) -> [Event] {
        [Event(id: id, start: instant(iso), end: instant(iso).addingTimeInterval(3600))]
    }

    static let applications: [String: Application] = [
        "acme": Application(id: 1, company: "Acme Corp.", role: "Backend Engineer",
                            contacts: [Contact(name: "Jane Carter", email: "jane.carter@acme.com")],
                            companyDomains: ["acme.com"], timeZone: "America/New_York",
                            events: interview(11, "2026-11-10T15:00:00Z")),
        "globex": Application(id: 2, company: "Globex", role: "Data Engineer",
                              contacts: [Contact(name: "Sam Okafor", email: "sam.okafor@globex.fr")],
                              companyDomains: ["globex.fr"], timeZone: "Europe/Paris",
                              events: interview(21, "2026-11-12T09:00:00Z")),
        "initech": Application(id: 3, company: "Initech GmbH", role: "Platform Engineer",
                               contacts: [Contact(name: "Peter Gibbons", email: "peter.gibbons@initech.de")],
                               companyDomains: ["initech.de"], timeZone: "Europe/Berlin",
                               events: interview(31, "2026-11-16T10:00:00Z")),
    ]

    static let context = ReplyContext(
        userAddresses: ["alex@example.org"],
        sentMessageIDs: ["<thanks-1@example.org>": 1, "<thanks-2@example.org>": 2, "<thanks-3@example.org>": 3],
        applications: applications.values.sorted { $0.id < $1.id })

    /// What the two stages made of the file, in the manifest's words.
    static func outcome(_ file: String) throws -> (said: String, application: String, until: String, summary: String) {
        let raw = Array(try Data(contentsOf: folder.appendingPathComponent(file)))
        let arrival = ParsedMessage(raw).date?.date ?? instant("2026-11-20T15:00:00Z")
        let screening = InboxReader.screen(headerBytes: HeaderFetch.of(raw, fields: InboxReader.headerFields),
                                           internalDate: arrival, context: context)
        guard screening.decision == .fetchText else { return ("ignored", "none", "-", "screened out: \(screening.decision)") }
        let verdict = InboxReader.read(fullBytes: raw.prefix(InboxReader.textFetchBytes), internalDate: arrival, context: context).verdict
        func name(_ id: ApplicationID) -> String { applications.first { $0.value.id == id }?.key ?? "?" }
        switch verdict {
        case .attributed(let a):
            let said: String = switch a.replyClass {
            case .rejection: "rejection"
            case .nextStep: "nextStep"
            case .needMoreTime: "needMoreTime"
            case .unclear: "unclear"
            case .autoReply: "autoReply"
            case .bounce: "bounce"
            case .notAReply: "notReply"
            }
            return (said, name(a.applicationID), a.reading.until?.description ?? "-",
                    "\(said) via \(a.match) \(a.reading.phrases) \(a.reading.readOn ?? "")")
        case .ignored(.bulkMail(let id, let why)):
            return ("notReply", name(id), "-", "not a reply: \(why)")
        case .ignored(.deliveryNoticeWithoutFailure):
            return ("delayNotice", "none", "-", "delivery notice without failure")
        case .ignored(let reason):
            return ("ignored", "none", "-", "ignored: \(reason)")
        }
    }

    /// Each file read as its manifest says; prints every outcome, so a miss shows why.
    static func check(_ kind: String, atLeast count: Int) throws {
        let expectations = try expectations(kind)
        #expect(expectations.count >= count, "\(kind): \(expectations.count) messages")
        var hits = 0
        for e in expectations {
            let got = try outcome(e.file)
            // What is not recorded belongs to no application.
            let recorded = !["delayNotice", "ignored", "notReply"].contains(e.expect)
            let right = got.said == e.expect && (!recorded || got.application == e.application)
                && (e.until == "-" || got.until == e.until)
            if right { hits += 1 }
            print("  \(right ? "ok  " : "MISS") \(e.file): \(got.summary)\(e.until == "-" ? "" : ", until \(got.until)")")
            #expect(right, "\(e.file) (\(e.note)): expected \(e.expect) for \(e.application) until \(e.until), got \(got.summary) until \(got.until)")
        }
        print("\(kind): \(hits)/\(expectations.count) read as written")
    }

    @Test func relayedMessages() throws { try Self.check("relayed", atLeast: 10) }
    @Test func bulkMail() throws { try Self.check("bulk", atLeast: 10) }
    @Test func outOfOfficeWithoutHeaders() throws { try Self.check("ooo", atLeast: 10) }
    @Test func bounces() throws { try Self.check("bounce", atLeast: 10) }
    @Test func quotedText() throws { try Self.check("quoted", atLeast: 10) }
}
