import FollowUpCore

/// Automated mail for many people that is no reply, even from the company's
/// domain (POLICY.md "Replies from the employer"): newsletters, job alerts,
/// talent-community mailings, acknowledgements of an application. Told by
/// their headers together with what they say; a stated rejection is never
/// taken for one, so the worst a mistake here costs is a reply read as `unclear`.
enum BulkMail {
    /// Why the message is bulk mail, or nil. Asked only of a message that
    /// names nothing we sent and that none of the contacts wrote.
    static func whyNotAReply(_ message: IncomingMessage, authored: AuthoredText, said: ReplyClass, relayed: Bool,
                             role: String) -> String? {
        let marks = listMarks(message)
        let automated = relayed || !marks.isEmpty || isNoReply(message)
        let text = PlainWords.normalize(message.subject + "\n" + authored.withSignature)
        // About the application itself ("an update on your application", the interview): read it.
        guard automated, !ReplyWording.statesRejection(authored.message), !aboutTheApplication.isFound(in: text) else { return nil }
        // "We will review it" is in every receipt; "thank you for your
        // application" opens status updates too, so it counts only when
        // nothing else is said; a request for time about the role interviewed
        // for is a reply, however it is sent.
        // A regret next to the candidacy ("unfortunately we cannot answer every
        // applicant") decides nothing: a stated rejection was ruled out above.
        let decided = said != .unclear && said != .rejection
        let aboutTheRole = NamedInText.names(role: role, in: NamedInText.Texts([message.subject, authored.withSignature]))
        if !decided && (receipt.isFound(in: text) || thanksForApplying.isFound(in: text))
            || said == .needMoreTime && !aboutTheRole && receipt.isFound(in: text) {
            return "an acknowledgement of an application"
        }
        guard !decided else { return nil }
        if !marks.isEmpty { return "bulk mail (\(marks.joined(separator: ", ")))" }
        return mailingWords.isFound(in: text) ? "a mailing from a no-reply sender" : nil
    }

    /// The bulk headers found, and `Precedence: bulk` or `list`.
    private static func listMarks(_ message: IncomingMessage) -> [String] {
        let precedence = (message.precedence ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        return message.bulkHeaders + (["bulk", "list", "junk"].contains(precedence) ? ["Precedence: \(precedence)"] : [])
    }

    /// A sender no person answers from; not jobs@ or careers@, where recruiters write.
    private static func isNoReply(_ message: IncomingMessage) -> Bool {
        message.from.map { isNoReply($0.localPart) } ?? false
    }

    static func isNoReply(_ localPart: String) -> Bool { noReply.isFound(in: localPart) }

    private static let noReply = Pattern(
        #"^(?:no-?reply|do-?not-?reply|donotreply|noreply|notifications?|notify|alerts?|news(?:letter)?|marketing|mailer|updates)(?:[-_.+].*)?$"#)

    /// "We have received your application": mail sent at the application,
    /// not after an interview.
    private static let receipt = Pattern(
        #"\b(?:we(?:'ve| have) (?:successfully )?received your application|your application (?:has been|was|is) (?:successfully )?(?:received|submitted)|application (?:received|submitted|confirmation)|wir haben ihre bewerbung (?:erhalten|bekommen)|ihre bewerbung (?:ist )?(?:bei uns )?eingegangen|eingangsbestätigung|nous avons (?:bien )?reçu votre candidature|accusé de réception)"#)
    private static let thanksForApplying = Pattern(
        #"\b(?:thank(?:s| you) for (?:applying|your (?:recent )?application|submitting your application)|(?:vielen )?dank für ihre bewerbung|merci (?:pour|de) votre candidature)"#)

    /// What a status update or a person's mail about the process says.
    private static let aboutTheApplication = Pattern(
        #"\b(?:(?:an )?update (?:on|regarding|about|to) your (?:application|candidacy)|(?:there is|there's|we have|we've posted) (?:an |a new )?(?:update|message|decision)|your application status (?:has|was) (?:changed|updated)|(?:log|sign) in to (?:view|see|read) (?:it|the (?:update|message|decision))|candidate (?:portal|home)\b.{0,40}\b(?:update|decision|status)|your (?:interview|conversation|call|meeting) (?:with|on|last)|(?:after|following|since) (?:your|our) (?:interview|conversation|call|meeting))"#)

    /// What mailings say and personal mail does not.
    private static let mailingWords = Pattern(
        #"\b(?:unsubscribe|view (?:this (?:e-?mail|message) )?in (?:your |a )?browser|newsletter|manage (?:your )?(?:e-?mail |subscription )?(?:preferences|subscriptions?|settings)|you(?:'re| are) receiving this|job alerts?|jobs? (?:you may (?:be interested in|like)|for you|matching)|recommended (?:jobs|for you)|is hiring|new jobs?|talent (?:community|network|pool)|webinar|abmelden|newsletter abbestellen|se désabonner|se désinscrire|désinscription|offres d'emploi)\b"#)
}
