import Foundation
import FollowUpCore

extension Config {
    /// Parses and validates config text. Pure: reads no file, no environment.
    /// - Parameters:
    ///   - path: the file's path, for error messages and for relative paths in it.
    ///   - home: the home directory `~` expands to.
    /// - Throws: `ConfigError` naming file, line and key.
    public static func parse(text: String, path: String, home: String) throws -> Config {
        let r = try ConfigReader(text: text, path: path)
        try r.checkKnownKeys(knownKeys)
        let paths = PathExpander(home: home, configPath: path)

        let name = try oneLine(r, "identity.name")
        let email = try r.requiredString("identity.email")
        guard EmailAddress.isSane(email) else { throw r.error("identity.email", "\"\(email)\" is not a mail address") }
        let zone = try r.requiredString("identity.timezone")
        if let problem = ZoneName.problem(zone) { throw r.error("identity.timezone", problem) }
        let signature = try r.string("identity.signature") ?? name
        // A signature has lines; nothing else in it may be a control character.
        if signature.unicodeScalars.contains(where: { $0 != "\n" && $0.isControlCharacter }) {
            throw r.error("identity.signature", "contains a control character other than a line break")
        }
        let identity = Identity(name: name, email: email, timeZone: zone, signature: signature)

        let sent = try mailbox(r, "imap.sent") ?? Defaults.sent
        let folders = try folders(r, sent: sent)
        let imap = IMAPSettings(
            account: try account(r, "imap", schemes: ["imap": 143, "imaps": 993], email: email, paths: paths),
            folders: folders.choices, foldersGiven: folders.given,
            foldersLine: r.line(of: r.isSet("imap.folders") ? "imap.folders" : "imap.inbox"),
            sent: sent, appendSent: try r.bool("imap.append_sent") ?? true)
        let smtp = try account(r, "smtp", schemes: ["smtp": 587, "smtps": 465], email: email, paths: paths)

        let database = try r.string("daemon.database") ?? Defaults.database
        guard !database.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw r.error("daemon.database", "must name a file (or leave the key out for \(Defaults.database))")
        }
        let daemon = DaemonSettings(database: paths.expand(database))

        var window = SendWindow.standard
        if let text = try r.string("policy.send_window") {
            do { window = try SendWindow(parsing: text) } catch {
                throw r.error("policy.send_window", "\(error)")
            }
        }
        let settings: PolicySettings
        do {
            typealias D = PolicySettings.Defaults
            settings = try PolicySettings(
                maxFollowups: try r.int("policy.max_followups") ?? D.maxFollowups,
                minGap: try r.duration("policy.min_gap") ?? D.minGap,
                sendWindow: window,
                askForFeedback: try r.bool("policy.ask_for_feedback") ?? true,
                freshCheck: try r.duration("daemon.fresh_check") ?? D.freshCheck,
                draftLead: try r.duration("daemon.draft_lead") ?? D.draftLead,
                pollInterval: try r.duration("daemon.poll_interval") ?? D.pollInterval)
        } catch let error as SettingsError {
            throw r.error(error.setting.configKey, error.message)
        }

        let templates = TemplateSettings(dir: paths.expand(try r.string("templates.dir") ?? Defaults.templatesDir))
        return Config(path: path, identity: identity, imap: imap, smtp: smtp, daemon: daemon,
                      settings: settings, templates: templates, notify: try notify(r), replies: try replies(r))
    }

    private static func replies(_ r: ConfigReader) throws -> ReplySettings {
        func senders(_ key: String) throws -> [String] {
            let values = try r.strings("replies.\(key)") ?? []
            for value in values where !isSender(value) {
                throw r.error("replies.\(key)", "\"\(value)\" is neither a domain (calendly.com) nor an address (calendar-notification@google.com)")
            }
            return values.map { $0.lowercased() }
        }
        return ReplySettings(trackingSystems: try senders("tracking_systems"), schedulingTools: try senders("scheduling_tools"),
                             jobPlatforms: try senders("job_platforms"))
    }

    /// A domain with a dot and nothing but letters, digits, dots and hyphens, or an address at one.
    private static func isSender(_ value: String) -> Bool {
        let domain = value.split(separator: "@", omittingEmptySubsequences: false).last.map(String.init) ?? ""
        guard value.filter({ $0 == "@" }).count <= 1, !domain.hasPrefix("."), !domain.hasSuffix("."), domain.contains("."),
              !(value.contains("@") && !EmailAddress.isSane(value)) else { return false }
        return domain.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-") }
    }

    private static func notify(_ r: ConfigReader) throws -> NotifySettings {
        var notify = NotifySettings()
        if let line = try r.string("notify.command") {
            guard let words = try? CommandWords.split(line) else {
                throw r.error("notify.command", "a quote or a backslash is not closed")
            }
            guard !words.isEmpty else { throw r.error("notify.command", "must name a program (or leave the key out)") }
            notify.command = words
        }
        notify.mail = try r.bool("notify.mail") ?? false
        notify.approveByReply = try r.bool("notify.approve_by_reply") ?? false
        if notify.approveByReply && !notify.mail {
            throw r.error("notify.approve_by_reply", "needs notify.mail = true: the answers are to the notice mails")
        }
        for (key, range) in [("notify.remind_before", 600.0...604_800), ("notify.alert_after", 300.0...604_800)] {
            guard let value = try r.duration(key) else { continue }
            guard range.contains(value) else {
                throw r.error(key, "must be between \(ConfigDuration.format(range.lowerBound)) and \(ConfigDuration.format(range.upperBound))")
            }
            if key == "notify.remind_before" { notify.remindBefore = value } else { notify.alertAfter = value }
        }
        return notify
    }

    /// The `user:password@host:port` part of `scheme://…`, if the text has one.
    private static func authority(_ url: String) -> Substring? {
        guard let scheme = url.range(of: "://") else { return nil }
        return url[scheme.upperBound...].prefix { $0 != "/" && $0 != "?" && $0 != "#" }
    }

    /// The text after the host's colon in `scheme://host:port`, if any.
    static func portText(_ url: String) -> Substring? {
        guard var hostPort = authority(url) else { return nil }
        if let at = hostPort.lastIndex(of: "@") { hostPort = hostPort[hostPort.index(after: at)...] }
        if hostPort.hasPrefix("["), let close = hostPort.firstIndex(of: "]") { hostPort = hostPort[hostPort.index(after: close)...] }
        guard let colon = hostPort.lastIndex(of: ":") else { return nil }
        return hostPort[hostPort.index(after: colon)...]
    }

    /// A value that goes into a header line: no line break, no control character.
    private static func oneLine(_ r: ConfigReader, _ key: String) throws -> String {
        let value = try r.requiredString(key)
        guard !value.unicodeScalars.contains(where: \.isControlCharacter) else {
            throw r.error(key, "must be one line, without control characters")
        }
        return value
    }

    /// The URL as an error may show it: `user:password@` becomes `…@`.
    static func redactingUserInfo(_ url: String) -> String {
        guard let authority = authority(url), let at = authority.lastIndex(of: "@") else { return url }
        return String(url[..<authority.startIndex]) + "…" + url[at...]
    }

    private static func account(_ r: ConfigReader, _ section: String, schemes: [String: Int],
                                email: String, paths: PathExpander) throws -> MailAccount {
        let key = "\(section).url"
        let text = try r.requiredString(key)
        let shown = redactingUserInfo(text)
        if let port = portText(text), !(Int(port).map { (1...65535).contains($0) } ?? false) {
            throw r.error(key, "\"\(shown)\": port \(port) is not between 1 and 65535")
        }
        guard let parts = URLComponents(string: text), let scheme = parts.scheme?.lowercased(),
              let defaultPort = schemes[scheme] else {
            let allowed = schemes.keys.sorted().map { "\($0)://" }.joined(separator: " or ")
            throw r.error(key, "\"\(shown)\" must start with \(allowed) (plain-text protocols are refused)")
        }
        guard let host = parts.host, !host.isEmpty else { throw r.error(key, "\"\(shown)\" names no host") }
        guard parts.user == nil, parts.password == nil else {
            throw r.error(key, "put the user name in \(section).username, not in the URL")
        }
        guard parts.path.isEmpty || parts.path == "/", parts.query == nil else {
            throw r.error(key, "\"\(shown)\" must be just scheme, host and port")
        }
        var normal = URLComponents()
        normal.scheme = scheme
        normal.host = host
        normal.port = parts.port ?? defaultPort
        guard let url = normal.url else { throw r.error(key, "\"\(text)\" is not a valid URL") }

        let username = try r.string("\(section).username") ?? email
        guard !username.isEmpty, !username.unicodeScalars.contains(where: \.isControlCharacter) else {
            throw r.error("\(section).username", "must be one non-empty line, without control characters")
        }
        let authText = try r.string("\(section).auth") ?? AuthMethod.password.rawValue
        guard let auth = AuthMethod(rawValue: authText) else {
            throw r.error("\(section).auth", "\"\(authText)\" is not one of password, xoauth2")
        }
        return MailAccount(url: url, username: username, password: try secretSource(r, section, paths: paths),
                           auth: auth, caFile: try r.string("\(section).ca_file").map(paths.expand))
    }

    private static func secretSource(_ r: ConfigReader, _ section: String, paths: PathExpander) throws -> SecretSource {
        let keys = ["password_command", "password_file", "password"].filter { r.isSet("\(section).\($0)") }
        guard keys.count <= 1 else {
            throw r.error("\(section).\(keys[1])", "set only one of \(keys.map { "\(section).\($0)" }.joined(separator: ", "))")
        }
        switch keys.first {
        case "password_command": return .command(try r.requiredString("\(section).password_command"))
        case "password_file": return .file(paths.expand(try r.requiredString("\(section).password_file")))
        case "password": return .inline(Secret(try r.requiredString("\(section).password")))
        default: return .systemdCredential("\(section)-password")
        }
    }

    /// `imap.folders`, or the default with `imap.inbox` (the key of earlier
    /// versions) in place of INBOX.
    private static func folders(_ r: ConfigReader, sent: String) throws -> (choices: [FolderChoice], given: Bool) {
        let key = "imap.folders"
        guard let names = try r.strings(key) else {
            guard let inbox = try mailbox(r, "imap.inbox") else { return (FolderChoice.defaults, false) }
            return ([.named(inbox), .specialUse("\\Junk")], false)
        }
        if r.isSet("imap.inbox") { throw r.error("imap.inbox", "set only imap.folders (it names the inbox too)") }
        guard !names.isEmpty else { throw r.error(key, "must name at least one folder, such as \"INBOX\"") }
        var choices: [FolderChoice] = []
        for name in names {
            let choice: FolderChoice
            if name.hasPrefix("\\") {
                if let never = FolderChoice.neverRead.first(where: { $0.caseInsensitiveCompare(name) == .orderedSame }) {
                    throw r.error(key, "\(never) holds your own mail or what you threw away; replies are never read there")
                }
                guard let use = FolderChoice.readable.first(where: { $0.caseInsensitiveCompare(name) == .orderedSame }) else {
                    throw r.error(key, "\"\(name)\" is not a special-use name (known: \(FolderChoice.readable.joined(separator: ", ")))")
                }
                choice = .specialUse(use)
            } else {
                guard let valid = try? checkedMailbox(name) else {
                    throw r.error(key, "\"\(name)\" is not a usable mailbox name")
                }
                if valid == sent { throw r.error(key, "\"\(name)\" is the Sent folder (imap.sent); replies are never read there") }
                choice = .named(valid)
            }
            if !choices.contains(choice) { choices.append(choice) }
        }
        return (choices, true)
    }

    private static func mailbox(_ r: ConfigReader, _ key: String) throws -> String? {
        guard let name = try r.string(key) else { return nil }
        guard let valid = try? checkedMailbox(name) else { throw r.error(key, "\"\(name)\" is not a usable mailbox name") }
        return valid
    }

    private struct Unusable: Error {}

    private static func checkedMailbox(_ name: String) throws -> String {
        guard !name.isEmpty, !name.contains(where: { $0.isNewline || $0 == "\"" || $0.unicodeScalars.contains(where: \.isControlCharacter) })
        else { throw Unusable() }
        return name
    }
}

/// `~` and relative paths: `~/x` is under the home directory, a relative
/// path is relative to the config file's directory.
struct PathExpander {
    let home: String
    let configPath: String

    func expand(_ path: String) -> String {
        if path == "~" { return home }
        if path.hasPrefix("~/") { return (home as NSString).appendingPathComponent(String(path.dropFirst(2))) }
        if path.hasPrefix("/") { return path }
        let dir = (configPath as NSString).deletingLastPathComponent
        return ((dir.isEmpty ? "." : dir) as NSString).appendingPathComponent(path)
    }
}

/// A plausibility check, not RFC 5322: catches typos and anything that could
/// inject a header or an SMTP command.
enum EmailAddress {
    static func isSane(_ address: String) -> Bool {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].count <= 64 else { return false }
        let domain = parts[1]
        guard address.allSatisfy({ $0.isASCII && !$0.isWhitespace && !"<>()[],;:\\\"".contains($0) }),
              domain.contains("."), !domain.hasPrefix("."), !domain.hasSuffix("."), !domain.contains("..")
        else { return false }
        return true
    }
}
