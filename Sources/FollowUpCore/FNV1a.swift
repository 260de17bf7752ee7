/// FNV-1a, 64 bits, as hex: a stable name for a text (what an answer
/// approved, a message without a Message-ID), not a secret.
public enum FNV1a {
    public static func hex(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return String(hash, radix: 16)
    }
}
