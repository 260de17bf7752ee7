import MailMessage

/// A system that sends mail on behalf of many employers: its sender says
/// nothing about the company until the message names it (POLICY.md "Replies
/// from the employer").
public struct RelaySystem: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// Its notifications carry the employer's words: read them.
        case applicantTracking = "applicant-tracking"
        /// It books the next interview: naming the company or a contact, it is a next step.
        case scheduling
        /// It tells of a message the employer wrote on the platform: the words are
        /// there, so it is `unclear` and the user is told where to read it.
        case jobPlatform = "job-platform"
    }

    public var name: String
    public var kind: Kind
    /// Sending domains, each with its subdomains; or whole addresses
    /// (`calendar-notification@google.com`) where the domain sends much else.
    public var senders: [String]
    /// Where the person shows in its mail: the evidence behind the entry.
    public var shape: String
    /// A calendar service that sends every meeting (Google Calendar), not only interviews.
    public var carriesAnyMeeting: Bool

    public init(name: String, kind: Kind, senders: [String], shape: String = "", carriesAnyMeeting: Bool = false) {
        self.name = name
        self.kind = kind
        self.senders = senders
        self.shape = shape
        self.carriesAnyMeeting = carriesAnyMeeting
    }
}

/// The known relaying systems, with the user's additions from the config.
public struct RelaySystems: Hashable, Sendable {
    public let systems: [RelaySystem]
    /// Positions in `systems` by whole sending address and by sending domain:
    /// every message's sender is looked up, so by hashing, not by a walk over every entry.
    private let byAddress: [String: Int]
    private let byDomain: [String: Int]

    public init(adding extra: [RelaySystem] = []) {
        systems = extra + Self.known
        var byAddress: [String: Int] = [:], byDomain: [String: Int] = [:]
        for (index, system) in systems.enumerated() {
            for sender in system.senders {
                // The first entry naming a sender wins: the user's own come first.
                if sender.contains("@") {
                    byAddress[sender.lowercased()] = byAddress[sender.lowercased()] ?? index
                } else {
                    byDomain[MailDomain.of(sender)] = byDomain[MailDomain.of(sender)] ?? index
                }
            }
        }
        self.byAddress = byAddress
        self.byDomain = byDomain
    }

    /// The known systems and the user's own, each of the user's named by its sender.
    public init(tracking: [String], scheduling: [String], platforms: [String]) {
        let mine = [(RelaySystem.Kind.applicantTracking, tracking), (.scheduling, scheduling), (.jobPlatform, platforms)]
            .flatMap { kind, senders in senders.map { RelaySystem(name: $0, kind: kind, senders: [$0]) } }
        self.init(adding: mine)
    }

    /// The system that sent `address`, the user's own entries first.
    public func system(sending address: MailAddress?) -> RelaySystem? {
        guard let address else { return nil }
        let normalized = address.normalized
        // The earliest entry that sends it: by its whole address, or its domain or a parent of that.
        var found = byAddress[normalized]
        // `domain` is empty for a sender without "@" ("From: lever.co"): no system's.
        var parent = Substring(MailDomain.of(address.domain))
        while !parent.isEmpty {
            if let index = byDomain[String(parent)] { found = min(found ?? index, index) }
            guard let dot = parent.firstIndex(of: ".") else { break }
            parent = parent[parent.index(after: dot)...]
        }
        return found.map { systems[$0] }
    }

    /// Evidence for each entry is its real sending domain; tenants often get a
    /// subdomain (acme.myworkday.com, us.greenhouse-mail.io), which `isWithin` covers.
    static let known: [RelaySystem] = [
        // Applicant-tracking systems.
        RelaySystem(name: "Greenhouse", kind: .applicantTracking, senders: ["greenhouse.io", "greenhouse-mail.io"]),
        RelaySystem(name: "Lever", kind: .applicantTracking, senders: ["lever.co"]),  // hire.lever.co
        RelaySystem(name: "Workday", kind: .applicantTracking, senders: ["myworkday.com", "workday.com", "myworkdayjobs.com"]),
        RelaySystem(name: "SmartRecruiters", kind: .applicantTracking, senders: ["smartrecruiters.com", "smartrecruitersmail.com"]),
        RelaySystem(name: "iCIMS", kind: .applicantTracking, senders: ["icims.com"]),
        RelaySystem(name: "Ashby", kind: .applicantTracking, senders: ["ashbyhq.com"]),
        RelaySystem(name: "Workable", kind: .applicantTracking, senders: ["workablemail.com", "workable.com"]),
        RelaySystem(name: "Jobvite", kind: .applicantTracking, senders: ["jobvite.com"]),
        RelaySystem(name: "Oracle Taleo", kind: .applicantTracking, senders: ["taleo.net", "oraclecloud.com"]),
        RelaySystem(name: "SAP SuccessFactors", kind: .applicantTracking,
                    senders: ["successfactors.com", "successfactors.eu", "sapsf.com", "sapsf.eu"]),
        RelaySystem(name: "BambooHR", kind: .applicantTracking, senders: ["bamboohr.com"]),
        RelaySystem(name: "Recruitee", kind: .applicantTracking, senders: ["recruitee.com"]),
        RelaySystem(name: "Teamtailor", kind: .applicantTracking, senders: ["teamtailor.com", "teamtailor-mail.com"]),
        RelaySystem(name: "Personio", kind: .applicantTracking, senders: ["personio.de", "personio.com"]),
        RelaySystem(name: "JazzHR", kind: .applicantTracking, senders: ["jazzhr.com", "applytojob.com"]),
        RelaySystem(name: "Breezy HR", kind: .applicantTracking, senders: ["breezy.hr", "breezyhr.com"]),
        RelaySystem(name: "Pinpoint", kind: .applicantTracking, senders: ["pinpointhq.com"]),
        RelaySystem(name: "Rippling", kind: .applicantTracking, senders: ["rippling.com", "rippling-mail.com"]),
        RelaySystem(name: "Dover", kind: .applicantTracking, senders: ["dover.com", "dover.io"]),
        RelaySystem(name: "BrassRing", kind: .applicantTracking, senders: ["brassring.com"]),
        RelaySystem(name: "Avature", kind: .applicantTracking, senders: ["avature.net"]),
        RelaySystem(name: "Eightfold", kind: .applicantTracking, senders: ["eightfold.ai"]),
        RelaySystem(name: "Phenom", kind: .applicantTracking, senders: ["phenompeople.com"]),
        RelaySystem(name: "Cornerstone", kind: .applicantTracking, senders: ["csod.com", "cornerstoneondemand.com"]),
        RelaySystem(name: "UKG", kind: .applicantTracking, senders: ["ultipro.com", "ukg.com"]),
        RelaySystem(name: "Paylocity", kind: .applicantTracking, senders: ["paylocity.com"]),
        RelaySystem(name: "ADP", kind: .applicantTracking, senders: ["adp.com"]),
        RelaySystem(name: "Freshteam", kind: .applicantTracking, senders: ["freshteam.com"]),
        RelaySystem(name: "Zoho Recruit", kind: .applicantTracking, senders: ["zohorecruit.com", "zohorecruit.eu"]),
        RelaySystem(name: "Comeet", kind: .applicantTracking, senders: ["comeet.co", "comeet.com"]),
        RelaySystem(name: "Homerun", kind: .applicantTracking, senders: ["homerun.co"]),
        RelaySystem(name: "JOIN", kind: .applicantTracking, senders: ["join.com"]),
        RelaySystem(name: "softgarden", kind: .applicantTracking, senders: ["softgarden.io", "softgarden.de"]),
        RelaySystem(name: "Beamery", kind: .applicantTracking, senders: ["beamery.com"]),
        RelaySystem(name: "Hireology, JobScore, Recruiterbox, Manatal", kind: .applicantTracking,
                    senders: ["hireology.com", "jobscore.com", "recruiterbox.com", "manatal.com"]),
        // Scheduling tools.
        RelaySystem(name: "GoodTime", kind: .scheduling, senders: ["goodtime.io"],
                    shape: "scheduling@goodtime.io; the coordinator in Reply-To and as organizer; \"Interview Confirmed - <role> at <company>\""),
        RelaySystem(name: "Calendly", kind: .scheduling, senders: ["calendly.com"],
                    shape: "notifications@calendly.com, the host as display name, in Reply-To and as organizer; \"Confirmed: <event> with <host>\""),
        RelaySystem(name: "Paradox", kind: .scheduling, senders: ["paradox.ai"],
                    shape: "its assistant \"Olivia\"; the company only in the text"),
        RelaySystem(name: "ModernLoop", kind: .scheduling, senders: ["modernloop.io"],
                    shape: "interviews.modernloop.io; the coordinator in Reply-To, a company calendar as organizer"),
        // Gem books interviews and also sends recruiting campaigns: its words are read.
        RelaySystem(name: "Gem", kind: .applicantTracking, senders: ["gem.com"],
                    shape: "availability links from gem.com; invitations through the recruiter\u{2019}s own calendar"),
        RelaySystem(name: "Prelude", kind: .scheduling, senders: ["prelude.co"]),
        RelaySystem(name: "Cronofy", kind: .scheduling, senders: ["cronofy.com"]),
        RelaySystem(name: "YouCanBookMe", kind: .scheduling, senders: ["youcanbook.me"]),
        RelaySystem(name: "Chili Piper", kind: .scheduling, senders: ["chilipiper.com"]),
        RelaySystem(name: "SavvyCal", kind: .scheduling, senders: ["savvycal.com"]),
        RelaySystem(name: "Doodle", kind: .scheduling, senders: ["doodle.com"], carriesAnyMeeting: true),
        RelaySystem(name: "Google Calendar", kind: .scheduling, senders: ["calendar-notification@google.com"],
                    shape: "sent for the organizer, who is in Reply-To and ORGANIZER", carriesAnyMeeting: true),
        // Job platforms.
        RelaySystem(name: "LinkedIn", kind: .jobPlatform, senders: ["linkedin.com"],
                    shape: "messages-noreply@, hit-reply@, inmail-hit-reply@linkedin.com; \"Jane Carter via LinkedIn\", \"sent you a message\""),
        RelaySystem(name: "Indeed", kind: .jobPlatform, senders: ["indeed.com", "indeedemail.com"],
                    shape: "\"New message from <company>\"; per-person relay addresses at indeedemail.com"),
        RelaySystem(name: "Xing", kind: .jobPlatform, senders: ["xing.com"],
                    shape: "mail.xing.com; \"<Name> hat Ihnen eine Nachricht geschickt\""),
        RelaySystem(name: "StepStone", kind: .jobPlatform,
                    senders: ["stepstone.de", "stepstone.com", "stepstone.at", "stepstone.be", "stepstone.nl", "stepstone.fr"]),
        RelaySystem(name: "Glassdoor", kind: .jobPlatform, senders: ["glassdoor.com"]),
        RelaySystem(name: "Wellfound", kind: .jobPlatform, senders: ["wellfound.com", "angel.co", "angellist.com"],
                    shape: "talent@wellfound.com with the person in Reply-To"),
        RelaySystem(name: "Welcome to the Jungle", kind: .jobPlatform,
                    senders: ["welcometothejungle.com", "welcome-to-the-jungle.com", "wttj.co", "welcomekit.co"],
                    shape: "the company named in the (French) text"),
        RelaySystem(name: "Monster", kind: .jobPlatform, senders: ["monster.com", "monster.de"]),
        RelaySystem(name: "ZipRecruiter", kind: .jobPlatform, senders: ["ziprecruiter.com"]),
        RelaySystem(name: "Otta", kind: .jobPlatform, senders: ["otta.com"]),
        RelaySystem(name: "Hired", kind: .jobPlatform, senders: ["hired.com"]),
        RelaySystem(name: "Dice", kind: .jobPlatform, senders: ["dice.com"]),
        RelaySystem(name: "Handshake", kind: .jobPlatform, senders: ["joinhandshake.com"]),
    ]
}
