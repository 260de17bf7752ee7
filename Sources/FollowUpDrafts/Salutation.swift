import FollowUpCore
import Foundation

/// How a coach greets the contact after "Dear": the first given name ("Dana"
/// for Dana Roe), a title and the last name when the name starts with a
/// title ("Dr. Okafor" for Dr. Ana Okafor), a single-word name as it is.
public enum Salutation {
    public static func of(_ name: String) -> String {
        let words = SubjectPrefix.oneLine(name).split(separator: " ").map(String.init)
        guard let first = words.first else { return "" }
        if let title = title(first) {
            let names = withoutSuffixes(Array(words.dropFirst()))
            return names.last.map { "\(title) \($0)" } ?? words.joined(separator: " ")
        }
        let given = first.trimmingCharacters(in: [","])
        // "J. Smith": an initial alone is no way to greet anyone.
        if words.count == 1 || given.filter(\.isLetter).count < 2 { return words.joined(separator: " ") }
        return given
    }

    /// The title `word` spells ("dr", "Dr.", "MRS" → "Dr.", "Mrs."), if it is one.
    static func title(_ word: String) -> String? {
        let bare = word.lowercased().trimmingCharacters(in: [".", ","])
        return titles[bare]
    }

    private static let titles: [String: String] = [
        "dr": "Dr.", "prof": "Prof.", "professor": "Professor",
        "mr": "Mr.", "ms": "Ms.", "mrs": "Mrs.", "mx": "Mx.", "miss": "Miss",
    ]

    /// The name words before ", PhD" and without "Jr.", "III" and the like.
    private static func withoutSuffixes(_ words: [String]) -> [String] {
        var names: [String] = []
        for word in words {
            let bare = word.trimmingCharacters(in: [","])
            if !bare.isEmpty { names.append(bare) }
            if word.hasSuffix(",") { break }
        }
        while let last = names.last, names.count > 1, suffixes.contains(last.lowercased().trimmingCharacters(in: ["."])) {
            names.removeLast()
        }
        return names
    }

    private static let suffixes: Set<String> = ["jr", "sr", "ii", "iii", "iv", "phd", "md", "esq"]
}
