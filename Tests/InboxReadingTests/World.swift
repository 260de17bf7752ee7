import MailMessage
import Foundation
import FollowUpCore
import FollowUpReplies
import InboxReading

/// Two applications, the user's address, one thank-you we sent to each.
enum World {
    static func instant(_ iso: String) -> Date {
        ISO8601DateFormatter().date(from: iso)!
    }

    static let acme = Application(
        id: 1, company: "Acme Corp.", role: "Backend Engineer",
        contacts: [Contact(name: "Jane Doe", email: "jane@acme.com")],
        companyDomains: ["acme.com"], timeZone: "America/New_York",
        events: [Event(id: 11, start: instant("2026-11-10T15:00:00Z"), end: instant("2026-11-10T16:00:00Z"))])

    static let initech = Application(
        id: 2, company: "Initech GmbH", role: "Platform Engineer",
        contacts: [Contact(name: "Peter Gibbons", email: "peter@initech.de")],
        companyDomains: ["initech.de"], timeZone: "Europe/Berlin",
        events: [Event(id: 21, start: instant("2026-11-16T10:00:00Z"), end: instant("2026-11-16T11:00:00Z"))])

    static let thankYouToAcme = "<thanks-1@example.org>"
    static let thankYouToInitech = "<thanks-2@example.org>"

    static let context = ReplyContext(userAddresses: ["alex@example.org"],
                                      sentMessageIDs: [thankYouToAcme: 1, thankYouToInitech: 2],
                                      applications: [acme, initech])

    /// Fri 2026-11-20 15:00Z, when the test messages arrive.
    static let arrival = instant("2026-11-20T15:00:00Z")

    /// A raw message: the header lines, an empty line, the body; CRLF line ends as on the wire.
    static func raw(_ headers: [String], _ body: String) -> [UInt8] {
        Array((headers.joined(separator: "\r\n") + "\r\n\r\n" + body.replacingOccurrences(of: "\n", with: "\r\n")).utf8)
    }

    /// Both stages as the daemon runs them: the header fetch, then (for a candidate) the first 64 KB.
    static func read(_ raw: [UInt8], at arrival: Date = arrival) -> (Screening, MessageReading?) {
        let screening = InboxReader.screen(headerBytes: HeaderFetch.of(raw, fields: InboxReader.headerFields),
                                           internalDate: arrival, context: context)
        guard screening.decision == .fetchText else { return (screening, nil) }
        return (screening, InboxReader.read(fullBytes: raw.prefix(InboxReader.textFetchBytes), internalDate: arrival, context: context))
    }
}

extension ReplyVerdict {
    var attribution: ReplyAttribution? {
        if case .attributed(let attribution) = self { return attribution }
        return nil
    }
}
