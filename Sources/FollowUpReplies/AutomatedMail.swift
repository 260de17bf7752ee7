import Foundation
import FollowUpCore

/// Messages no person wrote: delivery failures and out-of-office replies.
enum AutomatedMail {
    // MARK: bounces

    enum Delivery: Equatable {
        case failed
        /// A report that something was delayed, relayed or delivered: nothing failed (yet).
        case noticeWithoutFailure
    }

    /// Whether the message is a delivery status notification, and which kind.
    static func delivery(of message: IncomingMessage) -> Delivery? {
        let subject = PlainWords.normalize(message.subject)
        let text = PlainWords.normalize(message.body)
        let fromDaemon = isFromMailSystem(message)
        // A block with neither action nor status (a report the parser read garbled) says nothing.
        let recipients = (message.deliveryReport?.recipients ?? []).filter(\.saysWhatHappened)
        // Some mail systems put the report in a multipart/mixed or text part, or
        // leave out report-type: their report counts when a mail system sent it.
        if !recipients.isEmpty, isReport(message, type: "delivery-status") || fromDaemon || failureSubject.isFound(in: subject) {
            return recipients.contains(where: \.failed) ? .failed : .noticeWithoutFailure
        }
        if isReport(message, type: "delivery-status") {
            return delaySubject.isFound(in: subject) && !failureSubject.isFound(in: subject) ? .noticeWithoutFailure : .failed
        }
        let failureWords = failureSubject.isFound(in: subject) || failureText.isFound(in: text)
        guard (fromDaemon && (failureWords || delaySubject.isFound(in: subject)))
                || (failureSubject.isFound(in: subject) && failureText.isFound(in: text)) else { return nil }
        if delaySubject.isFound(in: subject) && !failureSubject.isFound(in: subject) { return .noticeWithoutFailure }
        return .failed
    }

    /// Whether the headers leave open that the message is a delivery report:
    /// `delivery(of:)` may find one once the text is read.
    static func mayBeDeliveryReport(_ message: IncomingMessage) -> Bool {
        isReport(message, type: "delivery-status") || !message.failedRecipients.isEmpty
            || isFromMailSystem(message)
            || failureSubject.isFound(in: PlainWords.normalize(message.subject))
    }

    static func isReadReceipt(_ message: IncomingMessage) -> Bool {
        isReport(message, type: "disposition-notification")
    }

    private static func isReport(_ message: IncomingMessage, type: String) -> Bool {
        message.contentType?.lowercased() == "multipart/report" && message.reportType?.lowercased() == type
    }

    /// A mail daemon's sender, or the null return path (auto-replies use it
    /// too, so it marks a bounce only together with failure words).
    private static func isFromMailSystem(_ message: IncomingMessage) -> Bool {
        message.from.map(isDaemon) ?? false || message.returnPath == ""
    }

    private static func isDaemon(_ sender: MailAddress) -> Bool {
        let local = sender.localPart
        let name = PlainWords.normalize(sender.displayName ?? "")
        // An empty address is the null sender (`From: MAILER-DAEMON <>`), which only mail systems use.
        return ["", "mailer-daemon", "mailerdaemon", "mail-daemon", "postmaster", "post_master", "mail.delivery.system"].contains(local)
            || local.hasPrefix("microsoftexchange")
            || ["mail delivery system", "mail delivery subsystem", "mail delivery service", "mailer-daemon", "mailer daemon"].contains(name)
    }

    private static let failureSubject = Pattern(
        #"\b(?:undeliverable|undelivered mail|delivery status notification(?: \(failure\)|:? (?:error|failed|failure))|returned mail|mail delivery failed|delivery failure|failure notice|failed delivery|failure delivery|mail failed|mail failure|message not delivered|could not be delivered|delivery has failed|non-?delivery|nondeliverable|unzustellbar|non remis|échec de (?:la )?(?:remise|distribution))"#)
    private static let delaySubject = Pattern(
        #"\b(?:delivery status notification(?: \(delay\)|:? (?:delayed|warning))|delayed mail|still being retried|delivery delayed|delivery is delayed|warning\b.*\b(?:delayed|could not send)|verzögert)"#)
    private static let failureText = Pattern(
        #"\b(?:could not be delivered|couldn't be delivered|wasn't delivered|was not delivered|undeliverable|delivery has failed|delivery to the following recipients? (?:failed|has failed)|permanent(?:ly)? (?:error|fatal|failure)|address (?:couldn't be found|not found)|user unknown|no such user|mailbox (?:unavailable|not found|does not exist|is full)|recipient address rejected|the following address(?:es)? failed|did not reach the following recipient|(?:an error (?:has )?occurred|there was an error) (?:while )?(?:attempting to |trying to )?deliver|5[0-5][0-9][ -]5\.[0-9]{1,3}\.[0-9]{1,3})"#)

    /// The address that could not be reached: from the report, then
    /// `X-Failed-Recipients`, then the first address in the text that is one
    /// of our contacts, else the first address that is not the user's or the daemon's.
    static func failedRecipient(of message: IncomingMessage, contacts: Set<String>, isUser: (String) -> Bool) -> String? {
        let reported = (message.deliveryReport?.recipients ?? []).filter(\.failed).map { recipient in
            recipient.address.split(separator: ";").last.map(String.init) ?? recipient.address
        }
        let candidates = (reported + message.failedRecipients).map { MailAddress($0).normalized }
        if let first = candidates.first(where: { !$0.isEmpty }) { return first }
        let inText = addressInText.matches(in: message.body)
            .compactMap { $0.capture(0, in: message.body) }
            .map { MailAddress($0).normalized }
            .filter { !isUser($0) && $0 != message.from?.normalized }
        return inText.first(where: contacts.contains) ?? inText.first
    }

    private static let addressInText = Pattern(#"[a-z0-9._%+'-]+@[a-z0-9.-]+\.[a-z]{2,}"#)

    // MARK: out of office

    /// What the headers and words say about an automatic reply.
    struct AutoReplyEvidence {
        /// `Auto-Submitted: auto-replied`, `X-Autoreply`, `Precedence: auto_reply`, or an out-of-office subject.
        var declared: Bool
        /// Out-of-office wording together with a hint that a machine sent it
        /// (`Auto-Submitted` other than `no`, `Precedence: bulk/junk/list`, `X-Auto-Response-Suppress`).
        var automatedAbsence: Bool
        /// Out-of-office wording in the text.
        var absenceText: Bool
    }

    static func autoReplyEvidence(_ message: IncomingMessage, authored: String) -> AutoReplyEvidence {
        let autoSubmitted = headerValue(message.autoSubmitted)
        let precedence = headerValue(message.precedence)
        let xAutoreply = headerValue(message.xAutoreply)
        let text = PlainWords.normalize(authored)
        let absenceText = absence.anyFound(in: text)
        let declared = autoSubmitted.hasPrefix("auto-replied")
            || (!xAutoreply.isEmpty && !["no", "false", "0"].contains(xAutoreply))
            || precedence == "auto_reply"
            || absenceSubject.isFound(in: PlainWords.normalize(message.subject))
        let machineHint = (!autoSubmitted.isEmpty && autoSubmitted != "no")
            || ["bulk", "junk", "list", "auto_reply"].contains(precedence)
            || !headerValue(message.xAutoResponseSuppress).isEmpty
        return AutoReplyEvidence(declared: declared, automatedAbsence: absenceText && machineHint, absenceText: absenceText)
    }

    private static func headerValue(_ value: String?) -> String {
        (value ?? "").trimmingCharacters(in: .whitespaces).lowercased()
    }

    private static let absenceSubject = Pattern(
        #"\b(?:automatic reply|auto(?:matic)?[- ]?(?:reply|response|antwort)|autoreply|out of (?:the )?office|ooo|away from (?:the |my )?office|abwesenheitsnotiz|abwesend|réponse automatique|absent du bureau|respuesta automática|automatisch antwoord|autosvar)\b"#)
    private static let absence: [Pattern] = [
        Pattern(#"\b(?:i am|i'm|i will be|i'll be|i shall be|currently)(?: currently)? (?:out of (?:the )?office|ooo|away from (?:the |my )?(?:office|desk|e-?mail)|on (?:annual |parental |maternity |paternity |sick |medical |holiday |vacation )?(?:leave|vacation|holidays?|pto|a business trip|business travel|sabbatical)|out (?:until|through|till|from|of the country)|away (?:until|from|till|through|on)|travel(?:l)?ing (?:until|through|till|with limited)|offline until)\b"#),
        Pattern(#"\b(?:out of (?:the )?office|ooo) (?:until|till|through|from|and will|with (?:limited|no))\b|\blimited access to (?:my )?e-?mail\b"#),
        Pattern(#"\b(?:respond|reply|get back to you|answer|read your (?:e-?mail|message)) (?:when|upon|after|on) my return\b|\bupon my return\b"#),
        Pattern(#"\bich bin (?:bis|vom|ab|derzeit|momentan|zurzeit) .*(?:abwesend|nicht im büro|außer haus|im urlaub)|\bje suis (?:absente?|en congés?)\b"#),
    ]
}
