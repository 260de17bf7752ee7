import CHunspell
import Foundation
import FollowUpDrafts

/// A dictionary that cannot be used; says which file and why.
public struct SpellerError: Error, Hashable, Sendable, CustomStringConvertible {
    public var reason: String

    public init(reason: String) { self.reason = reason }

    public var description: String { reason }
}

/// `Speller` backed by Hunspell (Debian `libhunspell-dev`, dictionary from
/// `hunspell-en-us`). One Hunspell handle is not thread-safe, so every call
/// takes a lock; the handle is freed with the object.
public final class HunspellSpeller: Speller, @unchecked Sendable {
    /// Debian's US English dictionary: `<path>.aff` and `<path>.dic`.
    public static let defaultDictionary = "/usr/share/hunspell/en_US"

    private let handle: OpaquePointer
    private let lock = NSLock()

    /// Opens `<dictionary>.aff` and `<dictionary>.dic`. Throws when either is
    /// missing (Hunspell itself would silently know no words) or when the
    /// dictionary is not UTF-8 (words are passed as UTF-8).
    public init(dictionary: String = HunspellSpeller.defaultDictionary) throws {
        let aff = dictionary + ".aff"
        let dic = dictionary + ".dic"
        for file in [aff, dic] where !FileManager.default.isReadableFile(atPath: file) {
            throw SpellerError(reason: "\(file): spelling dictionary not found (Debian package hunspell-en-us)")
        }
        guard let handle = Hunspell_create(aff, dic) else {
            throw SpellerError(reason: "\(dictionary): Hunspell could not open the dictionary")
        }
        let encoding = Hunspell_get_dic_encoding(handle).map { String(cString: $0) } ?? ""
        guard encoding.uppercased() == "UTF-8" else {
            Hunspell_destroy(handle)
            throw SpellerError(reason: "\(aff): dictionary encoding is \(encoding), only UTF-8 is supported")
        }
        self.handle = handle
    }

    deinit {
        Hunspell_destroy(handle)
    }

    public func isCorrect(_ word: String) -> Bool {
        lock.withLock { Hunspell_spell(handle, word) != 0 }
    }

    public func suggestions(for word: String) -> [String] {
        lock.withLock {
            var list: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
            let count = Hunspell_suggest(handle, &list, word)
            defer { Hunspell_free_list(handle, &list, count) }
            guard let list, count > 0 else { return [] }
            return (0..<Int(count)).compactMap { list[$0].map { String(cString: $0) } }
        }
    }
}

/// A `HunspellSpeller` opened at its first word: loading the dictionary is a
/// third of every process's start-up, and a tick or a listing that renders no
/// draft needs none of it. What can be checked without loading it is checked
/// at once (the files are there, the dictionary says UTF-8), so a broken
/// installation still fails at start.
public final class LazyHunspellSpeller: Speller, @unchecked Sendable {
    private let dictionary: String
    private let lock = NSLock()
    private var opened: HunspellSpeller?
    private var failed = false

    public init(dictionary: String = HunspellSpeller.defaultDictionary) throws {
        let aff = dictionary + ".aff"
        for file in [aff, dictionary + ".dic"] where !FileManager.default.isReadableFile(atPath: file) {
            throw SpellerError(reason: "\(file): spelling dictionary not found (Debian package hunspell-en-us)")
        }
        // The SET line near the top of the .aff names its encoding (Hunspell's default is ISO-8859-1),
        // read as Hunspell reads it: a byte-order mark dropped, the word after SET.
        let head = FileManager.default.contents(atPath: aff).map { String(decoding: $0.prefix(64 * 1024), as: UTF8.self) } ?? ""
        var encoding = "ISO8859-1"
        for line in head.split(whereSeparator: \.isNewline) {
            let words = line.drop(while: { $0 == "\u{FEFF}" }).split(whereSeparator: \.isWhitespace)
            if words.count >= 2, words[0] == "SET" {
                encoding = String(words[1])
                break
            }
        }
        guard encoding.uppercased() == "UTF-8" else {
            throw SpellerError(reason: "\(aff): dictionary encoding is \(encoding), only UTF-8 is supported")
        }
        self.dictionary = dictionary
    }

    /// The dictionary, opened once; nil only if Hunspell could not open files
    /// found usable at start (tried once, not at every word).
    private var speller: HunspellSpeller? {
        lock.withLock {
            if opened == nil && !failed {
                opened = try? HunspellSpeller(dictionary: dictionary)
                failed = opened == nil
            }
            return opened
        }
    }

    /// Closes the dictionary (several MB in memory); the next word opens it again.
    public func close() {
        lock.withLock { opened = nil }
    }

    /// Without a dictionary every word passes: a missed typo, never a draft held back for nothing.
    public func isCorrect(_ word: String) -> Bool { speller?.isCorrect(word) ?? true }

    public func suggestions(for word: String) -> [String] { speller?.suggestions(for: word) ?? [] }
}
