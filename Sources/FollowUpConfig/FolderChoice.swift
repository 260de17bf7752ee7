/// One entry of `imap.folders`: a folder by its name, or by what it is for
/// (an RFC 6154 special-use attribute such as `\Junk`), resolved against the
/// server's own list at each start and reload.
public enum FolderChoice: Hashable, Sendable, CustomStringConvertible {
    case named(String)
    /// The attribute as written, with its backslash: `\Junk`, `\All`.
    case specialUse(String)

    /// The special uses a reply can be filed under. Sent, Drafts and Trash
    /// hold the user's own mail or what they threw away: never read for replies.
    public static let readable = ["\\All", "\\Archive", "\\Flagged", "\\Important", "\\Junk"]
    public static let neverRead = ["\\Sent", "\\Drafts", "\\Trash"]

    /// The default: the inbox and wherever the server files junk.
    public static let defaults: [FolderChoice] = [.named("INBOX"), .specialUse("\\Junk")]

    public var description: String {
        switch self {
        case .named(let name): name
        case .specialUse(let use): use
        }
    }
}
