import Foundation
import MailMessage
import FollowUpCore
@testable import FollowUpReplies

/// A small world: three applications, the user's addresses, two sent messages.
enum World {
    static func instant(_ iso: String) -> Date {
        ISO8601DateFormatter().date(from: iso)!
    }

    static func interview(_ id: EventID, _ startISO: String) -> Event {
        let start = instant(startISO)
        return Event(id: id, start: start, end: start.addingTimeInterval(3600))
    }

    static let acme = Application(
        id: 1, company: "Acme Corp.", role: "Backend Engineer",
        contacts: [Contact(name: "Jane Doe", email: "jane@acme.com")],
        companyDomains: ["acme.com"], timeZone: "America/New_York",
        events: [interview(11, "2026-11-10T15:00:00Z")])

    /// The recruiter writes from a free-mail address.
    static let globex = Application(
        id: 2, company: "Globex", role: "Data Engineer",
        contacts: [Contact(name: "Sam Recruiter", email: "sam.recruits@gmail.com")],
        companyDomains: ["globex.io"], timeZone: "Europe/Berlin",
        events: [interview(21, "2026-11-12T09:00:00Z")])

    static let initech = Application(
        id: 3, company: "Initech GmbH", role: "Platform Engineer",
        contacts: [Contact(name: "Peter Gibbons", email: "peter@initech.de")],
        companyDomains: ["initech.de"], timeZone: "Europe/Berlin",
        events: [interview(31, "2026-11-16T10:00:00Z")])

    static let userAddresses: Set<String> = ["alex@example.org", "Alex.Candidate@gmail.com"]
    static let thankYouToAcme = "<thanks-1@example.org>"
    static let checkInToGlobex = "<checkin-2@example.org>"

    static func context(_ applications: [Application] = [acme, globex, initech]) -> ReplyContext {
        ReplyContext(userAddresses: userAddresses,
                     sentMessageIDs: [thankYouToAcme: 1, checkInToGlobex: 2],
                     applications: applications)
    }

    /// A message arriving on Fri 2026-11-20 at 15:00Z unless told otherwise.
    static func mail(from address: String, name: String? = nil, subject: String = "Re: Thank you",
                     body: String = "", at iso: String = "2026-11-20T15:00:00Z",
                     inReplyTo: [String] = [], references: [String] = [],
                     messageID: String? = "<reply@mail.example>") -> IncomingMessage {
        IncomingMessage(from: MailAddress(name: name, address: address), to: ["alex@example.org"], subject: subject,
                        date: instant(iso), internalDate: instant(iso), messageID: messageID,
                        inReplyTo: inReplyTo, references: references, body: body)
    }
}

extension ReplyVerdict {
    var attribution: ReplyAttribution? {
        if case .attributed(let attribution) = self { return attribution }
        return nil
    }

    var replyClass: ReplyClass? { attribution?.replyClass }
}
