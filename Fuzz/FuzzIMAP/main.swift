import Foundation
import MailTransport

/// libFuzzer target: the IMAP response parser on any server bytes (scripts/fuzz.sh).
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzIMAP(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    _ = IMAPResponseParser.parse(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

// SwiftPM links its own entry point, so libFuzzer's main is not used: its
// driver is called from here.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<Int32>,
                     _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                     _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32
var argc = CommandLine.argc
var argv = CommandLine.unsafeArgv
exit(runFuzzerDriver(&argc, &argv, fuzzIMAP))
