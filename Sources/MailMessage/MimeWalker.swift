/// Walks a MIME tree within `ParseLimits`, picking what a reply classifier needs:
/// the first text/plain part (else the first text/html), a delivery-status
/// report, and a calendar invitation.
struct MimeWalker {
    let bytes: [UInt8]
    let limits: ParseLimits
    var defects: [Defect] = []
    var plainText: String?
    var htmlText: String?
    var deliveryStatus: DeliveryStatus?
    var returnedHeaders: MessageHeaders?
    var invitation: CalendarInvitation?
    private var partCount = 0

    init(bytes: [UInt8], limits: ParseLimits) {
        self.bytes = bytes
        self.limits = limits
    }

    mutating func walk(headers: MessageHeaders, body: Range<Int>, depth: Int, defaultType: ContentType = .defaultPlainText) {
        partCount += 1
        guard partCount <= limits.maxParts else {
            if partCount == limits.maxParts + 1 { defects.append(Defect(.tooManyParts)) }
            return
        }
        let type = headers["Content-Type"].flatMap { ContentType.parse($0) } ?? defaultType
        let isAttachment = headers["Content-Disposition"].flatMap { ContentType.parse($0, requireSubtype: false) }?.type == "attachment"
        switch (type.type, type.subtype) {
        case ("multipart", _):
            walkMultipart(type, body: body, depth: depth)
        case ("message", "delivery-status"), ("message", "global-delivery-status"):
            if deliveryStatus == nil {
                let decoded = decodeTransfer(headers, body)
                deliveryStatus = DeliveryStatus.parse(decoded[...], limits: limits)
            }
        case ("message", "rfc822"), ("text", "rfc822-headers"), ("message", "global"), ("message", "global-headers"):
            if returnedHeaders == nil {
                let decoded = decodeTransfer(headers, body)
                var ignored: [Defect] = []
                returnedHeaders = HeaderBlockParser.parse(decoded[...], limits: limits, defects: &ignored).headers
            }
        case ("text", "plain") where !isAttachment && plainText == nil:
            plainText = decodeText(headers, type, body)
        case ("text", "html") where !isAttachment && htmlText == nil:
            htmlText = HTMLText.text(decodeText(headers, type, body))
        case ("text", "calendar"), ("application", "ics"):
            // An invitation is often both inline and attached: the first one read stands.
            if invitation == nil { invitation = CalendarInvitation.parse(decodeText(headers, type, body)) }
        default:
            break
        }
    }

    private mutating func walkMultipart(_ type: ContentType, body: Range<Int>, depth: Int) {
        guard depth < limits.maxDepth else {
            defects.append(Defect(.partsTooDeep))
            return
        }
        guard let boundary = type.parameters["boundary"], !boundary.isEmpty else {
            defects.append(Defect(.missingBoundary, type.mimeType))
            return
        }
        let (parts, closed) = split(body, boundary: Array(("--" + boundary).utf8))
        if parts.isEmpty {
            defects.append(Defect(.missingBoundary, type.mimeType))
            return
        }
        if !closed { defects.append(Defect(.missingClosingBoundary)) }
        let childDefault = type.subtype == "digest"
            ? ContentType(type: "message", subtype: "rfc822") : ContentType.defaultPlainText
        for part in parts {
            guard partCount < limits.maxParts + 1 else { break }
            let header = HeaderBlockParser.parse(bytes[part], limits: limits, defects: &defects)
            walk(headers: header.headers, body: header.bodyStart..<part.upperBound, depth: depth + 1, defaultType: childDefault)
        }
    }

    /// The byte ranges between delimiter lines, and whether the closing delimiter was seen.
    private func split(_ body: Range<Int>, boundary: [UInt8]) -> ([Range<Int>], Bool) {
        var parts: [Range<Int>] = []
        var partStart: Int?
        var lineStart = body.lowerBound
        while lineStart < body.upperBound {
            var lineEnd = lineStart
            while lineEnd < body.upperBound, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            if lineEnd - lineStart >= boundary.count, bytes[lineStart..<(lineStart + boundary.count)].elementsEqual(boundary) {
                let after = lineStart + boundary.count
                let isClose = after + 1 < lineEnd && bytes[after] == UInt8(ascii: "-") && bytes[after + 1] == UInt8(ascii: "-")
                // Only whitespace may follow the delimiter: "--b1" must not match "--b10".
                let rest = bytes[(isClose ? after + 2 : after)..<lineEnd]
                guard rest.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) else {
                    lineStart = lineEnd + 1
                    continue
                }
                if let start = partStart {
                    // The line break before a delimiter belongs to the delimiter.
                    var end = lineStart
                    if end > start, bytes[end - 1] == 0x0A { end -= 1 }
                    if end > start, bytes[end - 1] == 0x0D { end -= 1 }
                    parts.append(start..<max(start, end))
                }
                if isClose { return (parts, true) }
                partStart = min(lineEnd + 1, body.upperBound)
                if parts.count >= limits.maxParts { return (parts, true) }
            }
            lineStart = lineEnd + 1
        }
        if let start = partStart { parts.append(start..<body.upperBound) }
        return (parts, false)
    }

    private func decodeTransfer(_ headers: MessageHeaders, _ body: Range<Int>) -> [UInt8] {
        let slice = bytes[body]
        switch headers["Content-Transfer-Encoding"]?.lowercased().trimmingWhitespace() {
        case "base64": return TransferEncoding.decodeBase64(slice)
        case "quoted-printable": return TransferEncoding.decodeQuotedPrintable(slice)
        default: return Array(slice)
        }
    }

    private mutating func decodeText(_ headers: MessageHeaders, _ type: ContentType, _ body: Range<Int>) -> String {
        let decoded = Charset.decode(decodeTransfer(headers, body), charset: type.charset)
        if decoded.fellBack { defects.append(Defect(.charsetFallback, type.charset ?? "none")) }
        var text = decoded.text.replacingOccurrences(of: "\r\n", with: "\n")
        if text.count > limits.maxTextCharacters {
            text = String(text.prefix(limits.maxTextCharacters))
            defects.append(Defect(.textTruncated))
        }
        return text
    }
}
