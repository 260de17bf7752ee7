/// The part of a body its sender wrote now: quoted replies (`>` lines, "On …
/// wrote:" blocks, Outlook header blocks) and forwarded messages are cut,
/// since they are often our own words ("next steps", "thank you for your
/// time") and must not decide the class.
struct AuthoredText {
    /// The sender's text with the signature: where a company may be named.
    let withSignature: String
    /// The sender's text without signature, sign-off or disclaimer: what is classified.
    let message: String

    init(body: String) {
        let lines = body.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n")
        let authored = Self.withoutQuotes(lines)
        withSignature = authored.joined(separator: "\n")
        message = Self.withoutSignature(authored).joined(separator: "\n")
    }

    private static func isQuoted(_ line: String) -> Bool {
        line.drop(while: { $0 == " " || $0 == "\t" }).hasPrefix(">")
    }

    private static func withoutQuotes(_ lines: [String]) -> [String] {
        var kept: [String] = []
        var index = 0
        while index < lines.count {
            let line = lines[index]
            if let attributionEnd = attribution(startingAt: index, in: lines) {
                // Bottom-posting quotes with `>`: drop the attribution, keep reading below.
                let next = lines[(attributionEnd + 1)...].first { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
                if let next, isQuoted(next) {
                    index = attributionEnd + 1
                    continue
                }
                break
            }
            if startsQuotedMessage(at: index, in: lines) { break }
            if !isQuoted(line) { kept.append(line) }
            index += 1
        }
        return kept
    }

    /// "On Mon, Jan 4, 2027 at 10:00 Jane <jane@acme.com> wrote:", possibly
    /// wrapped over up to three lines; returns the index of its last line.
    private static func attribution(startingAt index: Int, in lines: [String]) -> Int? {
        let first = lines[index].trimmingCharacters(in: .whitespaces)
        guard attributionStart.isFound(in: first) else { return nil }
        var joined = ""
        for end in index..<min(index + 3, lines.count) {
            joined += " " + lines[end].trimmingCharacters(in: .whitespaces)
            if attributionEnd.isFound(in: joined) { return end }
        }
        return nil
    }

    private static let attributionStart = Pattern(#"^(on|am|le|el|il|op|den)\s"#)
    private static let attributionEnd = Pattern(#"(wrote|schrieb|a écrit|escribió|ha scritto|schreef|skrev)\s*:\s*$"#)

    /// Forward markers and Outlook's header block of the quoted message.
    private static func startsQuotedMessage(at index: Int, in lines: [String]) -> Bool {
        let line = lines[index].trimmingCharacters(in: .whitespaces)
        if forwardMarker.isFound(in: line) { return true }
        guard outlookFrom.isFound(in: line) else { return false }
        let following = lines[(index + 1)..<min(index + 5, lines.count)]
        return following.contains { outlookSentOrDate.isFound(in: $0.trimmingCharacters(in: .whitespaces)) }
    }

    private static let forwardMarker = Pattern(
        #"^(-{2,}|_{2,}|\*{2,})?\s*(forwarded message|original message|forwarded message follows|weitergeleitete nachricht|ursprüngliche nachricht|message transféré|message d'origine|mensaje original|mensaje reenviado)\s*(-{2,}|_{2,}|\*{2,})?$|^begin forwarded message:?$|^_{10,}$"#)
    private static let outlookFrom = Pattern(#"^\*?(from|von|de|da)\s?:\*?\s"#)
    private static let outlookSentOrDate = Pattern(#"^\*?(sent|date|gesendet|datum|envoyé|enviado|inviato)\s?:"#)

    /// Cuts at the signature delimiter, mobile footers, disclaimers, or a
    /// sign-off line ("Best regards,") that follows some content.
    private static func withoutSignature(_ lines: [String]) -> [String] {
        var sawContent = false
        for (index, raw) in lines.enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if raw == "-- " || line == "--" || signatureStart.isFound(in: line) { return Array(lines[..<index]) }
            if sawContent, signOff.isFound(in: line), lines.count - index <= 12 { return Array(lines[..<index]) }
            if !line.isEmpty, !greeting.isFound(in: line) { sawContent = true }
        }
        return lines
    }

    private static let signatureStart = Pattern(
        #"^(sent from my |sent from (outlook|mail|yahoo)|get outlook for |von meinem .* gesendet|envoyé de mon |confidentiality notice|this (e-?mail|message)( and any (attachments|files))?( transmitted)? (is|are|may be|contains?) (confidential|intended)|if you are not the intended recipient|disclaimer:)"#)
    private static let signOff = Pattern(
        #"^(best|best regards|kind regards|warm regards|warmest regards|regards|many thanks|thanks|thank you|thanks again|cheers|sincerely|yours sincerely|yours truly|all the best|best wishes|warmly|respectfully|talk soon|mit freundlichen grüßen|viele grüße|beste grüße|liebe grüße|cordialement|bien cordialement|bien à vous|saludos|un saludo)[,.!]*$"#)
    private static let greeting = Pattern(#"^(hi|hello|dear|hey|good (morning|afternoon|evening)|hallo|bonjour|hola)\b"#)
}
