/// A spelling dictionary the lint asks about each word of a draft.
///
/// Implementations must be safe to call from any thread; `HunspellSpeller`
/// (module `Spelling`) is the real one, tests use small fakes.
public protocol Speller: Sendable {
    /// Whether the dictionary knows `word` (a single word, apostrophes kept: "don't").
    func isCorrect(_ word: String) -> Bool
    /// Likely corrections for an unknown word, best first; may be empty.
    func suggestions(for word: String) -> [String]
}
