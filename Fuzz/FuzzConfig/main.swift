import Foundation
import FuzzDriver
import FollowUpConfig

/// libFuzzer target: the config parser on any text (scripts/fuzz.sh). Errors
/// are the expected outcome; a crash or a hang is the bug.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzConfig(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = try? Config.parse(text: text, path: "/fuzz/config.toml", home: "/home/fuzz")
    return 0
}

runFuzzer(fuzzConfig)
