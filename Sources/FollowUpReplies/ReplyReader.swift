import Foundation
import FollowUpCore
import MailMessage

/// What a message that is not a delivery report says, once it is tied to an
/// application: not a reply at all (bulk mail, a platform's notification), a
/// relaying system's notice, an automatic reply, or the sender's own words.
struct ReplyReader {
    let message: IncomingMessage
    let authored: AuthoredText
    let application: Application
    let path: MatchPath
    /// The system that relayed it, if a scheduling tool, a job platform or an ATS sent it.
    let relay: RelaySystem?
    /// The sender's words (and the subject unless it replies to or forwards ours).
    private let text: String
    private let said: ReplyClass

    init(message: IncomingMessage, authored: AuthoredText, application: Application, path: MatchPath, relay: RelaySystem?) {
        self.message = message
        self.authored = authored
        self.application = application
        self.path = path
        self.relay = relay
        text = SubjectPrefix.isReplyOrForward(message.subject) ? authored.message : message.subject + "\n\n" + authored.message
        said = ReplyWording.classify(text)
    }

    /// Why the message is no reply, or nil. A message that names one we sent,
    /// or that one of the contacts wrote (as sender, Reply-To or organizer), is
    /// a reply whatever its headers.
    var whyNotAReply: String? {
        guard path != .threadReference, !writtenByAContact else { return nil }
        switch relay?.kind {
        case .jobPlatform?:
            // A platform's mail is all bulk-sent: what it tells of decides, not its headers.
            return PlatformNotice.tellsOfAMessage(message, authored: authored) ? nil : "a notification from \(relay?.name ?? "a job platform"), not a message"
        case .scheduling?:
            return nil
        case .applicantTracking?, nil:
            return BulkMail.whyNotAReply(message, authored: authored, said: said, relayed: relay != nil)
        }
    }

    var reading: ReplyReading {
        switch relay?.kind {
        case .jobPlatform?:
            let name = relay?.name ?? "the platform"
            return ReplyReading(replyClass: .unclear, phrases: ["\(name): a message to read there"], readOn: name)
        case .scheduling?:
            let name = relay?.name ?? "a scheduling tool"
            // A cancellation, or a rejection in its words, is not a next step: the user reads it.
            if message.invitation?.method == "CANCEL" || said == .rejection {
                return ReplyReading(replyClass: .unclear, phrases: ["\(name): a cancellation or a rejection"])
            }
            return ReplyReading(replyClass: .nextStep, phrases: ["\(name): it schedules a next step"])
        case .applicantTracking?, nil:
            return wordsRead
        }
    }

    /// Out-of-office wording wins only with a sign that a machine sent it (its
    /// headers or its subject), or when nothing else was said; a header alone
    /// (an ATS notification is `Auto-Submitted: auto-generated` too) yields to
    /// what the text says, because an auto-reply cancels nothing.
    private var wordsRead: ReplyReading {
        let zone = TimeZone(identifier: application.timeZone) ?? .gmt
        let dates = ReplyDates(written: message.written, timeZone: zone,
                               order: NumericDateOrder(language: TextLanguage.of(authored.withSignature), timeZone: application.timeZone))
        let evidence = AutomatedMail.autoReplyEvidence(message, authored: authored.withSignature)
        if evidence.absenceText && (evidence.declared || evidence.automatedAbsence || said == .unclear)
            || evidence.declared && said == .unclear {
            return ReplyReading(replyClass: .autoReply, until: dates.latestDate(in: authored.withSignature),
                                phrases: [evidence.declared ? "out of office: said so by its headers or subject" : "",
                                          evidence.absenceText ? "out of office: absence wording in the text" : ""].filter { !$0.isEmpty })
        }
        // An invitation to a meeting from the employer's side is the next step being booked.
        if said == .unclear, let invitation = message.invitation, ["REQUEST", "PUBLISH", nil].contains(invitation.method) {
            return ReplyReading(replyClass: .nextStep, phrases: ["an invitation to a meeting: \(invitation.summary ?? "no title")"])
        }
        let phrases = ReplyWording.phrases(text)
        if said == .needMoreTime {
            return ReplyReading(replyClass: .needMoreTime, until: dates.latestDate(in: authored.message), phrases: phrases)
        }
        return ReplyReading(replyClass: said, phrases: phrases)
    }

    private var writtenByAContact: Bool {
        let people = ([message.from] + message.replyTo + [message.invitation?.organizer]).compactMap { $0?.normalized }
        return application.contacts.contains { people.contains(MailAddress(address: $0.email).normalized) }
    }
}

/// A job platform's mail that tells of a message written there, as opposed to
/// its job alerts and profile news.
enum PlatformNotice {
    static func tellsOfAMessage(_ message: IncomingMessage, authored: AuthoredText) -> Bool {
        // Indeed's relay addresses carry the conversation itself.
        if let from = message.from, MailDomain.isWithin(from.domain, "indeedemail.com") { return true }
        return wording.isFound(in: PlainWords.normalize(message.subject))
            || wording.isFound(in: PlainWords.normalize(authored.withSignature))
    }

    private static let wording = Pattern(
        #"\b(?:sent you (?:a |an )?(?:new )?(?:message|inmail)|inmail (?:from|notification)|new (?:message|inmail|reply) from|(?:replied|responded) to (?:you|your message)|you have (?:a |an )?(?:new |unread )?(?:message|inmail)|(?:hat|haben) (?:ihnen|dir) (?:eine )?(?:neue )?nachricht|neue nachricht von|vous a (?:envoyé|écrit) un (?:nouveau )?message|nouveau message de|te ha enviado un mensaje|nuevo mensaje de|heeft (?:je|u) een bericht)"#)
}
