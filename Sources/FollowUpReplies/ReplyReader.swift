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
    /// What the sender's words say (and the subject's, unless it replies to or forwards ours).
    private let said: ReplyClass
    /// The phrases that said it, read with it.
    private let saidBy: [String]

    init(message: IncomingMessage, authored: AuthoredText, application: Application, path: MatchPath, relay: RelaySystem?) {
        self.message = message
        self.authored = authored
        self.application = application
        self.path = path
        self.relay = relay
        let text = SubjectPrefix.isReplyOrForward(message.subject) ? authored.message : message.subject + "\n\n" + authored.message
        (said, saidBy) = ReplyWording.read(text)
    }

    /// Why the message is no reply, or nil. A message that names one we sent,
    /// or that one of the contacts wrote (as sender, Reply-To or organizer), is
    /// a reply whatever its headers.
    var whyNotAReply: String? {
        guard path != .threadReference, !writtenByAContact, !answeredByAPerson else { return nil }
        switch relay?.kind {
        case .jobPlatform?:
            // A platform's mail is all bulk-sent: what it tells of decides, not its headers.
            return tellsOfAMessage ? nil : "a notification from \(relay?.name ?? "a job platform"), not a message"
        case .scheduling?:
            return nil
        case .applicantTracking?, nil:
            return BulkMail.whyNotAReply(message, authored: authored, said: said, relayed: relay != nil, role: application.role)
        }
    }

    /// A platform's mail about a message the employer wrote there, or a
    /// decision it relays — not its job alerts and news.
    private var tellsOfAMessage: Bool {
        PlatformNotice.tellsOfAMessage(message, authored: authored) || said != .unclear
    }

    var reading: ReplyReading {
        switch relay?.kind {
        case .jobPlatform? where PlatformNotice.carriesTheMessage(message):
            // Indeed's relay addresses carry the employer's own words: read them, unclear when in doubt.
            return wordsRead
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
    /// headers or its subject): a person's "I'm away until Thursday" stays
    /// theirs to read. A header alone
    /// (an ATS notification is `Auto-Submitted: auto-generated` too) yields to
    /// what the text says, because an auto-reply cancels nothing.
    private var wordsRead: ReplyReading {
        let zone = TimeZone(identifier: application.timeZone) ?? .gmt
        let dates = ReplyDates(written: message.written, timeZone: zone,
                               order: NumericDateOrder(language: TextLanguage.of(authored.withSignature), timeZone: application.timeZone))
        let evidence = AutomatedMail.autoReplyEvidence(message, authored: authored.withSignature)
        if evidence.absenceText && (evidence.declared || evidence.automatedAbsence)
            || evidence.declared && said == .unclear {
            return ReplyReading(replyClass: .autoReply, until: dates.latestDate(in: authored.withSignature),
                                phrases: [evidence.declared ? "out of office: said so by its headers or subject" : "",
                                          evidence.absenceText ? "out of office: absence wording in the text" : ""].filter { !$0.isEmpty })
        }
        // An invitation to a meeting from the employer's side is the next step being booked.
        if said == .unclear, let invitation = message.invitation, ["REQUEST", "PUBLISH", nil].contains(invitation.method) {
            return ReplyReading(replyClass: .nextStep, phrases: ["an invitation to a meeting: \(invitation.summary ?? "no title")"])
        }
        if said == .needMoreTime {
            return ReplyReading(replyClass: .needMoreTime, until: dates.latestDate(in: authored.message), phrases: saidBy)
        }
        return ReplyReading(replyClass: said, phrases: saidBy)
    }

    /// Its answers go to a person at the company (jane.carter@, not talent@ or events@): a person sent it.
    private var answeredByAPerson: Bool {
        message.replyTo.contains { address in
            application.companyDomains.contains { MailDomain.isWithin(address.domain, $0) }
                && Self.personal.isFound(in: address.localPart) && !Self.role.isFound(in: address.localPart)
        }
    }

    /// first.last, first_last, f.last: the shape of a person's mailbox…
    private static let personal = Pattern(#"^[a-z]+[._-][a-z]+$"#)
    /// …unless its words are a team's or a machine's (no-reply, talent-acquisition, hr-team).
    private static let role = Pattern(
        #"\b(?:no|do|not|reply|noreply|talent|acquisition|careers?|jobs?|recruit(?:ing|ment|ers?)?|hr|team|events?|news|info|marketing|hello|contact|people|hiring|notifications?|support|admin|office|mail(?:er)?|service|bewerbung(?:en)?|karriere|personal|emploi|carrieres?)\b"#)

    private var writtenByAContact: Bool {
        let people = ([message.from] + message.replyTo + [message.invitation?.organizer]).compactMap { $0?.normalized }
        return application.contacts.contains { people.contains(MailAddress(address: $0.email).normalized) }
    }
}

/// A job platform's mail that tells of a message written there, as opposed to
/// its job alerts and profile news.
enum PlatformNotice {
    static func tellsOfAMessage(_ message: IncomingMessage, authored: AuthoredText) -> Bool {
        carriesTheMessage(message) || wording.isFound(in: PlainWords.normalize(message.subject))
            || wording.isFound(in: PlainWords.normalize(authored.withSignature))
    }

    /// Indeed's per-person relay addresses carry the conversation itself.
    static func carriesTheMessage(_ message: IncomingMessage) -> Bool {
        message.from.map { MailDomain.isWithin($0.domain, "indeedemail.com") } ?? false
    }

    private static let wording = Pattern(
        #"\b(?:sent you (?:a |an )?(?:new )?(?:message|inmail)|inmail (?:from|notification)|(?:just )?messaged you|(?:responded|replied) to your (?:application|message)|update on your application|nachricht (?:von|für sie)|new (?:message|inmail|reply) from|(?:replied|responded) to (?:you|your message)|you have (?:a |an )?(?:new |unread )?(?:message|inmail)|(?:hat|haben) (?:ihnen|dir) (?:eine )?(?:neue )?nachricht|neue nachricht von|vous a (?:envoyé|écrit) un (?:nouveau )?message|nouveau message de|te ha enviado un mensaje|nuevo mensaje de|heeft (?:je|u) een bericht)"#)
}
