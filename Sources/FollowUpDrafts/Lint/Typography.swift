import FollowUpCore
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

    /// Capitals used for emphasis: a run of two or more capitalised words
    /// ("PLEASE RESPOND", "VERY EXCITED") or one long one ("PLEASE", "URGENT").
    /// A short capitalised word alone is an acronym of the user's field (CKA,
    /// CISSP, OSCP) and passes, as do known acronyms and words of a name.
    static func shouting(_ words: [Word], in text: String, names: Set<String>) -> [Finding] {
        var runs: [[Word]] = []
        for word in words where isCapitalised(word, names: names) {
            if let previous = runs.last?.last, text[previous.range.upperBound..<word.range.lowerBound].allSatisfy(\.isWhitespace) {
                runs[runs.count - 1].append(word)
            } else {
                runs.append([word])
            }
        }
        return runs.filter { $0.count >= 2 || $0[0].text.filter(\.isLetter).count >= 6 }.map { run in
            let range = run[0].range.lowerBound..<run[run.count - 1].range.upperBound
            return Finding(kind: .shouting,
                           message: "\"\(SubjectPrefix.oneLine(String(text[range])))\" in capitals reads as shouting; write it in lower case",
                           range: range)
        }
    }

    /// Two or more letters, none lower case, and neither a known acronym nor a name.
    private static func isCapitalised(_ word: Word, names: Set<String>) -> Bool {
        let letters = word.text.filter(\.isLetter)
        return letters.count >= 2 && !letters.contains(where: \.isLowercase)
            && !acronyms.contains(word.text.uppercased()) && !names.contains(word.folded)
    }

    /// Acronyms a professional message may well contain: roles, degrees and
    /// certifications, technologies, places, time zones.
    static let acronyms: Set<String> = [
        "CEO", "CTO", "CFO", "COO", "CIO", "CMO", "CPO", "CISO", "SVP", "EVP", "VP", "HR", "PR", "PM", "QA", "IT",
        "MBA", "PHD", "MSC", "BSC", "CPA", "PMP", "CFA", "ACCA", "CIMA", "FRM", "SHRM", "CIPD",
        "CKA", "CKAD", "CKS", "CISSP", "CISA", "CISM", "CCSP", "CRISC", "CCNA", "CCNP", "CCIE", "OSCP", "OSCE",
        "CEH", "GIAC", "CSM", "CSPO", "ITIL", "TOGAF", "RHCE", "RHCSA", "LPIC", "MCSE", "PMI", "SOC", "PCI", "DSS",
        "AI", "ML", "UI", "UX", "BI", "OS", "IOS", "CI", "CD", "DB", "AR", "VR", "ID", "GAAP", "IFRS",
        "API", "APIS", "AWS", "GCP", "SQL", "SDK", "CSS", "HTML", "JSON", "XML", "REST", "HTTP", "HTTPS", "TCP",
        "DNS", "SRE", "CRM", "ERP", "SAP", "KPI", "KPIS", "ROI", "OKR", "OKRS", "SEO", "SAAS", "GDPR", "HIPAA",
        "ISO", "PDF", "CAD", "NLP", "LLM", "GPU", "CPU", "IEEE", "ACM", "NASA", "NASDAQ", "MATLAB", "FORTRAN", "COBOL",
        "US", "UK", "EU", "UN", "USA", "NYC", "EMEA", "APAC",
        "LLC", "INC", "LTD", "PLC", "GMBH", "FAQ", "UTC", "GMT", "CET", "PST", "PDT", "EST", "EDT", "CST", "CDT",
    ]
}
