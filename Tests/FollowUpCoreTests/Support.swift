import Foundation
import TestSupport
@testable import FollowUpCore

/// An instant from a local wall time "2027-01-12 10:00" in `zone`.
func at(_ text: String, _ zone: String) -> Date {
    let parts = text.split(separator: " ")
    let hm = parts[1].split(separator: ":").map { Int($0)! }
    let cal = try! ZonedCalendar(timeZoneIdentifier: zone, window: .standard)
    return cal.instant(on: LocalDate(iso: String(parts[0]))!, minute: hm[0] * 60 + hm[1])
}

let settings = try! PolicySettings()

/// A one-contact application with one interview (or none).
func history(zone: String, start: String? = nil, end: String? = nil, kind: EventKind = .interview,
             decision: String? = nil, pace: Pace = .standard) -> ApplicationHistory {
    var app = Application(id: 1, company: "Acme", role: "Engineer",
                          contacts: [Contact(name: "Dana Reyes", email: "dana@acme.example")],
                          companyDomains: ["acme.example"], timeZone: zone, pace: pace)
    if let start, let end {
        app.events = [Event(id: 10, kind: kind, start: at(start, zone), end: at(end, zone),
                            decisionDate: decision.flatMap(LocalDate.init(iso:)))]
        app.events[0].revision = 10
    }
    return ApplicationHistory(application: app)
}

extension ApplicationHistory {
    /// Records a message of `kind` as sent at `sentAt`.
    mutating func send(_ kind: MessageKind, at sentAt: Date, round: EventID? = nil) {
        let id = DraftID(drafts.count + 1)
        drafts.append(Draft(id: id, applicationID: application.id, round: round ?? application.events.last!.id,
                            kind: kind, recipientName: "Dana Reyes", recipientEmail: "dana@acme.example",
                            subject: "Thank you", body: "…", due: sentAt, messageID: "<m\(id)@me.example>",
                            state: .sent, createdAt: sentAt.addingTimeInterval(-3600),
                            approvedAt: sentAt.addingTimeInterval(-1800), sentAt: sentAt))
    }

    /// Adds an approved, unsent draft and returns it.
    @discardableResult
    mutating func approved(_ kind: MessageKind, due: Date, createdAt: Date, round: EventID? = nil) -> Draft {
        let id = DraftID(drafts.count + 1)
        let d = Draft(id: id, applicationID: application.id, round: round ?? application.events.last!.id,
                      kind: kind, recipientName: "Dana Reyes", recipientEmail: "dana@acme.example",
                      subject: "Following up", body: "…", due: due, messageID: "<m\(id)@me.example>",
                      state: .approved, createdAt: createdAt, approvedAt: createdAt, sentAt: nil)
        drafts.append(d)
        return d
    }

    mutating func reply(_ cls: ReplyClass, at time: Date, until: String? = nil) {
        replies.append(RecordedReply(id: ReplyID(replies.count + 100), applicationID: application.id,
                                     receivedAt: time, replyClass: cls, until: until.flatMap(LocalDate.init(iso:)),
                                     messageID: "<r\(replies.count)@acme.example>", from: "dana@acme.example",
                                     subject: "Re: Thank you"))
    }

    func timeline(_ now: Date, _ s: PolicySettings = settings) -> RoundTimeline {
        try! Timeline.current(history: self, settings: s, now: now)!
    }
}
