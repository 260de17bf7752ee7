/// Rules about how the text looks: emoji and emoticons, "!!", capitals that
/// shout (POLICY: "no … emoji, repeated "!!", shouting capitals").
enum Typography {
    /// Addresses and URLs: not prose, so neither spelling nor shouting applies.
    static func nonProseRanges(in text: String) -> [Range<String.Index>] {
        text.ranges(of: url).map { $0 } + text.ranges(of: email).map { $0 }
    }

    nonisolated(unsafe) private static let url = /(?i)(https?:\/\/|www\.)[^\s<>()]+/
    nonisolated(unsafe) private static let email = /[^\s<>()\[\],;:"']+@[^\s<>()\[\],;:"']+\.[^\s<>()\[\],;:"'.]+/
    nonisolated(unsafe) private static let emoticon = /(?:[:;=]-?[)(DPp]|<3)(?![\p{L}\p{N}])/

    static func emoji(in text: String, skipping nonProse: [Range<String.Index>]) -> [Finding] {
        var findings: [Finding] = []
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(after: index)
            if isEmoji(text[index]) {
                findings.append(Finding(kind: .emoji, message: "no emoji in a message to an employer", range: index..<next))
            }
            index = next
        }
        for match in text.ranges(of: emoticon) where !nonProse.contains(where: { $0.overlaps(match) }) {
            findings.append(Finding(kind: .emoji, message: "no emoticons in a message to an employer", range: match))
        }
        return findings
    }

    /// Pictographs, emoji presentation sequences and flags; not ©, ™ or digits,
    /// which Unicode also marks as possible emoji.
    static func isEmoji(_ character: Character) -> Bool {
        let scalars = character.unicodeScalars
        return scalars.contains { $0.properties.isEmojiPresentation || (0x1F000...0x1FAFF).contains($0.value) }
            || (scalars.contains("\u{FE0F}") && scalars.contains { $0.properties.isEmoji && $0.value > 0x7F })
    }

    /// Runs of two or more "!" or "?" ("!!", "?!", "??").
    static func repeatedPunctuation(in text: String) -> [Finding] {
        var findings: [Finding] = []
        var index = text.startIndex
        while index < text.endIndex {
            guard text[index] == "!" || text[index] == "?" else { index = text.index(after: index); continue }
            let end = text[index...].firstIndex(where: { $0 != "!" && $0 != "?" }) ?? text.endIndex
            if text.distance(from: index, to: end) >= 2 {
                findings.append(Finding(kind: .repeatedPunctuation,
                                        message: "one \"!\" or \"?\" at most; repeated punctuation reads as shouting",
                                        range: index..<end))
            }
            index = end
        }
        return findings
    }

    /// Words of three or more letters all in capitals, unless they are a
    /// known acronym or a word of a name (the company, the role, the people).
    static func shouting(_ words: [Word], names: Set<String>) -> [Finding] {
        words.filter { word in
            let letters = word.text.filter(\.isLetter)
            return letters.count >= 3 && !letters.contains(where: \.isLowercase)
                && !acronyms.contains(word.text.uppercased()) && !names.contains(word.folded)
        }.map { word in
            Finding(kind: .shouting, message: "\"\(word.text)\" in capitals reads as shouting; write it in lower case",
                    range: word.range)
        }
    }

    /// Acronyms a professional message may well contain.
    static let acronyms: Set<String> = [
        "CEO", "CTO", "CFO", "COO", "CIO", "CMO", "CPO", "CISO", "SVP", "EVP", "MBA", "PHD", "CPA", "PMP", "CFA",
        "API", "APIS", "AWS", "GCP", "SQL", "SDK", "CSS", "HTML", "JSON", "XML", "REST", "HTTP", "HTTPS", "TCP",
        "DNS", "SRE", "CRM", "ERP", "SAP", "KPI", "KPIS", "ROI", "OKR", "OKRS", "SEO", "SAAS", "GDPR", "HIPAA",
        "ISO", "PDF", "CAD", "NLP", "LLM", "GPU", "CPU", "IEEE", "ACM", "NASA", "USA", "NYC", "EMEA", "APAC",
        "LLC", "INC", "LTD", "PLC", "GMBH", "FAQ", "UTC", "GMT", "CET", "PST", "PDT", "EST", "EDT", "CST", "CDT",
    ]
}
