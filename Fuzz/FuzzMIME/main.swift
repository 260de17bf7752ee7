import Foundation
import FuzzDriver
import MailMessage

/// libFuzzer target: the MIME parser on any bytes (scripts/fuzz.sh).
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzMIME(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let message = ParsedMessage(UnsafeBufferPointer(start: data, count: size))
    _ = (message.text, message.defects, message.messageID, message.references)
    return 0
}

runFuzzer(fuzzMIME)
