import Foundation
import FuzzDriver
import MailTransport

/// libFuzzer target: the IMAP response parser on any server bytes (scripts/fuzz.sh).
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzIMAP(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    _ = IMAPResponseParser.parse(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

runFuzzer(fuzzIMAP)
