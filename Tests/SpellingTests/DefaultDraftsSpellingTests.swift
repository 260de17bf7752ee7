import FollowUpCore
import FollowUpDrafts
import Foundation
import Spelling
import Testing

/// The shipped templates, rendered for awkward inputs, pass their own lint
/// with the real dictionary: the proof that the defaults are clean.
@Suite struct DefaultDraftsSpellingTests {
    /// Tue 2027-01-12 10:00-11:00 America/Los_Angeles.
    static func event(_ kind: EventKind) -> Event {
        Event(id: 1, kind: kind, start: Date(timeIntervalSince1970: 1_799_776_800),
              end: Date(timeIntervalSince1970: 1_799_780_400))
    }

    /// (company, role, contact, talking point, event kind)
    static let inputs: [(String, String, String, String?, EventKind)] = [
        ("Acme Robotics", "Product Designer", "Anna Schmidt", "your plans for the new warehouse fleet", .interview),
        ("O'Brien & Sons", "Senior Accountant", "José Müller", "the audit you are preparing for the spring", .interview),
        ("International Consolidated Shipping and Logistics Holdings", "Operations Analyst", "Zoë", nil, .interview),
        ("Kowalczyk Ingeniería", "Site Reliability Engineer", "Björn Ødegård", "how your team handles incidents", .jobFair),
        ("Acme Robotics", "Product Designer", "Anna Schmidt", nil, .networking),
    ]

    static func request(_ kind: MessageKind, _ input: Int, feedback: Bool) -> DraftRequest {
        let (company, role, contact, point, eventKind) = inputs[input]
        let application = Application(id: 1, company: company, role: role,
                                      contacts: [Contact(name: contact, email: "contact@company.example")],
                                      timeZone: "Europe/Madrid", events: [event(eventKind)])
        return DraftRequest(kind: kind, application: application, contact: application.contacts[0],
                            event: event(eventKind), talkingPoints: point.map { [$0] } ?? [],
                            news: "I recently completed a certification in project management.",
                            offer: input.isMultiple(of: 2) ? "It is for a similar position in another city." : nil,
                            sender: Sender(name: "Siobhán O'Connor", signature: "Siobhán O'Connor\nsiobhan@mail.example"),
                            askForFeedback: feedback, due: event(eventKind).end.addingTimeInterval(86_400))
    }

    @Test(arguments: inputs.indices)
    func defaultDraftsPassTheirOwnLintWithTheRealDictionary(input: Int) throws {
        guard let speller = realSpeller() else { return }
        let composer = try DraftComposer(templates: TemplateLoader.load())
        let sentCheckIn = try composer.render(Self.request(.checkIn, input, feedback: false)).body
        for kind in MessageKind.allCases {
            for feedback in [false, true] {
                let request = Self.request(kind, input, feedback: feedback)
                let draft = try composer.render(request)
                let context = LintContext(request: request, sentCheckInBody: kind == .secondCheckIn ? sentCheckIn : nil)
                let problems = Lint.check(subject: draft.subject, body: draft.body, context: context, speller: speller)
                #expect(problems.isEmpty, "\(kind.rawValue) \(problems.map(\.description))\n\(draft.body)")
            }
        }
    }

    @Test func aTypoInAnEditedDraftIsFlaggedAndOverridable() throws {
        guard let speller = realSpeller() else { return }
        let request = Self.request(.checkIn, 1, feedback: false)
        let draft = try DraftComposer(templates: TemplateLoader.load()).render(request)
        let edited = draft.body.replacingOccurrences(of: "additional information", with: "additional informaton")
        let problems = Lint.check(subject: draft.subject, body: edited, context: LintContext(request: request), speller: speller)
        #expect(problems.map(\.excerpt) == ["informaton"])
        #expect(problems.allSatisfy { $0.kind == .spelling && $0.kind.isOverridable })
        #expect(problems.first?.message.contains("information") == true)
    }
}
