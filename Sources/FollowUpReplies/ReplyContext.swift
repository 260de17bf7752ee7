import MailMessage
import FollowUpCore

/// What the daemon knows when it reads the inbox: who the user is, what was
/// sent, and the applications a message may belong to.
public struct ReplyContext: Sendable {
    /// The user's own addresses (any case).
    public let userAddresses: Set<String>
    /// Message-IDs we sent (with or without angle brackets), each with its application.
    public let sentMessageIDs: [String: ApplicationID]
    public let applications: [Application]
    /// The systems that send mail on employers' behalf.
    public var relays: RelaySystems
    /// Built once per check, so that matching a message costs a few lookups
    /// whatever the number of applications: positions in `applications` by
    /// id, by contact address (normalized) and by company domain.
    private let byID: [ApplicationID: Int]
    private let byContact: [String: [Int]]
    private let byDomain: [String: [Int]]
    /// Every contact address of every application, for picking a bounce's failed recipient.
    let contactAddresses: Set<String>

    public init(userAddresses: Set<String>, sentMessageIDs: [String: ApplicationID], applications: [Application],
                relays: RelaySystems = RelaySystems()) {
        self.userAddresses = Set(userAddresses.map { MailAddress(address: $0).normalized })
        self.sentMessageIDs = Dictionary(sentMessageIDs.map { (MessageIDs.normalize($0.key), $0.value) },
                                         uniquingKeysWith: { first, _ in first })
        self.applications = applications
        self.relays = relays
        var byID: [ApplicationID: Int] = [:], byContact: [String: [Int]] = [:], byDomain: [String: [Int]] = [:]
        for (index, app) in applications.enumerated() {
            byID[app.id] = byID[app.id] ?? index
            for address in Set(app.contacts.map({ MailAddress(address: $0.email).normalized })) {
                byContact[address, default: []].append(index)
            }
            for domain in Set(app.companyDomains.map(MailDomain.of)) where !domain.isEmpty && !MailDomain.isFreeMail(domain) {
                byDomain[domain, default: []].append(index)
            }
        }
        self.byID = byID
        self.byContact = byContact
        self.byDomain = byDomain
        contactAddresses = Set(byContact.keys)
    }

    func application(id: ApplicationID) -> Application? {
        byID[id].map { applications[$0] }
    }

    /// The applications with one of `addresses` (normalized) among their contacts, in their order.
    func applications(withContactIn addresses: Set<String>) -> [Application] {
        Set(addresses.flatMap { byContact[$0] ?? [] }).sorted().map { applications[$0] }
    }

    /// The applications whose company has `domain` or a parent of it (mail.acme.com is acme.com's), in their order.
    func applications(atDomain domain: String) -> [Application] {
        var labels = Substring(MailDomain.of(domain))
        var found = Set<Int>()
        while !labels.isEmpty {
            found.formUnion(byDomain[String(labels)] ?? [])
            guard let dot = labels.firstIndex(of: ".") else { break }
            labels = labels[labels.index(after: dot)...]
        }
        return found.sorted().map { applications[$0] }
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

}
