/// A command line split into its words as a shell would split a simple
/// command, without running one: blanks separate words, '…' is literal,
/// "…" keeps blanks (with \" and \\), and \ escapes one character. Nothing
/// is expanded; a user who wants a shell writes `sh -c '…'`.
public enum CommandWords {
    public struct Unbalanced: Error {}

    public static func split(_ line: String) throws -> [String] {
        var words: [String] = []
        var word = ""
        var inWord = false
        var chars = line.makeIterator()
        while let c = chars.next() {
            switch c {
            case " ", "\t":
                if inWord { words.append(word); word = ""; inWord = false }
            case "'":
                inWord = true
                while true {
                    guard let n = chars.next() else { throw Unbalanced() }
                    if n == "'" { break }
                    word.append(n)
                }
            case "\"":
                inWord = true
                while true {
                    guard let n = chars.next() else { throw Unbalanced() }
                    if n == "\"" { break }
                    if n == "\\" {
                        guard let e = chars.next() else { throw Unbalanced() }
                        if e != "\"" && e != "\\" { word.append("\\") }
                        word.append(e)
                    } else {
                        word.append(n)
                    }
                }
            case "\\":
                guard let e = chars.next() else { throw Unbalanced() }
                inWord = true
                word.append(e)
            default:
                inWord = true
                word.append(c)
            }
        }
        if inWord { words.append(word) }
        return words
    }
}
