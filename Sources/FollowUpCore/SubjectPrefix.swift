/// The one rule for "Re:": which prefixes mark a reply or a forward, in the
/// languages mail arrives in, and how a reply's subject is made from its
/// parent's. The planner threads with it, the drafts render with it, the
/// inbox reader reads with it.
public enum SubjectPrefix {
    /// Re (English), Aw (German), Sv (Nordic), Vs (Finnish), Antw (Dutch),
    /// Odp (Polish), Réf (French), Rif (Italian).
    static let replies: Set<String> = ["re", "aw", "sv", "vs", "antw", "odp", "réf", "rif"]
    /// Fwd and Fw (English), Tr (French), Wg (German).
    static let forwards: Set<String> = ["fwd", "fw", "tr", "wg"]

    /// "Re: <subject>", with every reply prefix already on it removed first
    /// ("Re: Re: …", "RE:", "Aw:", "Re[2]:"), so it never reads "Re: Re:".
    public static func reply(to subject: String) -> String {
        "Re: " + withoutReplyPrefixes(subject)
    }

    /// `subject` on one line, whitespace collapsed, without leading reply prefixes.
    public static func withoutReplyPrefixes(_ subject: String) -> String {
        var rest = Substring(oneLine(subject))
        while let (word, after) = leadingPrefix(rest), replies.contains(word) {
            rest = after.drop(while: { $0 == " " })
        }
        return String(rest)
    }

    /// Whether the subject starts as a reply to, or a forward of, another message.
    public static func isReplyOrForward(_ subject: String) -> Bool {
        guard let (word, _) = leadingPrefix(Substring(oneLine(subject))) else { return false }
        return replies.contains(word) || forwards.contains(word)
    }

    /// One line: folded whitespace and line breaks become single spaces.
    public static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The lower-cased word of a leading "Word:", "Word[2]:" or "Word (2) :",
    /// and what follows the colon.
    private static func leadingPrefix(_ text: Substring) -> (String, Substring)? {
        var rest = text.drop(while: { $0 == " " })
        let word = rest.prefix(while: \.isLetter)
        guard !word.isEmpty, word.count <= 4 else { return nil }
        rest = rest[word.endIndex...].drop(while: { $0 == " " })
        if let open = rest.first, open == "[" || open == "(" {
            let close: Character = open == "[" ? "]" : ")"
            let digits = rest.dropFirst().prefix(while: \.isNumber)
            guard !digits.isEmpty, rest.dropFirst(1 + digits.count).first == close else { return nil }
            rest = rest.dropFirst(2 + digits.count).drop(while: { $0 == " " })
        }
        guard rest.first == ":" else { return nil }
        return (word.lowercased(), rest.dropFirst())
    }
}
