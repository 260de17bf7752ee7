import FollowUpCore

/// Automated mail for many people that is no reply, even from the company's
/// domain (POLICY.md "Replies from the employer"): newsletters, job alerts,
/// talent-community mailings, acknowledgements of an application. Told by
/// their headers together with what they say; a stated rejection is never
/// taken for one, so the worst a mistake here costs is a reply read as `unclear`.
enum BulkMail {
    /// Why the message is bulk mail, or nil. Asked only of a message that
    /// names nothing we sent and that none of the contacts wrote.
    static func whyNotAReply(_ message: IncomingMessage, authored: AuthoredText, said: ReplyClass, relayed: Bool) -> String? {
        let marks = listMarks(message)
        let automated = relayed || !marks.isEmpty || isNoReply(message)
        let text = PlainWords.normalize(message.subject + "\n" + authored.withSignature)
        guard automated, !ReplyWording.statesRejection(authored.message) else { return nil }
        if said != .nextStep, acknowledgement.isFound(in: text) { return "an acknowledgement of an application" }
        let mailing = mailingWords.isFound(in: text)
        if !marks.isEmpty, said == .unclear || mailing {
            return "bulk mail (\(marks.joined(separator: ", ")))"
        }
        if mailing, said == .unclear { return "a mailing from a no-reply sender" }
        return nil
    }

    /// The bulk headers found, and `Precedence: bulk` or `list`.
    private static func listMarks(_ message: IncomingMessage) -> [String] {
        let precedence = (message.precedence ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        return message.bulkHeaders + (["bulk", "list", "junk"].contains(precedence) ? ["Precedence: \(precedence)"] : [])
    }

    private static func isNoReply(_ message: IncomingMessage) -> Bool {
        guard let local = message.from?.localPart else { return false }
        return noReply.isFound(in: local)
    }

    private static let noReply = Pattern(
        #"^(?:no-?reply|do-?not-?reply|donotreply|noreply|notifications?|notify|alerts?|news(?:letter)?|marketing|info|jobs|careers|talent|mailer|updates)(?:[-_.+].*)?$"#)

    /// "Thank you for applying", "we have received your application": mail
    /// sent at the application, not after an interview.
    private static let acknowledgement = Pattern(
        #"\b(?:thank(?:s| you) for (?:applying|your (?:recent )?application|submitting your application)|we(?:'ve| have) (?:successfully )?received your application|your application (?:has been|was|is) (?:successfully )?(?:received|submitted)|application (?:received|submitted|confirmation)|(?:vielen )?dank für ihre bewerbung|wir haben ihre bewerbung (?:erhalten|bekommen)|ihre bewerbung (?:ist )?(?:bei uns )?eingegangen|eingangsbestätigung|nous avons (?:bien )?reçu votre candidature|merci (?:pour|de) votre candidature|accusé de réception)"#)

    /// What mailings say and personal mail does not.
    private static let mailingWords = Pattern(
        #"\b(?:unsubscribe|view (?:this (?:e-?mail|message) )?in (?:your |a )?browser|newsletter|manage (?:your )?(?:e-?mail |subscription )?(?:preferences|subscriptions?|settings)|you(?:'re| are) receiving this|job alerts?|jobs? (?:you may (?:be interested in|like)|for you|matching)|recommended (?:jobs|for you)|is hiring|new jobs?|talent (?:community|network|pool)|webinar|abmelden|newsletter abbestellen|se désabonner|se désinscrire|désinscription|offres d'emploi)\b"#)
}
