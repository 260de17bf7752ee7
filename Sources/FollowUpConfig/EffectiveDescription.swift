import Foundation

extension Config {
    /// The effective config as TOML, every default filled in and every secret
    /// masked: what `fuctl config check` prints.
    public func effectiveDescription() -> String {
        var out = "# effective configuration of \(path)\n"
        func section(_ name: String, _ entries: [(String, String)]) {
            out += "\n[\(name)]\n"
            for (key, value) in entries { out += "\(key) = \(value)\n" }
        }
        func q(_ s: String) -> String { TOMLString.quote(s) }
        func d(_ t: TimeInterval) -> String { q(ConfigDuration.format(t)) }
        func account(_ a: MailAccount) -> [(String, String)] {
            var e = [("url", q(a.url.absoluteString)), ("username", q(a.username))]
            switch a.password {
            case .command(let c): e.append(("password_command", q(SecretSource.shown(command: c))))
            case .file(let p): e.append(("password_file", q(p)))
            case .inline: e.append(("password", q(Secret.mask)))
            case .systemdCredential(let n): e.append(("# password", "from the systemd credential \(n)"))
            }
            e.append(("auth", q(a.auth.rawValue)))
            if let ca = a.caFile { e.append(("ca_file", q(ca))) }
            return e
        }
        section("identity", [("name", q(identity.name)), ("email", q(identity.email)),
                             ("timezone", q(identity.timeZone)), ("signature", q(identity.signature))])
        // The default stays a comment: written out, its \Junk would become required.
        let folders = "[" + imap.folders.map { q($0.description) }.joined(separator: ", ") + "]"
        section("imap", account(imap.account) + [(imap.foldersGiven ? "folders" : "# folders", folders), ("sent", q(imap.sent)),
                                                  ("append_sent", "\(imap.appendSent)")])
        section("smtp", account(smtp))
        section("daemon", [("database", q(daemon.database)), ("poll_interval", d(settings.pollInterval)),
                           ("fresh_check", d(settings.freshCheck)), ("draft_lead", d(settings.draftLead))])
        section("policy", [("max_followups", "\(settings.maxFollowups)"), ("min_gap", d(settings.minGap)),
                           ("send_window", q(settings.sendWindow.description)),
                           ("ask_for_feedback", "\(settings.askForFeedback)")])
        section("templates", [("dir", q(templates.dir))])
        var notices: [(String, String)] = []
        // Shown as password_command is: a command line may hold a token.
        if let words = notify.command { notices.append(("command", q(SecretSource.shown(command: words.joined(separator: " "))))) }
        notices += [("mail", "\(notify.mail)"), ("approve_by_reply", "\(notify.approveByReply)"), ("remind_before", d(notify.remindBefore)), ("alert_after", d(notify.alertAfter))]
        section("notify", notices)
        func list(_ values: [String]) -> String { "[" + values.map(q).joined(separator: ", ") + "]" }
        section("replies", [("tracking_systems", list(replies.trackingSystems)), ("scheduling_tools", list(replies.schedulingTools)),
                            ("job_platforms", list(replies.jobPlatforms))])
        return out
    }
}

enum TOMLString {
    /// A TOML basic string with the escapes it requires.
    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                out += String(format: "\\u%04X", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
