import CCurl

/// Where a mail server listens and how to reach it. TLS is always required and
/// the certificate always verified: there is deliberately no option to turn
/// either off.
public struct MailServer: Hashable, Sendable {
    public enum Security: String, Hashable, Sendable, Codable {
        /// TLS from the first byte: `imaps://` (993) or `smtps://` (465).
        case implicitTLS = "tls"
        /// Plain connection upgraded with STARTTLS, which must succeed before
        /// any credentials are sent: `imap://` (143) or submission (587).
        case startTLS = "starttls"
    }

    public var host: String
    public var port: Int
    public var security: Security
    /// A PEM file of CA certificates to trust instead of the system's.
    public var caFile: String?
    /// The local interface or address to connect from (libcurl's CURLOPT_INTERFACE).
    public var interface: String?
    public var timeouts: TransportTimeouts

    public init(host: String, port: Int, security: Security, caFile: String? = nil,
                interface: String? = nil, timeouts: TransportTimeouts = TransportTimeouts()) {
        self.host = host
        self.port = port
        self.security = security
        self.caFile = caFile
        self.interface = interface
        self.timeouts = timeouts
    }

    /// `scheme` is "imap" or "smtp"; implicit TLS adds the "s".
    func url(scheme: String, path: String = "") -> String {
        let host = self.host.contains(":") ? "[\(self.host)]" : self.host
        let secure = security == .implicitTLS ? "s" : ""
        return "\(scheme)\(secure)://\(host):\(port)/\(path)"
    }
}

/// How to log in. The secret never appears in errors or logs.
public enum MailCredentials: Hashable, Sendable {
    case password(user: String, password: String)
    /// An OAuth 2.0 access token (SASL XOAUTH2 / OAUTHBEARER).
    case oauth2(user: String, bearerToken: String)
}

extension CurlHandle {
    /// The settings every transfer shares: TLS required and verified, timeouts, login.
    func configure(server: MailServer, credentials: MailCredentials) throws {
        try set(CURLOPT_USE_SSL, Int(CURLUSESSL_ALL.rawValue))
        try set(CURLOPT_SSL_VERIFYPEER, 1)
        try set(CURLOPT_SSL_VERIFYHOST, 2)
        try set(CURLOPT_CAINFO, server.caFile)
        try set(CURLOPT_INTERFACE, server.interface)
        try set(CURLOPT_CONNECTTIMEOUT, server.timeouts.connect)
        try set(CURLOPT_TIMEOUT, server.timeouts.total)
        try set(CURLOPT_LOW_SPEED_LIMIT, 1)
        try set(CURLOPT_LOW_SPEED_TIME, server.timeouts.stall)
        // The low-speed limit does not cover libcurl's wait for an IMAP or
        // SMTP answer (FIELD-NOTES); this does, the QUIT at clean-up included.
        try set(CURLOPT_SERVER_RESPONSE_TIMEOUT, server.timeouts.stall)
        switch credentials {
        case .password(let user, let password):
            addSecret(password)
            try set(CURLOPT_USERNAME, user)
            try set(CURLOPT_PASSWORD, password)
        case .oauth2(let user, let token):
            addSecret(token)
            try set(CURLOPT_USERNAME, user)
            try set(CURLOPT_XOAUTH2_BEARER, token)
            // Only the OAuth mechanisms: offered neither, libcurl 7.88.1 logs in
            // with PLAIN, the user name and an empty password.
            try set(CURLOPT_LOGIN_OPTIONS, "AUTH=OAUTHBEARER;AUTH=XOAUTH2")
        }
    }
}
