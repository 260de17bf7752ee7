import Testing
@testable import MailTransport

/// POLICY invariant 7 at the wire: once the whole message was handed over,
/// only the server's explicit answer to the final dot says it was not taken
/// (RFC 5321 4.2.5: a 4yz or 5yz there means the message was not accepted).
/// Anything else after the hand-over is unknown, never retried.
@Suite struct SMTPClassificationTests {
    static let dropped = TransportError(category: .connection, detail: "connection reset")

    @Test(arguments: [
        (451, "temporary"), (421, "temporary"), (554, "permanent"),
        (354, "unknown"), (250, "unknown"), (0, "unknown"),
    ])
    func invariant7_afterTheFinalDotOnlyAnExplicitRefusalIsNotSent(code: Int, expected: String) {
        let outcome = SMTPSubmitter.classify(Self.dropped, code: code, handedOver: true)
        #expect(Self.kind(outcome) == expected, "reply \(code) after the hand-over: \(outcome)")
    }

    @Test func aFailedWriteAfterTheHandOverIsNotSent() {
        let failedWrite = TransportError(category: .connection, curlCode: 55, detail: "Send failure: Broken pipe")
        #expect(Self.kind(SMTPSubmitter.classify(failedWrite, code: 354, handedOver: true)) == "temporary")
        #expect(Self.kind(SMTPSubmitter.classify(failedWrite, code: 554, handedOver: true)) == "permanent")
        let failedRead = TransportError(category: .connection, curlCode: 56, detail: "Recv failure: Connection reset by peer")
        #expect(Self.kind(SMTPSubmitter.classify(failedRead, code: 354, handedOver: true)) == "unknown")
    }

    @Test func aFailureBeforeTheHandOverIsNeverUnknown() {
        for code in [0, 220, 250, 354, 421, 451, 550] {
            #expect(Self.kind(SMTPSubmitter.classify(Self.dropped, code: code, handedOver: false)) != "unknown")
        }
    }

    static func kind(_ outcome: SMTPOutcome) -> String {
        switch outcome {
        case .delivered: return "delivered"
        case .notSent(let reason, _): return reason.rawValue
        case .unknown: return "unknown"
        }
    }
}
