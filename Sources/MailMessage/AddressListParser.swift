/// Parses RFC 5322 address lists as found in real mail: display names quoted or
/// not, encoded words, comments, groups, obsolete routes, and old-style
/// `addr (Name)` where the comment is the only name.
public enum AddressListParser {
    private enum Token: Equatable {
        case word(String)
        case quoted(String)
        case comment(String)
        case angle(String)
        case comma, colon, semicolon
    }

    /// Every mailbox in an (unfolded) address-list value, groups flattened.
    public static func parseMailboxes(_ value: String) -> [MailAddress] {
        parse(value).flatMap(\.members)
    }

    /// The address list as groups; mailboxes outside a group come in groups with a nil name.
    public static func parse(_ value: String) -> [AddressGroup] {
        let tokens = tokenize(Array(value.unicodeScalars))
        var groups: [AddressGroup] = []
        var loose: [MailAddress] = []
        var groupName: String?
        var groupMembers: [MailAddress] = []
        var phrase: [Token] = []
        var comments: [String] = []
        var angle: String?

        func finishMailbox() {
            defer { phrase = []; comments = []; angle = nil }
            let name = displayName(phrase)
            let comment = comments.map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }.joined(separator: " ")
            let mailbox: MailAddress
            if let address = angle {
                mailbox = MailAddress(name: name ?? (comment.isEmpty ? nil : EncodedWords.decode(comment)), address: address)
            } else {
                let address = phrase.map { token -> String in
                    switch token {
                    case .word(let w): return w
                    case .quoted(let q): return "\"\(q)\""
                    default: return ""
                    }
                }.joined()
                guard !address.isEmpty else { return }
                mailbox = MailAddress(name: comment.isEmpty ? nil : EncodedWords.decode(comment), address: address)
            }
            if groupName != nil { groupMembers.append(mailbox) } else { loose.append(mailbox) }
        }
        func flushLoose() {
            if !loose.isEmpty { groups.append(AddressGroup(name: nil, members: loose)); loose = [] }
        }

        for token in tokens {
            switch token {
            case .word, .quoted:
                phrase.append(token)
            case .comment(let c):
                comments.append(c)
            case .angle(let a):
                angle = a
            case .comma:
                finishMailbox()
            case .colon where groupName == nil && angle == nil:
                flushLoose()
                groupName = displayName(phrase) ?? ""
                phrase = []; comments = []
            case .colon:
                phrase.append(.word(":"))
            case .semicolon:
                finishMailbox()
                if let name = groupName {
                    groups.append(AddressGroup(name: name.isEmpty ? nil : name, members: groupMembers))
                    groupName = nil
                    groupMembers = []
                }
            }
        }
        finishMailbox()
        if let name = groupName { groups.append(AddressGroup(name: name.isEmpty ? nil : name, members: groupMembers)) }
        flushLoose()
        return groups
    }

    private static func displayName(_ phrase: [Token]) -> String? {
        let words = phrase.compactMap { token -> String? in
            switch token {
            case .word(let w): return w
            case .quoted(let q): return q
            default: return nil
            }
        }
        let name = EncodedWords.decode(words.joined(separator: " ")).trimmingWhitespace()
        return name.isEmpty ? nil : name
    }

    private static func tokenize(_ s: [Unicode.Scalar]) -> [Token] {
        var tokens: [Token] = []
        var i = 0
        var word = String.UnicodeScalarView()
        func flushWord() {
            if !word.isEmpty { tokens.append(.word(String(word))); word = String.UnicodeScalarView() }
        }
        while i < s.count {
            let c = s[i]
            switch c {
            case " ", "\t", "\r", "\n":
                flushWord()
                i += 1
            case "\"":
                flushWord()
                var text = String.UnicodeScalarView()
                i += 1
                while i < s.count, s[i] != "\"" {
                    if s[i] == "\\", i + 1 < s.count { i += 1 }
                    if s[i] != "\r" && s[i] != "\n" { text.append(s[i]) }
                    i += 1
                }
                i += 1
                tokens.append(.quoted(String(text)))
            case "(":
                flushWord()
                let (text, end) = comment(s, from: i)
                tokens.append(.comment(text))
                i = end
            case "<":
                flushWord()
                var text = String.UnicodeScalarView()
                i += 1
                while i < s.count, s[i] != ">" {
                    if s[i] == "(" {
                        i = comment(s, from: i).end
                        continue
                    }
                    if s[i] == "\"" {
                        text.append(s[i]); i += 1
                        while i < s.count, s[i] != "\"" { text.append(s[i]); i += 1 }
                        if i < s.count { text.append(s[i]); i += 1 }
                        continue
                    }
                    if !(s[i] == " " || s[i] == "\t" || s[i] == "\r" || s[i] == "\n") { text.append(s[i]) }
                    i += 1
                }
                i += 1
                tokens.append(.angle(String(text)))
            case ",": flushWord(); tokens.append(.comma); i += 1
            case ":": flushWord(); tokens.append(.colon); i += 1
            case ";": flushWord(); tokens.append(.semicolon); i += 1
            default:
                word.append(c)
                i += 1
            }
        }
        flushWord()
        return tokens
    }

    /// A nested comment starting at "("; returns its text and the index after the closing ")".
    private static func comment(_ s: [Unicode.Scalar], from start: Int) -> (text: String, end: Int) {
        var depth = 0
        var text = String.UnicodeScalarView()
        var i = start
        while i < s.count {
            let c = s[i]
            if c == "\\", i + 1 < s.count {
                text.append(s[i + 1]); i += 2; continue
            }
            if c == "(" {
                depth += 1
                if depth > 1 { text.append(c) }
            } else if c == ")" {
                depth -= 1
                if depth == 0 { return (String(text), i + 1) }
                text.append(c)
            } else if c != "\r" && c != "\n" {
                text.append(c)
            }
            i += 1
        }
        return (String(text), i)
    }
}
