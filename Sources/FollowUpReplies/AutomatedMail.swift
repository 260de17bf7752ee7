import Foundation
import MailMessage
import FollowUpCore

/// Messages no person wrote: delivery failures and out-of-office replies.
enum AutomatedMail {
    // MARK: bounces

    enum Delivery: Equatable {
        /// A failure is stated: by a recipient block, or in the words of the report.
        case failed
        /// Every recipient positively delayed, relayed, delivered or expanded, and
        /// no failure wording: the message may still arrive, a later bounce will come.
        case noticeWithoutFailure
        /// A mail system's report whose outcome cannot be read: not ignored, it
        /// is `unclear` for the application it ties to (never guess in favour of sending).
        case unreadable
    }

    /// Whether the message is a delivery status notification, and which kind.
    /// - Parameter returnsOurs: the message returns one we sent (its attached
    ///   headers have our From or one of our Message-IDs): a mail system's doing
    ///   whoever it claims to be from, unless it is a person's reply or forward.
    static func delivery(of message: IncomingMessage, returnsOurs: Bool = false) -> Delivery? {
        let subject = PlainWords.normalize(message.subject)
        let text = PlainWords.normalize(message.body)
        let fromDaemon = isFromMailSystem(message) || (returnsOurs && !SubjectPrefix.isReplyOrForward(message.subject))
        let isStatusReport = isReport(message, type: "delivery-status")
        let failureInText = failureText.isFound(in: withoutDelayDurations(text))
        let failureStated = failureSubject.isFound(in: subject) || failureInText || !message.failedRecipients.isEmpty
        let delayStated = delaySubject.isFound(in: subject) || delayText.isFound(in: text)
        // "This is a warning only … delivery attempts will continue" with only
        // temporary codes: its failure words ("failed with a temporary error",
        // "returned as undeliverable") are about what may yet come.
        if fromDaemon || isStatusReport, delayStated, warningOnly.isFound(in: text), !permanentStatus.isFound(in: text),
           !(message.deliveryReport?.recipients ?? []).contains(where: \.failed) {
            return .noticeWithoutFailure
        }
        // A block with neither action nor status (a report the parser read garbled) says nothing.
        let recipients = (message.deliveryReport?.recipients ?? []).filter(\.saysWhatHappened)
        // Some mail systems put the report in a multipart/mixed or text part, or
        // leave out report-type: their report counts when a mail system sent it.
        if !recipients.isEmpty, isStatusReport || fromDaemon || failureSubject.isFound(in: subject) {
            if recipients.contains(where: \.failed) || failureStated { return .failed }
            return recipients.allSatisfy(\.reportsNoFailure) ? .noticeWithoutFailure : .unreadable
        }
        if isStatusReport || (fromDaemon && (failureStated || delayStated))
            || (failureSubject.isFound(in: subject) && failureInText) {
            if failureStated { return .failed }
            return delayStated ? .noticeWithoutFailure : .unreadable
        }
        // A daemon's message without words we know (garbled, or in a language we do
        // not read) may still be about our message. The null return path alone
        // does not count here: RFC 3834 auto-replies use it too.
        return message.from.map(isDaemon) ?? false ? .unreadable : nil
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

    /// A message a mail system sent about another message: never the user's
    /// own, even when it returns our From and Message-ID.
    static func isMailSystemMessage(_ message: IncomingMessage) -> Bool {
        isFromMailSystem(message) || message.contentType?.lowercased() == "multipart/report"
    }

    /// A mail daemon's sender, or the null return path (auto-replies use it
    /// too, so it marks a bounce only together with failure words).
    static func isFromMailSystem(_ message: IncomingMessage) -> Bool {
        message.from.map(isDaemon) ?? false || message.returnPath == ""
    }

    private static func isDaemon(_ sender: MailAddress) -> Bool {
        let local = sender.localPart
        let name = PlainWords.normalize(sender.name ?? "")
        // An empty address is the null sender (`From: MAILER-DAEMON <>`), which only mail systems use.
        return ["", "mailer-daemon", "mailerdaemon", "mail-daemon", "postmaster", "post_master", "mail.delivery.system", "mdaemon"].contains(local)
            || local.hasPrefix("microsoftexchange")
            || ["mail delivery system", "mail delivery subsystem", "mail delivery service", "mailer-daemon", "mailer daemon"].contains(name)
    }

    private static let failureSubject = Pattern(
        #"\b(?:undeliverable|undelivered mail|delivery status notification(?: \(failure\)|:? (?:error|failed|failure))|returned mail|mail delivery failed|delivery failure|failure notice|failed delivery|failure delivery|mail failed|mail failure|message not delivered|could not be delivered|delivery has failed|non-?delivery|nondeliverable|unzustellbar|non remis|échec de (?:la )?(?:remise|distribution))|メールエラー|配信エラー|送信エラー|配送エラー|不達|未達|配信不能|宛先不明"#)
    private static let delaySubject = Pattern(
        #"\b(?:delivery status notification(?: \(delay\)|:? (?:delayed|warning))|delayed mail|still being retried|delivery delayed|delivery is delayed|warning\b.*\b(?:delayed|could not send)|verzögert)"#)
    /// What mail systems write while they keep trying.
    private static let delayText = Pattern(
        #"\b(?:delivery (?:to the following recipients? )?(?:has been|is|was) delayed|(?:message|delivery) (?:is|has been) delayed|(?:has|have) not yet (?:been delivered|received)|still undelivered|(?:will be|is being|still being) retried|will retry|will (?:continue|keep) trying|delivery attempts will continue|(?:do not|don't) need to re-?send|no need to resend|this is a warning (?:message )?only|delivery incomplete)"#)
    /// Said only by a mail system that keeps trying.
    private static let warningOnly = Pattern(
        #"\b(?:(?:this is )?(?:a )?warning (?:message )?only|(?:do not|don't) need to re-?send|no need to resend|delivery attempts will continue|will (?:continue|keep) trying|will be retried|will retry)\b"#)
    /// A permanent SMTP reply or enhanced status code (RFC 3463 class 5).
    private static let permanentStatus = Pattern(#"\b5[0-5][0-9][ -]|\b5\.[0-9]{1,3}\.[0-9]{1,3}\b"#)
    /// "Could not be delivered for more than 4 hours": delay wording that reads like failure.
    private static let delayDuration = Pattern(
        #"\b(?:could not be delivered|couldn't be delivered|undeliverable|not been delivered) for (?:more than |over |the (?:past|last) )?[0-9]"#)

    private static func withoutDelayDurations(_ text: String) -> String {
        delayDuration.regex.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "")
    }

    private static let failureText = Pattern(
        #"\b(?:could not be delivered|couldn't be delivered|wasn't delivered|was not delivered|undeliverable|delivery has failed|delivery to the following recipients? (?:failed|has failed)|permanent(?:ly)? (?:error|fatal|failure)|address (?:couldn't be found|not found)|user unknown|no such user|mailbox (?:unavailable|not found|does not exist|is full)|recipient address rejected|the following address(?:es)? (?:failed|had (?:permanent )?(?:fatal|delivery) errors?)|(?:envelope|message) (?:has )?expired|delivery to the following recipients? was aborted|did not reach the following recipient|(?:an error (?:has )?occurred|there was an error) (?:while )?(?:attempting to |trying to )?deliver|5[0-5][0-9][ -]5\.[0-9]{1,3}\.[0-9]{1,3}|(?:to|for) the following recipients?\b[^.]{0,20}\b(?:was|were|has been|have been) aborted|\baborted after [0-9]|\bfailed recipients?: *[^ ]+@|\b5[0-5][0-9][ -](?:[0-9.]+ )?[^.\n]{0,60}\b(?:unknown (?:user|recipient|mailbox)|user unknown|no such (?:user|mailbox|recipient)|does not exist|not found|mailbox (?:unavailable|full|disabled)|quota exceeded|over quota|insufficient (?:system )?storage|recipient rejected|invalid (?:recipient|mailbox|address))\b)"#)

    /// The address that could not be reached: from the report (its failed
    /// blocks, else any block, for a report whose outcome is unreadable), then
    /// `X-Failed-Recipients`, then the first address in the text that is one
    /// of our contacts, else the first address that is not the user's or the daemon's.
    static func failedRecipient(of message: IncomingMessage, contacts: Set<String>, isUser: (String) -> Bool) -> String? {
        let blocks = message.deliveryReport?.recipients ?? []
        let failed = blocks.filter(\.failed)
        let reported = (failed.isEmpty ? blocks : failed).map { recipient in
            recipient.address.split(separator: ";").last.map(String.init) ?? recipient.address
        }
        let candidates = (reported + message.failedRecipients).map { MailAddress(address: $0).normalized }
        if let first = candidates.first(where: { !$0.isEmpty }) { return first }
        let inText = addressInText.matches(in: message.body)
            .compactMap { $0.capture(0, in: message.body) }
            .map { MailAddress(address: $0).normalized }
            .filter { !isUser($0) && $0 != message.from?.normalized }
        return inText.first(where: contacts.contains) ?? inText.first
    }

    /// Message-IDs in a report's text: the returned message's headers, quoted
    /// as text by mail systems that do not attach them.
    static func messageIDs(inTextOf message: IncomingMessage) -> [String] {
        messageIDInText.matches(in: message.body).compactMap { $0.capture(0, in: message.body) }
    }

    private static let messageIDInText = Pattern(#"<[^<>\s@]+@[^<>\s]+>"#)
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
        #"\b(?:automatic reply|auto(?:matic)?[- ]?(?:reply|response|antwort)|autoreply|automatische antwort|out of (?:the )?office|ooo|away from (?:the |my )?office|away (?:until|till|through|from)|(?:on|parental|maternity|paternity|annual) leave|absence|abwesenheit(?:snotiz)?|abwesend|nicht im büro|ist außer haus|is out of the office|est absente?|réponse automatique|absent(?:e)? du bureau|absence du bureau|respuesta automática|fuera de la oficina|automatisch antwoord|afwezig|autosvar|risposta automatica)\b"#)
    private static let absence: [Pattern] = [
        Pattern(#"\b(?:i am|i'm|i will be|i'll be|i shall be|currently)(?: currently)? (?:out of (?:the )?office|ooo|away from (?:the |my )?(?:office|desk|e-?mail)|on (?:annual |parental |maternity |paternity |sick |medical |holiday |vacation )?(?:leave|vacation|holidays?|pto|a business trip|business travel|sabbatical)|out (?:until|through|till|from|of the country)|away (?:until|from|till|through|on)|travel(?:l)?ing (?:until|through|till|with limited)|offline until|back (?:in the office |at (?:my desk|work) )?(?:on|from|by)|returning on)\b"#),
        Pattern(#"\b(?:out of (?:the )?office|ooo) (?:until|till|through|from|and will|with (?:limited|no))\b|\blimited access to (?:my )?e-?mail\b|\bback in the office on\b"#),
        Pattern(#"\b(?:respond|reply|get back to you|answer|read your (?:e-?mail|message)) (?:when|upon|after|on) my return\b|\bupon my return\b|\bwhen i(?:'m| am) back\b"#),
        Pattern(#"\bich bin (?:bis|vom|ab|derzeit|momentan|zurzeit|aktuell|leider) .*(?:abwesend|nicht im büro|nicht erreichbar|außer haus|im urlaub)|\b(?:ab dem|ab) .{1,30} (?:wieder )?(?:im büro|erreichbar)\b|\bnach meiner rückkehr\b"#),
        Pattern(#"\bje suis (?:actuellement )?(?:absente?|en congés?|en vacances)\b|\bje serai de retour\b|\bdès mon retour\b|\bà mon retour\b|\bestoy (?:fuera de la oficina|de vacaciones)\b|\bik ben (?:afwezig|met vakantie)\b"#),
    ]
}
