import Foundation
import FollowUpConfig
import MailTransport

/// The mailboxes a check reads for replies: `imap.folders` resolved against
/// the server's own LIST. Pure: the daemon lists, this decides.
struct ReplyFolders: Equatable {
    /// Wire names (modified UTF-7), in the order of the config.
    var mailboxes: [String]
    /// Special uses of the default that the server has no folder for.
    var leftOut: [FolderChoice] = []
    /// Folders not read on their own because `\All` holds them.
    var heldByAll: [String] = []

    /// A folder the config names that the server does not have (or that
    /// holds the user's own mail): a check without it would not be whole.
    struct Problem: Error, Equatable, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    /// Names a junk folder goes by where the server marks none (imapflow's
    /// list and Exchange's): whole names only, so "Junk Drawer" is not junk.
    static let junkNames: Set<String> = [
        "junk", "spam", "bulk mail", "junk email", "junk e-mail", "correo no deseado", "no deseado",
        "courrier indésirable", "pourriel", "posta indesiderata", "roskaposti", "skräppost", "søppelpost",
        "levélszemét", "nevyžádaná pošta", "istenmeyen", "spamowanie", "thư rác", "спам", "垃圾邮件", "垃圾郵件",
    ]
    static let allMailNames: Set<String> = ["all mail"]
    /// Parents under which those names count: the top, and where some servers put every folder.
    static let commonParents: Set<String> = ["", "inbox", "[gmail]", "[google mail]"]

    static func resolve(_ choices: [FolderChoice], allRequired: Bool, sent: String,
                        listing: [ListedMailbox]) throws -> ReplyFolders {
        let usable = listing.filter(\.selectable)
        var result = ReplyFolders(mailboxes: [])
        var all: [String] = [], junk: [String] = []
        for choice in choices {
            switch choice {
            case .named(let name):
                guard let found = usable.first(where: { matches($0, name) }) else {
                    throw Problem(message: "no folder \"\(name)\" on the server; it has: \(shown(usable))")
                }
                if let use = FolderChoice.neverRead.first(where: found.has) ?? (found.name == sent || found.displayName == sent ? "\\Sent" : nil) {
                    throw Problem(message: "\"\(name)\" is the server's \(use) folder; replies are never read there")
                }
                result.mailboxes.append(found.name)
            case .specialUse(let use):
                let (found, marked) = specialUse(use, in: usable)
                if found.isEmpty {
                    guard !allRequired else {
                        throw Problem(message: "the server marks no folder \(use) and none has a usual name for it; it has: \(shown(usable))")
                    }
                    result.leftOut.append(choice)
                }
                result.mailboxes += found
                // Only a folder the server marks \All may stand for the others: a
                // folder merely named "All Mail" (an imported archive) holds no new mail.
                if use == "\\All" && marked { all += found }
                if use == "\\Junk" { junk += found }
            }
        }
        if !all.isEmpty {
            // Gmail's All Mail holds every label but not Spam or Trash: junk is still read on its own.
            let kept = Set(all + junk)
            result.heldByAll = result.mailboxes.filter { !kept.contains($0) }
            result.mailboxes = result.mailboxes.filter(kept.contains)
        }
        var seen: Set<String> = []
        result.mailboxes = result.mailboxes.filter { seen.insert($0).inserted }
        result.heldByAll = result.heldByAll.filter { seen.insert($0).inserted }
        return result
    }

    /// INBOX in any case; a name as the user writes it, `/` standing for the server's delimiter.
    private static func matches(_ mailbox: ListedMailbox, _ name: String) -> Bool {
        if name.caseInsensitiveCompare("INBOX") == .orderedSame { return mailbox.name.caseInsensitiveCompare("INBOX") == .orderedSame }
        let display = mailbox.displayName
        if mailbox.name == name || display == name { return true }
        guard let delimiter = mailbox.delimiter, delimiter != "/" else { return false }
        return display == name.replacingOccurrences(of: "/", with: String(delimiter))
    }

    /// The mailboxes the server marks with `use`, else those with one of its usual names.
    private static func specialUse(_ use: String, in usable: [ListedMailbox]) -> (names: [String], marked: Bool) {
        let marked = usable.filter { $0.has(use) }
        if !marked.isEmpty { return (marked.map(\.name), true) }
        let names = use == "\\Junk" ? junkNames : use == "\\All" ? allMailNames : []
        let guessed = usable.filter { mailbox in
            guard !mailbox.hasSpecialUse else { return false }
            let display = mailbox.displayName.lowercased()
            var parent = "", leaf = display
            if let delimiter = mailbox.delimiter, let cut = display.lastIndex(of: delimiter) {
                parent = String(display[..<cut])
                leaf = String(display[display.index(after: cut)...])
            }
            return names.contains(leaf) && commonParents.contains(parent)
        }.map(\.name)
        return (guessed, false)
    }

    /// The server's folders for a message, INBOX first, at most 20 of them.
    private static func shown(_ mailboxes: [ListedMailbox]) -> String {
        let names = mailboxes.map(\.displayName).sorted { a, b in
            a.uppercased() == "INBOX" || (b.uppercased() != "INBOX" && a.localizedStandardCompare(b) == .orderedAscending)
        }
        let head = names.prefix(20).joined(separator: ", ")
        return names.count > 20 ? head + " and \(names.count - 20) more" : head.isEmpty ? "no folders" : head
    }
}
