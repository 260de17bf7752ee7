import Foundation
import Testing
import FollowUpCore
import FollowUpReplies
import InboxReading
import MailMessage
import TestSupport

/// sisimai's set-of-emails (real bounces from ~75 mail systems, RFC 3834
/// auto-replies, and messages that are not bounces) through both stages, as
/// the daemon reads them: the header fetch, then the first 64 KB.
@Suite struct SisimaiCorpusTests {
    /// What the two stages made of one corpus file.
    struct Outcome {
        var file: String
        var screening: Screening
        var reading: MessageReading?

        /// The file's label: its name without the number, e.g. `lhost-postfix`.
        var label: String {
            file.replacingOccurrences(of: #"-[0-9]+\.eml$"#, with: "", options: .regularExpression)
        }

        var replyClass: ReplyClass? {
            guard case .attributed(let attribution) = reading?.verdict else { return nil }
            return attribution.replyClass
        }

        var summary: String {
            switch reading?.verdict {
            case .attributed(let attribution): return "\(attribution.replyClass) via \(attribution.match)"
            case .ignored(let reason): return "read, ignored: \(reason)"
            case nil: return "screened out: \(screening.decision)"
            }
        }
    }

    /// A context in which the message belongs to one application if anything
    /// ties it: every address in the file or its decoded text (but the recipient's, the user's) is
    /// a contact, every domain a company domain, every Message-ID one we sent
    /// (but the message's own). The event started long before.
    static func attributingContext(_ raw: [UInt8], parsed: ParsedMessage) -> ReplyContext {
        // The decoded text too: a base64 body hides its addresses from the raw bytes.
        let text = String(decoding: raw, as: UTF8.self) + "\n" + parsed.text
        let users = Set(parsed.to.map { $0.address.lowercased() })
        let addresses = Set(matches(of: #"[A-Za-z0-9._%+'=-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+"#, in: text).map { $0.lowercased() })
            .subtracting(users)
        let ids = Set(matches(of: #"<[^<>\s@]+@[^<>\s]+>"#, in: text))
            .filter { id in parsed.messageID.map { !id.contains($0) } ?? true }
        let application = Application(
            id: 1, company: "Nyaan", role: "Engineer",
            contacts: addresses.sorted().map { Contact(name: "", email: $0) },
            companyDomains: Set(addresses.compactMap { $0.split(separator: "@").last.map(String.init) }).sorted(),
            timeZone: "Asia/Tokyo",
            events: [Event(id: 1, start: Date(timeIntervalSince1970: 0), end: Date(timeIntervalSince1970: 3600))])
        return ReplyContext(userAddresses: users, sentMessageIDs: Dictionary(uniqueKeysWithValues: ids.map { ($0, 1) }),
                            applications: [application])
    }

    static func matches(of pattern: String, in text: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: pattern)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range, in: text).map { String(text[$0]) }
        }
    }

    static func outcome(of url: URL) throws -> Outcome {
        let raw = Array(try Data(contentsOf: url))
        let parsed = ParsedMessage(raw)
        let context = attributingContext(raw, parsed: parsed)
        let arrived = parsed.date?.date ?? Date(timeIntervalSince1970: 1_700_000_000)
        let screening = InboxReader.screen(headerBytes: HeaderFetch.of(raw, fields: InboxReader.headerFields),
                                           internalDate: arrived, context: context)
        guard screening.decision == .fetchText else { return Outcome(file: url.lastPathComponent, screening: screening) }
        let reading = InboxReader.read(fullBytes: raw.prefix(InboxReader.textFetchBytes), internalDate: arrived, context: context)
        return Outcome(file: url.lastPathComponent, screening: screening, reading: reading)
    }

    static func outcomes(_ folder: String, where keep: (String) -> Bool) throws -> [Outcome]? {
        guard let corpus = Corpora.folder("sisimai-set-of-emails/maildir") else { return nil }
        return try Corpora.files(in: corpus.appendingPathComponent(folder), where: keep).map(outcome)
    }

    /// Prints the rate per label and each miss; returns the overall rate.
    @discardableResult
    static func report(_ title: String, _ outcomes: [Outcome], hit: (Outcome) -> Bool) -> Double {
        let byLabel = Dictionary(grouping: outcomes, by: \.label)
        for label in byLabel.keys.sorted() {
            let group = byLabel[label]!
            print("  \(label): \(group.filter(hit).count)/\(group.count)")
            for miss in group where !hit(miss) { print("    miss \(miss.file): \(miss.summary)") }
        }
        let hits = outcomes.filter(hit).count
        let rate = Double(hits) / Double(max(outcomes.count, 1))
        print("\(title): \(hits)/\(outcomes.count) (\(String(format: "%.1f", rate * 100))%)")
        return rate
    }

    static func rate(_ outcomes: [Outcome], prefix: String, hit: (Outcome) -> Bool) -> Double {
        let group = outcomes.filter { $0.file.hasPrefix(prefix) }
        let rate = Double(group.filter(hit).count) / Double(max(group.count, 1))
        print("  \(prefix)*: \(group.filter(hit).count)/\(group.count) (\(String(format: "%.1f", rate * 100))%)")
        return rate
    }

    /// arf-* are abuse reports and rfc3834-* auto-replies: every other file in bsd/ is labelled a bounce,
    /// but for these, which sisimai's own tests read as no failure at all.
    static let notBounces: [String: String] = [
        "lhost-amazonses-11.eml": "an SES complaint (feedback loop)",
        "lhost-amazonses-12.eml": "an SES delivery notification (2.6.0)",
        "lhost-amazonses-13.eml": "an SES delivery notification (2.6.0)",
        "rfc3464-28.eml": "a Postfix address-verification report (deliverable, 2.1.5)",
    ]

    /// Labelled bounces that are warnings of a delay: the mail system keeps
    /// trying (Action: delayed, 4.x.x, "will be retried"). sisimai counts some
    /// as `expired`; none says it gave up.
    static let delayWarnings: Set<String> = [
        "lhost-exim-38.eml", "lhost-exim-41.eml", "lhost-gmail-06.eml", "lhost-gmail-08.eml", "lhost-gmail-09.eml",
        "lhost-gmail-17.eml", "lhost-messagingserver-07.eml", "lhost-opensmtpd-04.eml", "lhost-opensmtpd-12.eml",
        "lhost-opensmtpd-06.eml", "lhost-opensmtpd-13.eml", "lhost-opensmtpd-15.eml", "lhost-opensmtpd-16.eml",
        "lhost-outlook-06.eml", "lhost-sendmail-29.eml", "lhost-sendmail-55.eml", "lhost-zoho-04.eml",
        "rfc3464-07.eml", "rfc3464-09.eml", "rfc3464-34.eml", "rfc3464-55.eml", "rhost-gsuite-06.eml", "rhost-outlook-06.eml",
    ]

    static func labelledBounces() throws -> [Outcome]? {
        try outcomes("bsd", where: { !$0.hasPrefix("arf-") && !$0.hasPrefix("rfc3834-") && notBounces[$0] == nil })
    }

    /// The worst a delay warning may do is nothing: never mark the address undeliverable.
    @Test func delayWarningsNeverMarkAnAddressUndeliverable() throws {
        guard let outcomes = try Self.outcomes("bsd", where: Self.delayWarnings.contains) else { return }
        #expect(outcomes.count == Self.delayWarnings.count)
        for outcome in outcomes {
            #expect(outcome.replyClass != .bounce, "\(outcome.file): \(outcome.summary)")
            #expect(outcome.reading?.verdict == .ignored(.deliveryNoticeWithoutFailure), "\(outcome.file): \(outcome.summary)")
        }
    }

    @Test func reportsOfSuccessAreNotBounces() throws {
        guard let outcomes = try Self.outcomes("bsd", where: { Self.notBounces[$0] != nil }) else { return }
        #expect(outcomes.count == Self.notBounces.count)
        for outcome in outcomes { #expect(outcome.replyClass != .bounce, "\(outcome.file): \(outcome.summary)") }
    }

    @Test func labelledBouncesAreClassifiedAsBounces() throws {
        guard let outcomes = try Self.labelledBounces() else { return }
        let isBounce = { (outcome: Outcome) in outcome.replyClass == .bounce }
        let overall = Self.report("labelled bounces classified as bounce", outcomes, hit: isBounce)
        #expect(outcomes.count > 600)
        #expect(overall >= 0.95)
        #expect(Self.rate(outcomes, prefix: "rfc3464-", hit: isBounce) >= 0.86)
        #expect(Self.rate(outcomes, prefix: "lhost-", hit: isBounce) >= 0.945)
        #expect(Self.rate(outcomes, prefix: "rhost-", hit: isBounce) >= 0.975)
    }

    /// The policy's safety measure: a labelled bounce either stops follow-ups
    /// (bounce, or `unclear` for a report we cannot read) or is a notice that
    /// positively says the message is only delayed. What is left is ignored as
    /// not ours: the failed recipient (or the sender) is the corpus's own
    /// recipient, whom the context takes for the user.
    @Test func labelledBouncesStopFollowUpsUnlessTheyAreDelayNotices() throws {
        guard let outcomes = try Self.labelledBounces() else { return }
        let stopsOrDelays = Self.report("labelled bounces that stop follow-ups or are delay notices", outcomes) { outcome in
            [.bounce, .unclear].contains(outcome.replyClass) || outcome.reading?.verdict == .ignored(.deliveryNoticeWithoutFailure)
        }
        #expect(stopsOrDelays >= 0.996)
    }

    /// sisimai labels delay warnings bounces too; the policy ignores them (the
    /// message may still arrive), so a delay notice read as one counts as
    /// recognised. Read through the parser and both stages.
    @Test func labelledBouncesAreRecognisedAsDeliveryReports() throws {
        guard let outcomes = try Self.labelledBounces() else { return }
        let recognised = Self.report("labelled bounces recognised as delivery reports", outcomes) { outcome in
            outcome.replyClass == .bounce || outcome.reading?.verdict == .ignored(.deliveryNoticeWithoutFailure)
        }
        #expect(recognised >= 0.99)
    }

    /// The adapter reads nothing outside `InboxReader.headerFields`: on every
    /// file, a fetch of those fields gives the facts the whole header gives.
    @Test func headerFetchGivesTheFactsOfTheWholeHeader() throws {
        guard let corpus = Corpora.folder("sisimai-set-of-emails/maildir") else { return }
        let files = ["bsd", "not"].flatMap { Corpora.files(in: corpus.appendingPathComponent($0)) { $0.hasSuffix(".eml") } }
        #expect(files.count > 600)
        for url in files {
            let raw = Array(try Data(contentsOf: url))
            let whole = HeaderFetch.of(raw, fields: ParsedMessage(raw).headers.fields.map(\.name))
            let fetched = HeaderFetch.of(raw, fields: InboxReader.headerFields)
            #expect(IncomingMessage(ParsedMessage(fetched), internalDate: .distantPast)
                    == IncomingMessage(ParsedMessage(whole), internalDate: .distantPast), "\(url.lastPathComponent)")
        }
    }

    @Test func labelledAutoRepliesAreClassifiedAsAutoReplies() throws {
        guard let outcomes = try Self.outcomes("bsd", where: { $0.hasPrefix("rfc3834-") }) else { return }
        let rate = Self.report("auto-replies classified as autoReply", outcomes) { $0.replyClass == .autoReply }
        #expect(!outcomes.isEmpty)
        #expect(rate == 1)
    }

    @Test func messagesThatAreNotBouncesAreNotClassifiedAsBounces() throws {
        guard let outcomes = try Self.outcomes("not", where: { $0.hasSuffix(".eml") }) else { return }
        let rate = Self.report("non-bounces not classified as bounce", outcomes) { $0.replyClass != .bounce }
        #expect(!outcomes.isEmpty)
        #expect(rate == 1)
    }
}
