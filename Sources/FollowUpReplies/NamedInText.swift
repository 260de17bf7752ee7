import Foundation

/// Whether a message names a company or a role, as whole words.
enum NamedInText {
    /// A message's texts as the search reads them, normalized once for every application it is tried against.
    struct Texts {
        let normalized: [String]
        init(_ texts: [String]) { normalized = texts.map(PlainWords.normalize) }
        func contains(phrase: String) -> Bool { normalized.contains { NamedInText.contains(phrase: phrase, in: $0) } }
    }

    /// "Acme Corp." is named by "Acme" too: legal suffixes are optional.
    static func names(company: String, in texts: Texts, senderLocalPart: String) -> Bool {
        let core = companyCore(company)
        guard core.count >= 2 else { return false }
        // Tenant mailboxes such as acmecorp@myworkday.com name the company too.
        let local = compact(senderLocalPart)
        if !local.isEmpty, local == compact(core) || local == compact(company) { return true }
        return texts.contains(phrase: core)
    }

    /// A person is named by their whole name: "Jane Carter sent you a message".
    /// A single word ("Jane") would name too many people.
    static func names(person: String, in texts: Texts) -> Bool {
        let name = PlainWords.normalize(person)
        return name.split(separator: " ").count >= 2 && texts.contains(phrase: name)
    }

    static func names(role: String, in texts: Texts) -> Bool {
        let role = PlainWords.normalize(role)
        return !role.isEmpty && texts.contains(phrase: role)
    }

    private static func compact(_ text: String) -> String {
        text.lowercased().filter { $0.isLetter || $0.isNumber }
    }

    /// A plain search with word edges, no pattern: a name is the user's text,
    /// and brackets or backslashes in it are only characters.
    private static func contains(phrase: String, in text: String) -> Bool {
        var from = text.startIndex
        while let found = text.range(of: phrase, range: from..<text.endIndex) {
            let before = found.lowerBound == text.startIndex ? nil : text[text.index(before: found.lowerBound)]
            let after = found.upperBound == text.endIndex ? nil : text[found.upperBound]
            if !isWordCharacter(before) && !isWordCharacter(after) { return true }
            from = text.index(after: found.lowerBound)
        }
        return false
    }

    private static func isWordCharacter(_ c: Character?) -> Bool {
        c.map { $0.isLetter || $0.isNumber } ?? false
    }

    private static func companyCore(_ company: String) -> String {
        var words = PlainWords.normalize(company).split(separator: " ").map(String.init)
        while words.count > 1, let last = words.last,
              legalSuffixes.contains(last.trimmingCharacters(in: CharacterSet(charactersIn: ".,"))) {
            words.removeLast()
        }
        return words.joined(separator: " ").trimmingCharacters(in: CharacterSet(charactersIn: ".,"))
    }

    private static let legalSuffixes: Set<String> = [
        "inc", "incorporated", "llc", "ltd", "limited", "corp", "corporation", "co", "company", "gmbh",
        "ag", "se", "sa", "s.a", "sas", "sarl", "bv", "b.v", "nv", "plc", "pty", "lp", "llp", "ab", "as", "oy", "kg",
    ]
}
