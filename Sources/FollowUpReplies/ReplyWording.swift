import Foundation
import FollowUpCore

/// Reads what a person wrote: a rejection, the next step, a request for
/// patience, or none of these. Phrases are matched per sentence; a phrase
/// that a negation governs ("we have not decided to move forward with other
/// candidates") does not count.
///
/// When signals conflict the answer is the cautious one:
/// - a rejection together with an invitation or offer is `unclear`;
/// - a rejection outranks a request for patience ("thank you for your patience.
///   Unfortunately we will not be moving forward");
/// - an invitation outranks a request for patience;
/// - a bare "unfortunately … your application" counts as a rejection only when
///   nothing else was said.
enum ReplyWording {
    static func classify(_ text: String) -> ReplyClass { read(text).replyClass }

    /// What `classify` and `phrases` say, in one pass over the sentences: each
    /// signal is looked for until it is found (its phrase patterns are most of
    /// the cost of reading a reply).
    static func read(_ text: String) -> (replyClass: ReplyClass, phrases: [String]) {
        var found: [Signal: String] = [:]
        for sentence in PlainWords.sentences(of: text) where found.count < Signal.allCases.count {
            for signal in Signal.allCases where found[signal] == nil && signal.isFound(in: sentence) {
                found[signal] = signal.words(in: sentence)
            }
        }
        return (classification(Set(found.keys)), Signal.allCases.compactMap { signal in found[signal].map { "\(signal): \"\($0)\"" } })
    }

    private static func classification(_ found: Set<Signal>) -> ReplyClass {
        if found.contains(.rejection) { return found.contains(.nextStep) ? .unclear : .rejection }
        if found.contains(.nextStep) { return .nextStep }
        if found.contains(.needMoreTime) { return .needMoreTime }
        if found.contains(.softRejection) { return .rejection }
        return .unclear
    }

    /// Whether a rejection is stated in so many words, not only a regret next
    /// to the candidacy ("unfortunately we cannot answer every applicant").
    static func statesRejection(_ text: String) -> Bool {
        PlainWords.sentences(of: text).contains { Signal.rejection.isFound(in: $0) }
    }

    /// Each signal found, with the first words that carried it.
    static func phrases(_ text: String) -> [String] { read(text).phrases }

    enum Signal: CaseIterable {
        case rejection, nextStep, needMoreTime, softRejection

        /// The phrase that matched in `sentence` (the sentence, when the signal is two phrases together).
        func words(in sentence: String) -> String {
            let patterns: [Pattern] = switch self {
            case .rejection: Phrases.rejection
            case .nextStep: Phrases.nextStep
            case .needMoreTime: Phrases.needMoreTime
            case .softRejection: []
            }
            for pattern in patterns {
                if let match = pattern.matches(in: sentence).first(where: { !Negation.governs($0.range, in: sentence) }),
                   let range = Range(match.range, in: sentence) {
                    return String(sentence[range])
                }
            }
            return sentence
        }

        func isFound(in sentence: String) -> Bool {
            switch self {
            case .rejection: return Self.unnegated(Phrases.rejection, in: sentence)
            case .nextStep:
                // "happy to set up a call to share feedback" follows a rejection; it is no next step.
                return !Phrases.feedbackOnly.isFound(in: sentence) && Self.unnegated(Phrases.nextStep, in: sentence)
            case .needMoreTime: return Self.unnegated(Phrases.needMoreTime, in: sentence)
            case .softRejection:
                return Phrases.regret.isFound(in: sentence) && Phrases.candidacy.isFound(in: sentence)
            }
        }

        private static func unnegated(_ patterns: [Pattern], in sentence: String) -> Bool {
            patterns.contains { pattern in
                pattern.matches(in: sentence).contains { !Negation.governs($0.range, in: sentence) }
            }
        }
    }
}

/// Whether a negation just before a phrase, in the same clause, turns it around.
enum Negation {
    static func governs(_ range: NSRange, in sentence: String) -> Bool {
        guard let start = Range(range, in: sentence)?.lowerBound else { return false }
        let before = sentence[..<start]
        // The clause the phrase is in: after the last comma, semicolon, colon or "but".
        let clause = before.split(omittingEmptySubsequences: false, whereSeparator: { ",;:".contains($0) }).last ?? before
        var words = clause.split(separator: " ").map(String.init)
        if let but = words.lastIndex(where: { $0 == "but" || $0 == "however" }) { words = Array(words[(but + 1)...]) }
        return words.suffix(4).contains { word in
            negators.contains(word) || word.hasSuffix("n't")
        }
    }

    private static let negators: Set<String> = ["not", "no", "never", "nor", "cannot", "unable", "without", "nicht", "kein", "keine", "pas"]
}
