/// Splits a header block into fields, bounded by `ParseLimits`.
enum HeaderBlockParser {
    struct Result {
        var headers: MessageHeaders
        /// Index of the first body byte (== end of input when there is no body).
        var bodyStart: Int
    }

    static func parse(_ bytes: ArraySlice<UInt8>, limits: ParseLimits, defects: inout [Defect]) -> Result {
        var fields: [HeaderField] = []
        var name: String?
        var value: [UInt8] = []
        var consumed = 0
        var truncatedField = false
        var droppedFields = false

        func finishField() {
            guard let n = name else { return }
            if fields.count >= limits.maxHeaderFields {
                droppedFields = true
            } else {
                fields.append(HeaderField(name: n, rawValue: text(value)))
            }
            name = nil
            value = []
        }

        var i = bytes.startIndex
        var isFirstLine = true
        while i < bytes.endIndex {
            var lineEnd = i
            while lineEnd < bytes.endIndex, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            let next = lineEnd < bytes.endIndex ? lineEnd + 1 : lineEnd
            var contentEnd = lineEnd
            if contentEnd > i, bytes[contentEnd - 1] == 0x0D { contentEnd -= 1 }
            let line = bytes[i..<contentEnd]
            defer { isFirstLine = false }
            if line.isEmpty {
                finishField()
                report(&defects, truncatedField, droppedFields, consumed > limits.maxHeaderBytes)
                return Result(headers: MessageHeaders(fields: fields), bodyStart: next)
            }
            consumed += next - i
            let overBudget = consumed > limits.maxHeaderBytes
            if let first = line.first, first == 0x20 || first == 0x09 {
                if name == nil {
                    defects.append(Defect(.continuationWithoutField))
                } else if value.count + line.count + 2 <= limits.maxFieldBytes, !overBudget {
                    value.append(contentsOf: [0x0D, 0x0A])
                    value.append(contentsOf: line)
                } else {
                    truncatedField = true
                }
            } else if let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex {
                finishField()
                if overBudget { droppedFields = true; i = next; continue }
                name = text(line[line.startIndex..<colon]).trimmingWhitespace()
                var valueStart = colon + 1
                if valueStart < line.endIndex, line[valueStart] == 0x20 { valueStart += 1 }
                value = Array(line[valueStart..<min(line.endIndex, valueStart + limits.maxFieldBytes)])
                if line.endIndex - valueStart > limits.maxFieldBytes { truncatedField = true }
            } else if name != nil, continuesParameters(line, after: value) {
                // `Content-Type: multipart/alternative;` then `boundary="…"` at the start of
                // the next line: a fold that lost its space. Read as the parameter it is.
                if value.count + line.count + 3 <= limits.maxFieldBytes, !overBudget {
                    value.append(contentsOf: [0x0D, 0x0A, 0x20])
                    value.append(contentsOf: line)
                } else {
                    truncatedField = true
                }
            } else if isFirstLine && line.starts(with: Array("From ".utf8)) {
                // An mbox separator line, not a header.
            } else {
                // Like Python's email package: a line that is not a header starts the body.
                finishField()
                defects.append(Defect(.missingHeaderBodySeparator))
                report(&defects, truncatedField, droppedFields, overBudget)
                return Result(headers: MessageHeaders(fields: fields), bodyStart: i)
            }
            i = next
        }
        finishField()
        report(&defects, truncatedField, droppedFields, consumed > limits.maxHeaderBytes)
        return Result(headers: MessageHeaders(fields: fields), bodyStart: bytes.endIndex)
    }

    /// Whether `line` is a `name=value` parameter following a value that ends in `;`.
    private static func continuesParameters(_ line: ArraySlice<UInt8>, after value: [UInt8]) -> Bool {
        guard value.last(where: { $0 != 0x20 && $0 != 0x09 }) == UInt8(ascii: ";"),
              let equals = line.firstIndex(of: UInt8(ascii: "=")), equals > line.startIndex else { return false }
        return line[line.startIndex..<equals].allSatisfy { byte in
            (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "*") || byte == UInt8(ascii: "_")
        }
    }

    private static func report(_ defects: inout [Defect], _ truncated: Bool, _ dropped: Bool, _ overBudget: Bool) {
        if truncated { defects.append(Defect(.headerFieldTooLarge)) }
        if overBudget { defects.append(Defect(.headerTooLarge)) } else if dropped { defects.append(Defect(.tooManyHeaderFields)) }
    }

    /// Header bytes as text: UTF-8 (RFC 6532) when valid, else ISO-8859-1.
    static func text<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        return String(validating: bytes, as: UTF8.self) ?? Charset.latin1(bytes)
    }
}
