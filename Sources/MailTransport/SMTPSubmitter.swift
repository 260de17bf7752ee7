import CCurl

/// Submits messages over SMTP (587 with STARTTLS required, or 465 with
/// implicit TLS) through one libcurl handle, which keeps the connection for
/// consecutive sends. Not thread-safe: use one submitter from one task at a time.
public final class SMTPSubmitter {
    private let server: MailServer
    private let handle: CurlHandle

    /// `heloName` is the name sent in EHLO.
    public init(server: MailServer, credentials: MailCredentials, heloName: String) throws {
        guard !heloName.isEmpty, heloName.utf8.allSatisfy({ (0x21...0x7E).contains($0) && $0 != UInt8(ascii: "/") }) else {
            throw TransportError(category: .invalidInput, detail: "EHLO name \(heloName.debugDescription) is not a plain host name")
        }
        self.server = server
        handle = try CurlHandle()
        try handle.configure(server: server, credentials: credentials)
        try handle.set(CURLOPT_URL, server.url(scheme: "smtp", path: heloName))
    }

    /// Asked about once a second while the server is awaited: true abandons
    /// the send, unless its final bytes are already on their way.
    public var stopRequested: (() -> Bool)? {
        get { handle.stopRequested }
        set { handle.stopRequested = newValue }
    }

    /// Sends `message` (the exact bytes, CRLF line ends) from `sender` to
    /// `recipients`. Addresses are checked before anything is sent.
    /// `beforeFinalDot` runs once the server has said 354 and all but the
    /// last bytes are handed over: before it returns true the server cannot
    /// have taken the message (a DATA without its final dot is discarded);
    /// false abandons the send, not sent.
    public func send(_ message: [UInt8], from sender: String, to recipients: [String],
                     smtpUTF8: Bool = false, beforeFinalDot: (() -> Bool)? = nil) -> SMTPOutcome {
        do {
            let from = try EnvelopeAddress(sender, smtpUTF8: smtpUTF8)
            let to = try recipients.map { try EnvelopeAddress($0, smtpUTF8: smtpUTF8) }
            guard !to.isEmpty else {
                return .notSent(.permanent, detail: "no recipients")
            }
            try handle.set(CURLOPT_MAIL_FROM, "<\(from.address)>")
            try handle.set(CURLOPT_MAIL_RCPT, list: to.map { "<\($0.address)>" })
            try handle.setUpload(message)
        } catch {
            return .notSent(.permanent, detail: "\(error)")
        }
        var refused = false
        handle.beforeLastBytes = beforeFinalDot.map { ready in { refused = !ready(); return !refused } }
        defer { handle.beforeLastBytes = nil }
        do {
            try handle.perform()
            return .delivered
        } catch let error as TransportError {
            if refused { return .notSent(.temporary, detail: "abandoned before the final dot: the send could not be recorded") }
            // Only asked before the last bytes leave, so nothing was taken.
            if error.category == .stopped { return .notSent(.temporary, detail: "\(error)") }
            return Self.classify(error, code: handle.responseCode, handedOver: handle.uploadHandedOver)
        } catch {
            return .unknown(detail: "\(error)")
        }
    }

    /// After the whole message was handed over only an explicit 4xx/5xx answer
    /// proves it was not taken; anything else (a dropped connection, a
    /// timeout, the 354 of DATA still being the last reply) is unknown —
    /// except a failed write: libcurl writes nothing after the final dot, so
    /// a send failure means the dot never left, and a server takes no message
    /// without it (RFC 5321 §4.1.1.4). That is how a server that refuses with
    /// 5xx right after its 354 and hangs up looks: libcurl never reads the
    /// refusal, so its code is unknown and the send is retried.
    static func classify(_ error: TransportError, code: Int, handedOver: Bool) -> SMTPOutcome {
        let reply = code > 0 ? " (reply \(code))" : ""
        let detail = "\(error)\(reply)"
        if handedOver {
            switch code {
            case 400..<500: return .notSent(.temporary, detail: detail)
            case 500..<600: return .notSent(.permanent, detail: detail)
            case _ where error.curlCode == Int(CURLE_SEND_ERROR.rawValue):
                return .notSent(.temporary, detail: "the server hung up before the end of the message was sent: \(detail)")
            default: return .unknown(detail: detail)
            }
        }
        if (500..<600).contains(code) { return .notSent(.permanent, detail: detail) }
        if (400..<500).contains(code) { return .notSent(.temporary, detail: detail) }
        switch error.category {
        case .tls, .authentication, .invalidInput, .local: return .notSent(.permanent, detail: detail)
        default: return .notSent(.temporary, detail: detail)
        }
    }
}
