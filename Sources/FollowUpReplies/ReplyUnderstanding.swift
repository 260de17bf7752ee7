import Foundation
import FollowUpCore

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
        if AutomatedMail.isReadReceipt(message) { return .ignored(.readReceipt) }
        let delivery = AutomatedMail.delivery(of: message)
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
            let reading: ReplyReading
            switch delivery {
            case .failed: reading = ReplyReading(replyClass: .bounce, failedRecipient: reportedRecipient)
            case .unreadable: reading = ReplyReading(replyClass: .unclear)
            case .noticeWithoutFailure, nil:
                reading = Self.reading(of: message, authored: authored, timeZone: TimeZone(identifier: app.timeZone) ?? .gmt)
            }
            return .attributed(ReplyAttribution(applicationID: app.id, match: path, reading: reading, alsoMatching: others))
        }
    }

    /// What a message that is not a bounce says. Out-of-office wording wins
    /// only with a sign that a machine sent it; a header alone (an ATS
    /// notification is `Auto-Submitted: auto-generated` too) yields to what the
    /// text says, because an auto-reply cancels nothing.
    static func reading(of message: IncomingMessage, authored: AuthoredText, timeZone: TimeZone) -> ReplyReading {
        let dates = ReplyDates(written: message.written, timeZone: timeZone)
        let evidence = AutomatedMail.autoReplyEvidence(message, authored: authored.withSignature)
        let text = classifiedText(message, authored: authored)
        let said = ReplyWording.classify(text)
        if evidence.absenceText && (evidence.declared || evidence.automatedAbsence)
            || evidence.declared && said == .unclear {
            return ReplyReading(replyClass: .autoReply, until: dates.latestDate(in: authored.withSignature),
                                phrases: [evidence.declared ? "out of office: said so by its headers or subject" : "",
                                          evidence.absenceText ? "out of office: absence wording in the text" : ""].filter { !$0.isEmpty })
        }
        let phrases = ReplyWording.phrases(text)
        if said == .needMoreTime {
            return ReplyReading(replyClass: .needMoreTime, until: dates.latestDate(in: authored.message), phrases: phrases)
        }
        return ReplyReading(replyClass: said, phrases: phrases)
    }

    /// The sender's words, and the subject unless it is a reply or forward of ours.
    private static func classifiedText(_ message: IncomingMessage, authored: AuthoredText) -> String {
        SubjectPrefix.isReplyOrForward(message.subject) ? authored.message : message.subject + "\n\n" + authored.message
    }
}
