import Foundation
import FollowUpConfig

/// libFuzzer target: the config parser on any text (scripts/fuzz.sh). Errors
/// are the expected outcome; a crash or a hang is the bug.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzConfig(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = try? Config.parse(text: text, path: "/fuzz/config.toml", home: "/home/fuzz")
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
exit(runFuzzerDriver(&argc, &argv, fuzzConfig))
