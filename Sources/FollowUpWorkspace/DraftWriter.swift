import Foundation
import FollowUpCore
import FollowUpDrafts
import MailMessage

/// Turns the planner's "queue this" (or a user's news / offer) into a draft
/// ready for the outbox: rendered from the templates, linted, with its
/// Message-ID fixed once so a retry or a crash can never give it a second identity.
public struct DraftWriter: Sendable {
    private let templates: Templates
    public let speller: any Speller
    public let sender: Sender
    public let senderEmail: String
    public let askForFeedback: Bool

    public init(composer: DraftComposer, speller: any Speller, sender: Sender, senderEmail: String, askForFeedback: Bool) {
        self.init(templates: { composer }, speller: speller, sender: sender, senderEmail: senderEmail, askForFeedback: askForFeedback)
    }

    /// `templates` compiles the templates, at the first draft written: a
    /// command that writes none (fuctl list, queue, status) never reads them.
    public init(templates: @escaping @Sendable () throws -> DraftComposer, speller: any Speller, sender: Sender,
                senderEmail: String, askForFeedback: Bool) {
        self.templates = Templates(compile: templates)
        self.speller = speller
        self.sender = sender
        self.senderEmail = senderEmail
        self.askForFeedback = askForFeedback
    }

    /// - Parameters:
    ///   - text: the user's words for `news` (required) or `competing_offer` (optional).
    ///   - randomBytes: at least 12 random bytes for the Message-ID.
    public func write(_ queued: QueuedDraft, history: ApplicationHistory, text: String? = nil,
                      now: Date, randomBytes: [UInt8]) throws -> (draft: Draft, problems: [LintProblem]) {
        let app = history.application
        guard let event = app.events.first(where: { $0.id == queued.round }) else {
            throw WorkspaceError.noSuchEvent(application: app.id, event: queued.round)
        }
        let request = DraftRequest(
            kind: queued.kind, application: app, contact: queued.recipient, event: event,
            talkingPoints: app.talkingPoints,
            news: queued.kind == .news ? text : nil,
            offer: queued.kind == .competingOffer ? text : nil,
            sender: sender, askForFeedback: askForFeedback,
            earlierSubject: queued.thread?.subject,
            // It cannot go out before it is written: a late draft names the date, not a weekday.
            due: max(queued.due, now))
        let rendered = try templates.composer().render(request)
        let domain = MailAddress(address: senderEmail).domain
        let draft = Draft(
            id: 0, applicationID: app.id, round: queued.round, kind: queued.kind,
            recipientName: queued.recipient.name, recipientEmail: queued.recipient.email,
            subject: rendered.subject, body: rendered.body, due: queued.due,
            messageID: try MessageIDs.make(randomBytes: randomBytes, domain: domain),
            inReplyTo: queued.thread?.messageID, references: queued.thread?.references ?? [],
            createdAt: now)
        return (draft, lint(draft, history: history))
    }

    /// Every rule of POLICY.md's "What a draft must be", on the draft's current text.
    public func lint(_ draft: Draft, history: ApplicationHistory) -> [LintProblem] {
        let app = history.application
        let sentCheckIn = history.drafts.first {
            $0.round == draft.round && $0.kind == .checkIn && $0.state.mayHaveBeenDelivered
        }
        let context = LintContext(
            kind: draft.kind, contactName: draft.recipientName, role: app.role, company: app.company,
            talkingPoints: draft.kind == .thankYou ? app.talkingPoints : [],
            senderName: sender.name, signature: sender.signature,
            sentCheckInBody: sentCheckIn?.body, knownWords: Self.knownWords(app))
        return Lint.check(subject: draft.subject, body: draft.body, context: context, speller: speller)
    }

    /// The user's own words (talking points) and the company's domains are
    /// theirs to spell, not the dictionary's. Lint splits them into words.
    static func knownWords(_ app: Application) -> Set<String> {
        Set(app.talkingPoints + app.companyDomains)
    }
}

/// The templates, compiled once, when first needed; a compile that failed
/// fails every draft with the same error.
private final class Templates: @unchecked Sendable {
    private let compile: @Sendable () throws -> DraftComposer
    private let lock = NSLock()
    private var compiled: Result<DraftComposer, any Error>?

    init(compile: @escaping @Sendable () throws -> DraftComposer) { self.compile = compile }

    func composer() throws -> DraftComposer {
        try lock.withLock {
            if compiled == nil { compiled = Result(catching: compile) }
            return try compiled!.get()
        }
    }
}

/// What the workspace could not do with the store's records.
public enum WorkspaceError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A planned draft names an interview round the application does not have.
    case noSuchEvent(application: ApplicationID, event: EventID)

    public var description: String {
        switch self {
        case let .noSuchEvent(application, event): "application \(application) has no event \(event)"
        }
    }
}
