import Foundation
import FollowUpCore

/// The typed, validated contents of `config.toml`, every default filled in.
/// Holds no secret values: passwords stay `SecretSource`s until used.
public struct Config: Sendable, Equatable {
    /// The file it was read from, for messages.
    public var path: String
    public var identity: Identity
    public var imap: IMAPSettings
    public var smtp: MailAccount
    public var daemon: DaemonSettings
    /// [policy] and the daemon's timing, validated by the core's own bounds.
    public var settings: PolicySettings
    public var templates: TemplateSettings
    public var notify: NotifySettings
    public var replies: ReplySettings
}

/// `[replies]`: systems that send mail on employers' behalf and are not yet
/// in followupd's own table, by what they do. Each entry is a sending domain
/// (its subdomains included) or a whole address.
public struct ReplySettings: Sendable, Equatable {
    public var trackingSystems: [String]
    public var schedulingTools: [String]
    public var jobPlatforms: [String]

    public init(trackingSystems: [String] = [], schedulingTools: [String] = [], jobPlatforms: [String] = []) {
        self.trackingSystems = trackingSystems
        self.schedulingTools = schedulingTools
        self.jobPlatforms = jobPlatforms
    }
}

/// `[notify]`: how the user hears of what needs them, away from the machine.
public struct NotifySettings: Sendable, Equatable {
    /// Run for each notice, as words (no shell): nil when not set.
    public var command: [String]?
    /// Mail each notice to the user's own address.
    public var mail: Bool
    /// A mail notice of a draft may be answered with approve, discard or skip.
    public var approveByReply: Bool
    /// A draft due within this and not approved is worth a reminder.
    public var remindBefore: TimeInterval
    /// Inbox checks failing for this long are worth a notice.
    public var alertAfter: TimeInterval

    public var enabled: Bool { command != nil || mail }

    public init(command: [String]? = nil, mail: Bool = false, approveByReply: Bool = false, remindBefore: TimeInterval = 3 * 3600,
                alertAfter: TimeInterval = 3600) {
        self.command = command
        self.mail = mail
        self.approveByReply = approveByReply
        self.remindBefore = remindBefore
        self.alertAfter = alertAfter
    }
}

/// Who the messages come from.
public struct Identity: Sendable, Equatable {
    public var name: String
    public var email: String
    /// IANA identifier, validated; the default zone of new applications.
    public var timeZone: String
    /// Defaults to `name`.
    public var signature: String
}

/// How followupd logs in to the IMAP or SMTP server.
public struct MailAccount: Sendable, Equatable {
    /// Scheme imap, imaps, smtp or smtps, always with an explicit port
    /// (imap 143, imaps 993, smtp 587, smtps 465 when the file gave none).
    public var url: URL
    /// Defaults to `identity.email`.
    public var username: String
    public var password: SecretSource
    public var auth: AuthMethod
    /// PEM file of the CA to trust instead of the system's, if any.
    public var caFile: String?

    /// True for imaps and smtps (TLS from the first byte); otherwise STARTTLS is required.
    public var implicitTLS: Bool { url.scheme == "imaps" || url.scheme == "smtps" }
}

public enum AuthMethod: String, Sendable, Equatable, CaseIterable {
    case password
    /// The secret is an OAuth 2 bearer token (SASL XOAUTH2).
    case xoauth2
}

public struct IMAPSettings: Sendable, Equatable {
    public var account: MailAccount
    /// Where replies are looked for: every one is read at each check.
    public var folders: [FolderChoice]
    /// False when `folders` is the default. A folder named must exist on
    /// the server; a special use the user asked for must too, while the
    /// default's `\Junk` is left out where the server has no junk folder.
    public var foldersGiven: Bool
    /// The line of `imap.folders` (or `imap.inbox`), for the error that a
    /// named folder is not on the server: only the server can tell.
    public var foldersLine: Int?
    public var sent: String
    /// False where the provider files sent mail itself (Gmail).
    public var appendSent: Bool

    /// Where a key sits in the file is not what the config says.
    public static func == (a: Self, b: Self) -> Bool {
        a.account == b.account && a.folders == b.folders && a.foldersGiven == b.foldersGiven
            && a.sent == b.sent && a.appendSent == b.appendSent
    }
}

public struct DaemonSettings: Sendable, Equatable {
    public var database: String
}

public struct TemplateSettings: Sendable, Equatable {
    /// Templates here override the shipped ones, file by file.
    public var dir: String
}

extension Config {
    /// Defaults of the keys that are not the policy's numbers (those are
    /// `PolicySettings.Defaults`, with their bounds).
    public enum Defaults {
        public static let database = "~/.local/state/followupd/followupd.sqlite"
        public static let templatesDir = "~/.config/followupd/templates"
        public static let sent = "Sent"
    }

    /// Every section and key the file may contain.
    public static let knownKeys: [String: [String]] = [
        "identity": ["name", "email", "timezone", "signature"],
        "imap": ["url", "username", "password_command", "password_file", "password", "auth", "ca_file",
                 "folders", "inbox", "sent", "append_sent"],
        "smtp": ["url", "username", "password_command", "password_file", "password", "auth", "ca_file"],
        "daemon": ["database", "poll_interval", "fresh_check", "draft_lead"],
        "policy": ["max_followups", "min_gap", "send_window", "ask_for_feedback"],
        "templates": ["dir"],
        "notify": ["command", "mail", "approve_by_reply", "remind_before", "alert_after"],
        "replies": ["tracking_systems", "scheduling_tools", "job_platforms"],
    ]
}

extension PolicySettings.Setting {
    /// The config key that sets it.
    public var configKey: String {
        switch self {
        case .maxFollowups, .minGap, .sendWindow: "policy.\(rawValue)"
        case .freshCheck, .draftLead, .pollInterval: "daemon.\(rawValue)"
        }
    }
}
