import ArgumentParser
import FollowUpConfig
import FollowUpCore
import FollowUpStore
import FollowUpWorkspace
import MailMessage

/// `fuctl update APP …`: what the user learns or gets wrong after recording
/// an application. A change to what a draft says or who it goes to (contact,
/// role, company, zone) withdraws the drafts written before it, and the
/// planner writes them anew for approval; one to when they are due (pace,
/// holidays, decision date) moves their due times; a talking point writes a
/// waiting thank-you again that the user never edited.
struct Update: FuctlCommand {
    static let configuration = CommandConfiguration(
        abstract: "Correct or complete an application; drafts written for the old facts are drafted anew, for your approval.",
        discussion: """
            --contact-name/--contact-email change the first contact (with --add-contact, add another one). \
            --no-decision-date removes the current round's decision date. --country/--region name where the employer is, \
            so that nothing goes out on its public holidays (--no-holidays: none kept). Each change is kept (fuctl why).
            """)

    @OptionGroup var options: ConfigOption
    @Argument(help: "The application's id.") var app: ApplicationID
    @Option(name: .customLong("talking-point"), help: "Something specific from the conversation, for the thank-you (repeatable).")
    var talkingPoints: [String] = []
    @Option(name: .customLong("domain"), help: "Another mail domain of the company (repeatable).") var domains: [String] = []
    @Option(name: .customLong("remove-domain"), help: "A domain that is not the company's (repeatable).") var removedDomains: [String] = []
    @Option(name: .customLong("contact-name")) var contactName: String?
    @Option(name: .customLong("contact-email")) var contactEmail: String?
    @Flag(name: .customLong("add-contact"), help: "Add --contact-name/--contact-email as a further contact.") var addContact = false
    @Option(name: .customLong("decision-date"), help: ArgumentHelp("The day they now say they will decide by.", valueName: "YYYY-MM-DD"))
    var decisionDate: LocalDate?
    @Flag(name: .customLong("no-decision-date"), help: "They named no decision date after all.") var noDecisionDate = false
    @Option var pace: Pace?
    @Option(name: .customLong("tz"), help: ArgumentHelp("The application's IANA time zone.", valueName: "ZONE")) var timeZone: String?
    @Option var role: String?
    @Option var company: String?
    @OptionGroup var holidays: HolidayOptions
    @Flag(name: .customLong("no-holidays"), help: "Keep no public holidays for it.") var noHolidays = false

    func validate() throws {
        let anything = !talkingPoints.isEmpty || !domains.isEmpty || !removedDomains.isEmpty || contactName != nil || contactEmail != nil
            || decisionDate != nil || noDecisionDate || pace != nil || timeZone != nil || role != nil || company != nil
            || holidays.country != nil || noHolidays
        if noHolidays && holidays.country != nil { throw ValidationError("give --country or --no-holidays, not both") }
        guard anything else { throw ValidationError("give something to change (fuctl update --help)") }
        if decisionDate != nil && noDecisionDate { throw ValidationError("give --decision-date or --no-decision-date, not both") }
        if addContact && (contactName == nil || contactEmail == nil) {
            throw ValidationError("--add-contact needs --contact-name and --contact-email")
        }
        for (flag, value) in [("--talking-point", talkingPoints), ("--role", [role].compactMap { $0 }),
                              ("--company", [company].compactMap { $0 }), ("--contact-name", [contactName].compactMap { $0 })] {
            for text in value {
                if text.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("\(flag) must not be empty") }
                if let problem = VisibleText.checkOneLine(text, named: flag) { throw ValidationError(problem) }
            }
        }
        if let contactEmail, !MailAddress.isValid(contactEmail) {
            throw ValidationError("--contact-email \"\(contactEmail)\" is not a mail address fuctl can send to")
        }
        for domain in domains + removedDomains where !MailAddress.isValid("x@" + domain) {
            throw ValidationError("\"\(domain)\" is not a domain name")
        }
        if let timeZone, let problem = ZoneName.problem(timeZone) { throw ValidationError("--tz: " + problem) }
    }

    func run(in context: Context) throws {
        let workspace = try options.workspace(context)
        let store = workspace.store
        let before = try store.existingHistory(app)
        if let decisionDate, let event = before.application.events.last,
           decisionDate < (try ZonedCalendar(timeZoneIdentifier: timeZone ?? before.application.timeZone, window: .standard)).local(event.start).date {
            throw ValidationError("--decision-date \(decisionDate) is before the interview")
        }
        var correction = Store.Correction()
        correction.company = company
        correction.role = role
        correction.timeZone = timeZone
        correction.pace = pace
        correction.removedDomains = removedDomains
        if noHolidays {
            correction.country = .some(nil)
            correction.region = .some(nil)
        } else if let place = holidays.place {
            correction.country = .some(place.country)
            correction.region = .some(place.region)
        }
        correction.decisionDate = noDecisionDate ? .some(nil) : decisionDate.map { .some($0) }
        if contactName != nil || contactEmail != nil, let first = before.application.contacts.first {
            let contact = Contact(name: contactName ?? first.name, email: contactEmail ?? first.email)
            if addContact { correction.addedContact = contact } else { correction.contact = contact }
        }
        try store.addDetails(to: app, talkingPoints: talkingPoints, domains: domains)
        let (changes, withdraws) = try store.correct(app, correction, at: context.now)
        for change in changes { context.console.print("application \(app): \(change)") }
        let after = try store.existingHistory(app)
        if let withdraws {
            let withdrawn = before.drafts.filter { $0.state.isPending && (withdraws == .everyDraft || $0.kind.isScheduled) }
            for draft in withdrawn {
                let own = draft.kind == .news || draft.kind == .competingOffer
                context.console.print("draft \(draft.id), the \(draft.kind.words), is withdrawn at followupd's next check"
                    + (own ? "; ask for it again (fuctl \(draft.kind == .news ? "news" : "offer") \(app)); it said:\n"
                        + draft.body.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n")
                        : " and drafted anew for your approval"))
            }
            return
        }
        guard !talkingPoints.isEmpty else {
            if changes.isEmpty && domains.isEmpty { context.console.print("application \(app): nothing changed") }
            return
        }
        context.console.print("application \(app) updated")
        try rewriteThankYous(after, workspace, context)
    }

    /// A waiting thank-you the user never edited is written again with the talking point.
    private func rewriteThankYous(_ history: ApplicationHistory, _ workspace: Workspace, _ context: Context) throws {
        for draft in history.drafts where draft.kind == .thankYou && draft.state == .drafted {
            let queued = QueuedDraft(applicationID: app, round: draft.round, kind: draft.kind,
                                     recipient: Contact(name: draft.recipientName, email: draft.recipientEmail), due: draft.due, thread: nil)
            let (written, problems) = try workspace.writer.write(queued, history: history, now: context.now,
                                                                 randomBytes: Workspace.randomBytes())
            // Written again, not edited by the user: the next talking point may write it again too.
            guard try workspace.store.rewriteUnedited(draftID: draft.id, subject: written.subject, body: written.body,
                                                      lintProblems: problems.map(\.description), now: context.now) != nil else {
                context.console.print("draft \(draft.id) has your own edits: mention it there yourself (fuctl edit \(draft.id))")
                continue
            }
            context.console.print("draft \(draft.id), the thank-you, written again with it"
                + (problems.isEmpty ? "" : "; \(problems.count) problem\(problems.count == 1 ? "" : "s") (fuctl queue)"))
        }
    }
}
