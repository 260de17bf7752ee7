import Foundation
import Testing
@testable import MailMessage
import TestSupport

@Suite struct CorpusTests {
    /// Every file in every corpus parses without crashing; figures are printed.
    @Test func everyCorpusMessageParsesWithoutCrashing() throws {
        guard let root = Corpora.folder(".") else { return }
        var count = 0, withText = 0, withDefects = 0
        for url in Corpora.files(under: root) where !["LICENSE", "COPYING", "PROVENANCE.txt", "README.md"].contains(url.lastPathComponent) {
            let bytes = try Data(contentsOf: url)
            let parsed = ParsedMessage(bytes)
            count += 1
            if !parsed.text.isEmpty { withText += 1 }
            if !parsed.defects.isEmpty { withDefects += 1 }
        }
        print("corpora: \(count) files parsed, \(withText) with text, \(withDefects) with defects")
        #expect(count > 1000)
    }
}
