import Foundation

/// Decodes bytes labelled with a MIME charset name into a Swift string.
///
/// `CFStringConvertIANACharSetNameToEncoding` is not available on Linux, so the
/// names are mapped by this table. Every entry was checked against
/// swift-corelibs-foundation on Linux (Swift 6.3): EUC-JP is the one common
/// charset it cannot decode; it falls back like any unknown name.
public enum Charset {
    /// Decodes `bytes` as `name`. Unknown charsets and bytes invalid in the
    /// declared charset fall back to UTF-8 when the bytes are valid UTF-8, else
    /// to ISO-8859-1, which never fails and loses no byte; `fellBack` says so.
    public static func decode<Bytes: Collection>(_ bytes: Bytes, charset name: String?) -> (text: String, fellBack: Bool)
    where Bytes.Element == UInt8 {
        let data = Data(bytes)
        let encoding = name.flatMap(encoding(named:)) ?? .utf8
        if encoding == .ascii || encoding == .utf8 {
            // Mail labelled us-ascii often carries 8-bit text; UTF-8 covers ASCII.
            if let text = String(data: data, encoding: .utf8) { return (text, false) }
        } else if let text = String(data: data, encoding: encoding) {
            return (text, false)
        }
        if encoding != .utf8, let text = String(data: data, encoding: .utf8) { return (text, true) }
        return (latin1(bytes), true)
    }

    /// ISO-8859-1: each byte is the code point of the same number.
    static func latin1<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: bytes.map { Unicode.Scalar($0) })
        return String(scalars)
    }

    /// The Foundation encoding for a MIME charset name, or nil when unknown or unsupported on this platform.
    public static func encoding(named name: String) -> String.Encoding? {
        var key = name.lowercased().trimmingCharacters(in: .whitespaces)
        // RFC 2231 / RFC 2184 language suffix: "utf-8*en".
        if let star = key.firstIndex(of: "*") { key = String(key[..<star]) }
        key = key.replacingOccurrences(of: "_", with: "-")
        if let known = table[key] { return known }
        if key.hasPrefix("x-") { return table[String(key.dropFirst(2))] }
        return nil
    }

    /// CoreFoundation encoding numbers (kCFStringEncoding*), which Foundation on Linux accepts.
    private static func cf(_ value: UInt32) -> String.Encoding {
        String.Encoding(rawValue: UInt(0x8000_0000 | value))
    }

    private static let table: [String: String.Encoding] = {
        var t: [String: String.Encoding] = [:]
        func add(_ names: [String], _ e: String.Encoding) { for n in names { t[n] = e } }
        add(["utf-8", "utf8", "unicode-1-1-utf-8"], .utf8)
        add(["us-ascii", "ascii", "ansi-x3.4-1968", "iso646-us", "646", "us"], .ascii)
        add(["iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "iso-ir-100", "cp819"], .isoLatin1)
        add(["iso-8859-2", "iso8859-2", "latin2", "l2"], .isoLatin2)
        let isoParts: [(Int, UInt32)] = [(3, 0x0203), (4, 0x0204), (5, 0x0205), (6, 0x0206), (7, 0x0207),
                                         (8, 0x0208), (9, 0x0209), (10, 0x020A), (11, 0x020B), (13, 0x020D),
                                         (14, 0x020E), (15, 0x020F), (16, 0x0210)]
        for (n, code) in isoParts { add(["iso-8859-\(n)", "iso8859-\(n)"], cf(code)) }
        add(["iso-8859-8-i", "iso-8859-6-i"], cf(0x0208))
        add(["latin9", "latin-9", "l9"], cf(0x020F))
        add(["windows-1250", "cp1250"], .windowsCP1250)
        add(["windows-1251", "cp1251"], .windowsCP1251)
        add(["windows-1252", "cp1252"], .windowsCP1252)
        add(["windows-1253", "cp1253"], .windowsCP1253)
        add(["windows-1254", "cp1254"], .windowsCP1254)
        let windows: [(Int, UInt32)] = [(1255, 0x0505), (1256, 0x0506), (1257, 0x0507), (1258, 0x0508)]
        for (n, code) in windows { add(["windows-\(n)", "cp\(n)"], cf(code)) }
        add(["windows-874", "cp874", "tis-620"], cf(0x041D))
        add(["koi8-r"], cf(0x0A02))
        add(["koi8-u"], cf(0x0A08))
        add(["ibm866", "cp866"], cf(0x0413))
        add(["shift-jis", "shift_jis", "sjis", "ms-kanji", "cp932", "windows-31j"], cf(0x0420))
        add(["iso-2022-jp"], .iso2022JP)
        add(["euc-kr", "ks-c-5601-1987", "ks-c-5601", "cp949", "uhc"], cf(0x0422))
        // GB18030 is a superset of GB2312 and GBK: one decoder for all three.
        add(["gb2312", "gbk", "cp936", "gb18030", "euc-cn", "csgb2312"], cf(0x0632))
        add(["big5", "big-5", "cp950"], cf(0x0A03))
        add(["big5-hkscs"], cf(0x0A06))
        add(["utf-16"], .utf16)
        add(["utf-16le"], .utf16LittleEndian)
        add(["utf-16be"], .utf16BigEndian)
        add(["macintosh", "mac", "macroman"], .macOSRoman)
        return t
    }()
}
