import CCurl
import Foundation

/// A failure of a mail transfer. A struct, not an enum, so that new libcurl
/// codes and new categories never break callers' `switch`es. The description
/// carries no secrets: libcurl's messages never contain the password (it is
/// passed as an option, never in a URL), and known secrets are redacted anyway.
public struct TransportError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of failure, for deciding what to tell the user and whether to retry.
    public struct Category: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The server could not be reached, or the connection broke.
        public static let connection = Category(rawValue: "connection")
        /// The server did not answer in time.
        public static let timeout = Category(rawValue: "timeout")
        /// TLS could not be set up or the certificate did not verify; nothing was sent.
        public static let tls = Category(rawValue: "tls")
        /// The server refused the credentials.
        public static let authentication = Category(rawValue: "authentication")
        /// The server answered a command with NO/BAD or an SMTP error.
        public static let refused = Category(rawValue: "refused")
        /// The server's answer could not be understood.
        public static let protocolViolation = Category(rawValue: "protocol")
        /// The caller passed something that must not reach the wire (an address
        /// with CR/LF, a mailbox name with quotes…).
        public static let invalidInput = Category(rawValue: "invalid-input")
        /// A local problem: out of memory, bad CA file path, libcurl misuse.
        public static let local = Category(rawValue: "local")
        /// Stopped on request (followupd is shutting down) before anything was settled.
        public static let stopped = Category(rawValue: "stopped")
    }

    public let category: Category
    /// The libcurl `CURLcode`, when the failure came from libcurl.
    public let curlCode: Int?
    /// A short human-readable explanation, without secrets.
    public let detail: String

    public init(category: Category, curlCode: Int? = nil, detail: String) {
        self.category = category
        self.curlCode = curlCode
        self.detail = detail
    }

    public var description: String {
        let code = curlCode.map { " (curl \($0))" } ?? ""
        return "\(category): \(detail)\(code)"
    }

    /// The one place a `CURLcode` becomes a Swift error.
    static func curl(_ code: CURLcode, message: String, redacting secrets: [String]) -> TransportError {
        var detail = message.isEmpty ? String(cString: curl_easy_strerror(code)) : message
        // A secret of a few letters would garble every message that contains them.
        for secret in secrets where secret.count >= 4 {
            detail = detail.replacingOccurrences(of: secret, with: "<redacted>")
        }
        return TransportError(category: category(of: code), curlCode: Int(code.rawValue), detail: detail)
    }

    private static func category(of code: CURLcode) -> Category {
        switch code {
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY, CURLE_COULDNT_CONNECT,
             CURLE_INTERFACE_FAILED, CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_GOT_NOTHING,
             CURLE_PARTIAL_FILE:
            return .connection
        case CURLE_OPERATION_TIMEDOUT:
            return .timeout
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_USE_SSL_FAILED,
             CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER, CURLE_SSL_ISSUER_ERROR,
             CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_SHUTDOWN_FAILED:
            return .tls
        case CURLE_LOGIN_DENIED:
            return .authentication
        case CURLE_QUOTE_ERROR, CURLE_REMOTE_FILE_NOT_FOUND, CURLE_REMOTE_ACCESS_DENIED,
             CURLE_UPLOAD_FAILED:
            return .refused
        case CURLE_WEIRD_SERVER_REPLY:
            return .protocolViolation
        case CURLE_SSL_CACERT_BADFILE, CURLE_OUT_OF_MEMORY, CURLE_URL_MALFORMAT,
             CURLE_UNSUPPORTED_PROTOCOL, CURLE_BAD_FUNCTION_ARGUMENT, CURLE_UNKNOWN_OPTION,
             CURLE_NOT_BUILT_IN, CURLE_FAILED_INIT, CURLE_READ_ERROR, CURLE_WRITE_ERROR,
             CURLE_ABORTED_BY_CALLBACK:
            return .local
        default:
            return .connection
        }
    }
}
