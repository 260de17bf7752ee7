import FollowUpCore
import FollowUpDrafts
import Foundation

/// A draft as JSON shows it, in `show` and `queue`.
struct DraftRow: Encodable {
    var id: DraftID
    var applicationId: ApplicationID
    var kind: MessageKind
    var state: DraftState
    var due: Date
    var to: String
    var recipientName: String
    var subject: String
    var messageId: String
    var approvedAt: Date?
    var sentAt: Date?
    var problems: [Problem]?
    /// Pending drafts in `queue` and `show`: the earliest moment the gate would let it go, or why it is held.
    var sendsAt: Date?
    var heldBy: String?
    /// `queue`: advice that does not hold the draft back.
    var hints: [String]?

    struct Problem: Encodable {
        var kind: String
        var message: String
        var part: String
        var line: Int?
        var column: Int?
        var overridable: Bool
        var text: String

        init(_ problem: LintProblem) {
            kind = problem.kind.rawValue
            message = problem.message
            part = problem.part.rawValue
            line = problem.location?.line
            column = problem.location?.column
            overridable = problem.kind.isOverridable
            text = problem.description
        }
    }

    init(_ draft: Draft, problems: [LintProblem]? = nil, sends: SendForecast? = nil) {
        id = draft.id
        applicationId = draft.applicationID
        kind = draft.kind
        state = draft.state
        due = draft.due
        to = draft.recipientEmail
        recipientName = draft.recipientName
        subject = draft.subject
        messageId = draft.messageID
        approvedAt = draft.approvedAt
        sentAt = draft.sentAt
        self.problems = problems.map { $0.map(Problem.init) }
        if case .at(let date)? = sends { sendsAt = date }
        heldBy = sends?.heldBy
    }
}
