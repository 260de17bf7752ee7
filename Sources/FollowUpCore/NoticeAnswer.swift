import Foundation

extension Draft {
    /// What the user saw when they approved: recipient, subject and text,
    /// hashed. An edit makes a new revision.
    public var revision: String { FNV1a.hex([recipientEmail, subject, body].joined(separator: "\u{0}")) }
}

/// What the user can answer a draft's notice with, on its first non-empty line.
public enum AnswerVerb: String, Hashable, Codable, Sendable, CaseIterable {
    case approve, discard, skip

    /// The verb of an answer's text: its first non-empty line, in any case,
    /// a full stop or an exclamation mark allowed after it. What follows (the
    /// quoted notice) is ignored; a first line that is anything else is no verb.
    public static func of(_ text: String) -> AnswerVerb? {
        let line = text.split(whereSeparator: \.isNewline).lazy
            .map { $0.trimmingCharacters(in: .whitespaces) }.first { !$0.isEmpty } ?? ""
        return AnswerVerb(rawValue: line.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ".!")))
    }
}

/// The rules of approval by reply, without I/O: whether an answer acts on a
/// draft or is refused, and why. A notice mail that may be answered names
/// one draft, and its Message-ID carries 128 random bits: only the user's
/// own mail client, answering it, can name that ID.
public enum AnswerRules {
    /// The prefix of an answerable notice's Message-ID, before its token.
    public static let messageIDPrefix = "notice."

    public struct Answer: Hashable, Sendable {
        public var fromUser: Bool
        /// In-Reply-To, then References: the Message-IDs the answer names, bare.
        public var names: [String]
        public var verb: AnswerVerb?

        public init(fromUser: Bool, names: [String], verb: AnswerVerb?) {
            self.fromUser = fromUser
            self.names = names
            self.verb = verb
        }
    }

    /// The notice mail an answer named, as the store has it.
    public struct AnsweredNotice: Hashable, Sendable {
        public var messageID: String
        /// The drafts the mail was about (an answerable one has exactly one), with the revision shown.
        public var drafts: [(id: DraftID, revision: String)]
        /// An earlier answer to the same mail was acted on.
        public var answeredBefore: Bool

        public init(messageID: String, drafts: [(id: DraftID, revision: String)], answeredBefore: Bool) {
            self.messageID = messageID
            self.drafts = drafts
            self.answeredBefore = answeredBefore
        }

        public static func == (a: Self, b: Self) -> Bool {
            a.messageID == b.messageID && a.answeredBefore == b.answeredBefore
                && a.drafts.map(\.id) == b.drafts.map(\.id) && a.drafts.map(\.revision) == b.drafts.map(\.revision)
        }
        public func hash(into hasher: inout Hasher) { hasher.combine(messageID) }
    }

    public enum Decision: Hashable, Sendable {
        /// Not an answer to a notice: the user's own mail, left alone.
        case notAnAnswer
        case act(AnswerVerb, DraftID)
        case refuse(String)
    }

    /// `notice`: the notice mail the answer names, if the store knows one.
    /// `draft` and `problems`: that notice's draft as it is now.
    public static func decide(_ answer: Answer, notice: AnsweredNotice?, draft: Draft?, problems: [String]) -> Decision {
        let namesANotice = answer.names.contains { $0.hasPrefix(messageIDPrefix) }
        guard namesANotice else { return .notAnAnswer }
        guard answer.fromUser else {
            return .refuse("an answer to a notice came from another address; only your own counts, and nothing was done")
        }
        guard let notice else {
            return .refuse("an answer names a notice followupd never sent (a forged or altered reply); nothing was done")
        }
        guard let verb = answer.verb else {
            return .refuse("an answer to a notice did not start with approve, discard or skip; nothing was done")
        }
        guard notice.drafts.count == 1, let shown = notice.drafts.first else {
            return .refuse("that notice was not about one draft; answer the notice of the draft itself")
        }
        guard !notice.answeredBefore else {
            return .refuse("that notice was answered already; only the first answer counts")
        }
        guard let draft, draft.id == shown.id else { return .refuse("the draft of that notice is gone") }
        guard draft.state == .drafted else {
            return .refuse("the \(draft.kind.words) to \(draft.recipientName) is \(draft.state.rawValue) now, no longer waiting for you")
        }
        guard draft.revision == shown.revision else {
            return .refuse("the \(draft.kind.words) to \(draft.recipientName) was edited since that notice; answer the newer one")
        }
        if verb == .approve, let first = problems.first {
            return .refuse("the \(draft.kind.words) to \(draft.recipientName) has problems and cannot be approved (\(first)); edit it with fuctl edit \(draft.id)")
        }
        return .act(verb, draft.id)
    }
}
