import FollowUpCore
import FollowUpDrafts
import Foundation

/// A speller that knows every word but the ones it is told are misspelt.
struct MisspellingSpeller: Speller {
    var misspelt: [String: [String]] = [:]

    func isCorrect(_ word: String) -> Bool { misspelt[word] == nil }
    func suggestions(for word: String) -> [String] { misspelt[word] ?? [] }
}

enum Fixtures {
    /// Tue 2027-01-12 10:00-11:00 America/Los_Angeles (POLICY worked example 1).
    static let interview = Event(id: 1, kind: .interview,
                                 start: Date(timeIntervalSince1970: 1_799_776_800),
                                 end: Date(timeIntervalSince1970: 1_799_780_400))

    static func application(company: String = "Acme Robotics", role: String = "Product Designer",
                            contact: String = "Anna Schmidt", events: [Event] = [interview]) -> Application {
        Application(id: 1, company: company, role: role,
                    contacts: [Contact(name: contact, email: "anna@acme.example")],
                    companyDomains: ["acme.example"], timeZone: "America/Los_Angeles", events: events)
    }

    /// A day after the interview: when a thank-you is due.
    static let dayAfter = interview.end.addingTimeInterval(86_400)

    static let sender = Sender(name: "Sam Lee", signature: "Sam Lee\nsam.lee@mail.example\n+1 555 0100")

    static func request(_ kind: MessageKind, application: Application = application(), event: Event = interview,
                        talkingPoints: [String] = ["your plans for the new warehouse fleet"],
                        news: String? = "I have just completed a certificate in industrial design.",
                        offer: String? = nil, askForFeedback: Bool = false,
                        earlierSubject: String? = nil, due: Date? = dayAfter) -> DraftRequest {
        DraftRequest(kind: kind, application: application, contact: application.contacts[0], event: event,
                     talkingPoints: talkingPoints, news: news, offer: offer, sender: sender,
                     askForFeedback: askForFeedback, earlierSubject: earlierSubject, due: due)
    }

    static func composer() throws -> DraftComposer {
        try DraftComposer(templates: TemplateLoader.load())
    }

    /// Inputs that stress the templates: non-ASCII names, an apostrophe and an
    /// ampersand, a long company name, no talking point, a job fair.
    static var varied: [(label: String, request: (MessageKind) -> DraftRequest)] {
        let jobFair = Event(id: 2, kind: .jobFair, start: interview.start, end: interview.end)
        let networking = Event(id: 3, kind: .networking, start: interview.start, end: interview.end)
        return [
            ("plain", { request($0) }),
            ("José Müller at O'Brien & Sons", {
                request($0, application: application(company: "O'Brien & Sons", role: "Senior Accountant",
                                                     contact: "José Müller"))
            }),
            ("Zoë, long company name", {
                request($0, application: application(company: "International Consolidated Shipping and Logistics Holdings",
                                                     role: "Operations Analyst", contact: "Zoë"))
            }),
            ("no talking point", { request($0, talkingPoints: [], askForFeedback: true) }),
            ("job fair", { request($0, application: application(events: [jobFair]), event: jobFair) }),
            ("networking, offer text", {
                request($0, application: application(events: [networking]), event: networking,
                        offer: "It is for a similar design role.")
            }),
        ]
    }
}
