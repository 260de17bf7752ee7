/// Lays out header fields on lines of at most 78 characters (RFC 5322 §2.1.1),
/// folding only where whitespace already is, so unfolding gives the value back.
enum HeaderFolding {
    static let lineLimit = 78

    /// "Name: w1 w2 ..." folded before any word that would pass the limit.
    /// An empty word (two spaces in a row) never starts a line: it would leave a blank continuation.
    static func field(_ name: String, words: [String]) -> String {
        var out = name + ":"
        var lineLength = out.count
        for word in words {
            if !word.isEmpty, lineLength + 1 + word.count > lineLimit, lineLength > name.count + 1 {
                out += "\r\n "
                lineLength = 1
            } else {
                out += " "
                lineLength += 1
            }
            out += word
            lineLength += word.count
        }
        return out + "\r\n"
    }
}
