import Foundation
import MailMessage
import FollowUpCore

/// Which application a message belongs to (POLICY.md "Replies from the
/// employer"): the strongest path that matches any application decides; a
/// weaker path is never consulted once a stronger one matched.
struct ReplyAttributor {
    let context: ReplyContext

    enum Outcome: Equatable {
        case attributed(Application, MatchPath, alsoMatching: [ApplicationID])
        case arrivedBeforeEventStart(ApplicationID)
        case noMatch
    }

    /// - Parameter reportedRecipient: for a mail system's delivery report, the
    ///   address it reports on; it stands in for the sender, whose address is the mail system's.
    func attribute(_ message: IncomingMessage, authored: AuthoredText, isReport: Bool, reportedRecipient: String?) -> Outcome {
        let counterpart = isReport ? reportedRecipient.map { MailAddress(address: $0) } : message.from
        for path in MatchPath.allCases.sorted(by: >) {
            let candidates = applications(matching: path, message, authored: authored, isReport: isReport, counterpart: counterpart)
            if !candidates.isEmpty { return choose(among: candidates, path: path, message, authored: authored) }
        }
        return .noMatch
    }

    private func applications(matching path: MatchPath, _ message: IncomingMessage, authored: AuthoredText,
                              isReport: Bool, counterpart: MailAddress?) -> [Application] {
        switch path {
        case .threadReference:
            // The nearest ancestor we sent decides: In-Reply-To, then References newest first;
            // a report also by the Message-ID of the message it returns, which may be only in its text.
            let ids = message.inReplyTo + message.references.reversed() + [message.deliveryReport?.originalMessageID].compactMap { $0 }
                + (isReport ? AutomatedMail.messageIDs(inTextOf: message) : [])
            for id in ids {
                if let owner = context.application(sent: id), let app = context.application(id: owner) {
                    return [app]
                }
            }
            return []
        case .contactAddress:
            // A relaying system's sender is the system; the person is in Reply-To, or
            // organises or attends the invitation (a booking mailbox organises).
            let invited = [message.invitation?.organizer] + (message.invitation?.attendees ?? [])
            let addresses = Set(([counterpart] + (isReport ? [] : message.replyTo + invited))
                .compactMap { $0?.normalized }.filter { !$0.isEmpty && !context.isUser($0) })
            return context.applications(withContactIn: addresses)
        case .companyDomain:
            guard let domain = counterpart?.domain, !domain.isEmpty, !MailDomain.isFreeMail(domain) else { return [] }
            return context.applications(atDomain: domain)
        case .relaySystem:
            guard !isReport, let sender = message.from, context.relays.system(sending: sender) != nil else { return [] }
            let texts = NamedInText.Texts([message.subject, sender.name ?? "", authored.withSignature, message.invitation?.summary ?? ""])
            return context.applications.filter { app in
                NamedInText.names(company: app.company, in: texts, senderLocalPart: sender.localPart)
                    || app.contacts.contains { NamedInText.names(person: $0.name, in: texts) }
            }
        }
    }

    /// Among equally strong matches: those whose current event started before
    /// the message arrived; then the one whose role the message names; else
    /// the one whose current event started last, with the others listed.
    private func choose(among candidates: [Application], path: MatchPath, _ message: IncomingMessage,
                        authored: AuthoredText) -> Outcome {
        let byRecency = candidates.sorted { (Self.currentStart($0) ?? .distantPast, $0.id) > (Self.currentStart($1) ?? .distantPast, $1.id) }
        let current = byRecency.filter { app in Self.currentEvent(app).map { $0.heardFrom <= message.internalDate } ?? false }
        guard let latest = current.first else { return .arrivedBeforeEventStart(byRecency[0].id) }
        if current.count > 1 {
            let texts = NamedInText.Texts([message.subject, authored.withSignature])
            let named = current.filter { NamedInText.names(role: $0.role, in: texts) }
            if named.count == 1 { return .attributed(named[0], path, alsoMatching: []) }
        }
        return .attributed(latest, path, alsoMatching: current.dropFirst().map(\.id))
    }

    /// The start of the event whose round is running: the latest one.
    private static func currentStart(_ app: Application) -> Date? {
        currentEvent(app)?.start
    }

    private static func currentEvent(_ app: Application) -> Event? {
        app.events.max { ($0.start, $0.id) < ($1.start, $1.id) }
    }
}
