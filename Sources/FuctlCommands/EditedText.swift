/// The text a user edits: "Subject: …", a blank line, then the body.
struct EditedText: Equatable {
    var subject: String
    var body: String

    var fileText: String { "Subject: \(subject)\n\n\(body)" }

    /// Reads back what the editor left. Refuses a file without its Subject line
    /// and any control character but newline and tab, CR included: the message
    /// builder owns line ends, and a stray control character is never meant.
    init(parsing text: String) throws {
        if let bad = text.unicodeScalars.first(where: { ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || (0x7F...0x9F).contains($0.value) }) {
            throw CommandFailure(.edit, String(format: "the edited text contains the control character U+%04X; draft unchanged", bad.value))
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first, first.hasPrefix("Subject:") else {
            throw CommandFailure(.edit, "the edited text must start with its \"Subject: \" line; draft unchanged")
        }
        subject = first.dropFirst("Subject:".count).trimmingCharacters(in: .whitespaces)
        lines.removeFirst()
        if lines.first?.isEmpty == true { lines.removeFirst() }
        // Editors add a final newline; the body keeps none of the file's trailing blank lines.
        while lines.last?.isEmpty == true { lines.removeLast() }
        body = lines.joined(separator: "\n")
    }

    init(subject: String, body: String) {
        self.subject = subject
        self.body = body
    }
}
