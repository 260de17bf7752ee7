import Foundation
import FollowUpCore
import MailMessage

extension ReplyContext {
    /// Decides whether `message` is a reply to one of the applications, which
    /// one, how it was matched, and what it means. Pure: the message's own
    /// dates are the only clock.
    ///
    /// Order of questions: our own message (never a mail system's, which may
    /// return our From and Message-ID)? a read receipt or a delivery notice
    /// without failure? which application (thread > contact > domain > tracking
    /// system naming the company), and did it arrive after that application's
    /// current event started? then what it says: bounce > a report we cannot
    /// read (`unclear`) > auto-reply > the sender's words, `unclear` when in doubt.
    public func verdict(for message: IncomingMessage) -> ReplyVerdict {
        if !AutomatedMail.isMailSystemMessage(message) {
            if let from = message.from, isUser(from.address) { return .ignored(.ownMessage) }
            if let id = message.messageID, application(sent: id) != nil { return .ignored(.ownMessage) }
        }
        let returnsOurs = message.returnedMessageID.map { application(sent: $0) != nil } ?? false
            || message.returnedFrom.map(isUser) ?? false
        let delivery = AutomatedMail.delivery(of: message, returnsOurs: returnsOurs)
        // A quota rejection may come in the read-receipt format: its failure words decide.
        if AutomatedMail.isReadReceipt(message), delivery != .failed { return .ignored(.readReceipt) }
        if delivery == .noticeWithoutFailure { return .ignored(.deliveryNoticeWithoutFailure) }

        // A report is tied by the recipient it reports on, not by its sender, the mail system.
        let isReport = delivery != nil
        let authored = AuthoredText(body: message.body)
        let reportedRecipient = isReport
            ? AutomatedMail.failedRecipient(of: message, contacts: contactAddresses, isUser: isUser)
            : nil
        switch ReplyAttributor(context: self).attribute(message, authored: authored, isReport: isReport,
                                                        reportedRecipient: reportedRecipient) {
        case .noMatch:
            return .ignored(.noApplicationMatches)
        case .arrivedBeforeEventStart(let id):
            return .ignored(.arrivedBeforeEventStart(id))
        case .attributed(let app, let path, let others):
            if let invitation = message.invitation, isOfARecordedInterview(invitation, app, within: Self.sameMeeting) {
                // Cut before its end, it may have moved the interview unseen: the user reads it.
                guard invitation.isComplete else {
                    return .attributed(ReplyAttribution(applicationID: app.id, match: path, reading: ReplyReading(
                        replyClass: .unclear, phrases: ["an invitation of the interview, too long to read whole"]), alsoMatching: others))
                }
                let cancellation = invitation.method == "CANCEL" || invitation.status == "CANCELLED"
                // A cancellation near a meeting recorded by hand, but not at its time, changes nothing by
                // itself (`invitationEffect`): the user, told, decides which meeting it was.
                if cancellation, !isOfARecordedInterview(invitation, app, within: Self.sameCancelledMeeting) {
                    return .attributed(ReplyAttribution(applicationID: app.id, match: path, reading: ReplyReading(
                        replyClass: .unclear, phrases: ["a cancellation near the interview's time, not at it"]), alsoMatching: others))
                }
                // An update changes the event and says nothing of the round, unless it is
                // a cancellation whose words end it: they will not go on.
                let words = ReplyReader(message: message, authored: authored, application: app, path: path, relay: nil).reading
                guard cancellation, words.replyClass == .rejection else { return .ignored(.calendarUpdate(app.id)) }
                return .attributed(ReplyAttribution(applicationID: app.id, match: path, reading: words, alsoMatching: others))
            }
            let reading: ReplyReading
            switch delivery {
            case .failed: reading = ReplyReading(replyClass: .bounce, failedRecipient: reportedRecipient)
            case .unreadable: reading = ReplyReading(replyClass: .unclear)
            case .noticeWithoutFailure, nil:
                let mail = ReplyReader(message: message, authored: authored, application: app, path: path,
                                       relay: path == .threadReference ? nil : relay(of: message, for: app))
                if let notAReply = mail.whyNotAReply { return .ignored(.bulkMail(app.id, notAReply)) }
                reading = mail.reading
            }
            return .attributed(ReplyAttribution(applicationID: app.id, match: path, reading: reading, alsoMatching: others))
        }
    }

    /// The invitation (or an update) of an interview already recorded: by its
    /// UID, or by its time (`within` apart) for one recorded by hand. It changes
    /// the event; it says nothing about the round.
    private func isOfARecordedInterview(_ invitation: CalendarInvitation, _ app: Application, within: TimeInterval) -> Bool {
        if let uid = invitation.uid, app.events.contains(where: { $0.invitationUID == uid }) { return true }
        guard let start = invitation.start?.instant(fallback: TimeZone(identifier: app.timeZone) ?? .gmt) else { return false }
        return app.events.contains { $0.invitationUID == nil && abs($0.start.timeIntervalSince(start)) <= within }
    }

    /// The relaying system that sent the message: not when the sender is one
    /// of the contacts, or the company's own domain (a job at LinkedIn).
    private func relay(of message: IncomingMessage, for app: Application) -> RelaySystem? {
        guard let from = message.from, let system = relays.system(sending: from),
              !app.contacts.contains(where: { MailAddress(address: $0.email).normalized == from.normalized }) else { return nil }
        return app.companyDomains.contains { MailDomain.isWithin(from.domain, $0) } ? nil : system
    }
}
