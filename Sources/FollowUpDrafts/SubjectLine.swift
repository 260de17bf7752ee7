/// Subjects of threaded follow-ups.
public enum SubjectLine {
    /// "Re: <earlier>", with every reply prefix already on `earlier` removed
    /// first ("Re: Re: …", "RE:", "Aw:", "Re[2]:"), so it never reads "Re: Re:".
    public static func reply(to earlier: String) -> String {
        "Re: " + withoutReplyPrefixes(earlier)
    }

    /// `subject` without leading reply prefixes, whitespace collapsed.
    public static func withoutReplyPrefixes(_ subject: String) -> String {
        var rest = oneLine(subject)
        while let match = rest.prefixMatch(of: replyPrefix) {
            rest = String(rest[match.range.upperBound...])
        }
        return rest
    }

    /// One line: header injection and folded whitespace cannot come through.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    // Re (English), Aw (German), Sv (Nordic), Antw (Dutch), Odp (Polish),
    // optionally numbered as some clients do: "Re[2]:", "Re(2):".
    nonisolated(unsafe) private static let replyPrefix =
        /(?i)(re|aw|sv|antw|odp)\s*(\[\d+\]|\(\d+\))?\s*:\s*/
}
