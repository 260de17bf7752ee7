import MailMessage
import FollowUpCore

/// What the daemon knows when it reads the inbox: who the user is, what was
/// sent, and the applications a message may belong to.
public struct ReplyContext: Sendable {
    /// The user's own addresses (any case).
    public var userAddresses: Set<String>
    /// Message-IDs we sent (with or without angle brackets), each with its application.
    public var sentMessageIDs: [String: ApplicationID]
    public var applications: [Application]
    /// The systems that send mail on employers' behalf.
    public var relays: RelaySystems

    public init(userAddresses: Set<String>, sentMessageIDs: [String: ApplicationID], applications: [Application],
                relays: RelaySystems = RelaySystems()) {
        self.userAddresses = Set(userAddresses.map { MailAddress(address: $0).normalized })
        self.sentMessageIDs = Dictionary(sentMessageIDs.map { (MessageIDs.normalize($0.key), $0.value) },
                                         uniquingKeysWith: { first, _ in first })
        self.applications = applications
        self.relays = relays
    }

    /// Builds the context from the store's histories: every draft that may have
    /// reached the employer lends its Message-ID to thread matching.
    public init(userAddresses: Set<String>, histories: [ApplicationHistory], relays: RelaySystems = RelaySystems()) {
        var sent: [String: ApplicationID] = [:]
        for history in histories {
            for draft in history.drafts where draft.state.mayHaveBeenDelivered {
                sent[draft.messageID] = history.application.id
            }
        }
        self.init(userAddresses: userAddresses, sentMessageIDs: sent,
                  applications: histories.map(\.application), relays: relays)
    }

    func isUser(_ address: String) -> Bool {
        userAddresses.contains(MailAddress(address: address).normalized)
    }

    func application(sent messageID: String) -> ApplicationID? {
        sentMessageIDs[MessageIDs.normalize(messageID)]
    }

    /// Every contact address of every application, for picking a bounce's failed recipient.
    var contactAddresses: Set<String> {
        Set(applications.flatMap { $0.contacts.map { MailAddress(address: $0.email).normalized } })
    }
}
