import FollowUpCore

/// What the lint must know about a draft beyond its text.
public struct LintContext: Hashable, Sendable {
    public var kind: MessageKind
    public var contactName: String
    public var role: String
    public var company: String
    /// The talking points recorded for the round; a thank-you must mention one of them.
    public var talkingPoints: [String]
    public var senderName: String
    public var signature: String
    /// For a second check-in: the body of the check-in that was sent; the
    /// second one must have fewer words.
    public var sentCheckInBody: String?
    /// The user's own dictionary: words neither spelling nor shouting flags
    /// (product names, acronyms of their field). Compared case-insensitively.
    public var knownWords: Set<String>

    public init(kind: MessageKind, contactName: String, role: String, company: String,
                talkingPoints: [String] = [], senderName: String = "", signature: String = "",
                sentCheckInBody: String? = nil, knownWords: Set<String> = []) {
        self.kind = kind
        self.contactName = contactName
        self.role = role
        self.company = company
        self.talkingPoints = talkingPoints
        self.senderName = senderName
        self.signature = signature
        self.sentCheckInBody = sentCheckInBody
        self.knownWords = knownWords
    }

    /// The context of a draft rendered from `request`.
    public init(request: DraftRequest, sentCheckInBody: String? = nil, knownWords: Set<String> = []) {
        self.init(kind: request.kind, contactName: request.contact.name, role: request.application.role,
                  company: request.application.company, talkingPoints: request.talkingPoints,
                  senderName: request.sender.name, signature: request.sender.signatureBlock,
                  sentCheckInBody: sentCheckInBody, knownWords: knownWords)
    }

    /// Words that are names, not prose: never spelling or shouting problems.
    var nameWords: Set<String> {
        let texts = [contactName, role, company, senderName, signature] + Array(knownWords)
        return Set(texts.flatMap { WordTokenizer.words(in: $0).map(\.folded) })
    }
}
