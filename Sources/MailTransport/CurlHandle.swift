import CCurl
import CrashPoint
import Foundation

/// How long a transfer may take. `stall` is the "never answers" guard: fewer
/// than one byte per second for that long aborts the transfer.
public struct TransportTimeouts: Hashable, Sendable {
    public var connect: Int
    public var stall: Int
    public var total: Int

    /// Seconds for each limit.
    public init(connect: Int = 10, stall: Int = 20, total: Int = 120) {
        self.connect = connect
        self.stall = stall
        self.total = total
    }
}

/// One libcurl easy handle and everything it allocated (error buffer, string
/// lists). Reusing it keeps the server connection open between operations.
/// Not thread-safe: use a handle from one thread or task at a time.
final class CurlHandle {
    private static let globalInit: Bool = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK

    private let curl: UnsafeMutableRawPointer
    private let errorBuffer: UnsafeMutablePointer<CChar>
    /// The string list set for each option; replaced lists are freed.
    private var lists: [CURLoption.RawValue: UnsafeMutablePointer<curl_slist>] = [:]
    private var secrets: [String] = []

    /// Every line the server sent during the last perform, in order. libcurl
    /// hands each server line (literals included) to the header callback.
    private(set) var serverStream: [UInt8] = []
    /// What libcurl classed as the response body during the last perform.
    private(set) var bodyStream: [UInt8] = []
    private var upload: [UInt8] = []
    private var uploadOffset = 0
    /// True once the read callback has handed libcurl every byte of the upload
    /// (with INFILESIZE set libcurl never asks for the end): from here on the
    /// message may have been taken.
    var uploadHandedOver: Bool { !upload.isEmpty && uploadOffset == upload.count }
    /// Called just before the upload's last bytes go to libcurl — for SMTP,
    /// the last moment before the final dot can leave. False aborts the
    /// transfer, and then the dot never leaves.
    var beforeLastBytes: (() -> Bool)?
    /// Asked about once a second while a transfer waits: true stops it
    /// (followupd is shutting down). Never asked once an upload's last bytes
    /// are on their way: from there only the server's answer settles a send.
    var stopRequested: (() -> Bool)?
    private var lastBytesBegun = false
    private var stoppedOnRequest = false

    init() throws {
        guard CurlHandle.globalInit, let curl = curl_easy_init() else {
            throw TransportError(category: .local, detail: "libcurl could not be initialised")
        }
        self.curl = curl
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
        let me = Unmanaged.passUnretained(self).toOpaque()
        try check(fu_curl_setopt_pointer(curl, CURLOPT_ERRORBUFFER, errorBuffer))
        try check(fu_curl_setopt_long(curl, CURLOPT_NOSIGNAL, 1))
        try check(fu_curl_setopt_pointer(curl, CURLOPT_HEADERDATA, me))
        try check(fu_curl_setopt_pointer(curl, CURLOPT_WRITEDATA, me))
        try check(fu_curl_setopt_pointer(curl, CURLOPT_READDATA, me))
        try check(fu_curl_setopt_header_cb(curl) { ptr, size, count, ctx in
            let handle = Unmanaged<CurlHandle>.fromOpaque(ctx!).takeUnretainedValue()
            handle.serverStream.append(contentsOf: UnsafeRawBufferPointer(start: ptr, count: size * count))
            CrashPoint.pass("server line read")
            return size * count
        })
        try check(fu_curl_setopt_write_cb(curl) { ptr, size, count, ctx in
            let handle = Unmanaged<CurlHandle>.fromOpaque(ctx!).takeUnretainedValue()
            handle.bodyStream.append(contentsOf: UnsafeRawBufferPointer(start: ptr, count: size * count))
            return size * count
        })
        try check(fu_curl_setopt_pointer(curl, CURLOPT_XFERINFODATA, me))
        try check(fu_curl_setopt_long(curl, CURLOPT_NOPROGRESS, 0))
        try check(fu_curl_setopt_xferinfo_cb(curl) { ctx, _, _, _, _ in
            let handle = Unmanaged<CurlHandle>.fromOpaque(ctx!).takeUnretainedValue()
            guard !handle.lastBytesBegun, handle.stopRequested?() == true else { return 0 }
            handle.stoppedOnRequest = true
            return 1
        })
        try check(fu_curl_setopt_read_cb(curl) { ptr, size, count, ctx in
            let handle = Unmanaged<CurlHandle>.fromOpaque(ctx!).takeUnretainedValue()
            let n = min(size * count, handle.upload.count - handle.uploadOffset)
            if n == 0 { return 0 }
            if handle.uploadOffset + n == handle.upload.count {
                handle.lastBytesBegun = true
                if let last = handle.beforeLastBytes, !last() { return CurlHandle.abortRead }
            }
            CrashPoint.pass("message bytes handed to libcurl")
            handle.upload.withUnsafeBytes { src in
                UnsafeMutableRawPointer(ptr!).copyMemory(from: src.baseAddress! + handle.uploadOffset, byteCount: n)
            }
            handle.uploadOffset += n
            return n
        })
    }

    /// CURL_READFUNC_ABORT, a macro Swift does not import.
    private static let abortRead = 0x1000_0000

    deinit {
        curl_easy_cleanup(curl)
        lists.values.forEach { curl_slist_free_all($0) }
        errorBuffer.deallocate()
    }

    /// Strings that must never appear in an error's description.
    func addSecret(_ secret: String) {
        secrets.append(secret)
    }

    func set(_ option: CURLoption, _ value: Int) throws {
        try check(fu_curl_setopt_long(curl, option, value))
    }

    /// libcurl copies strings, so the temporary C string may die after the call.
    func set(_ option: CURLoption, _ value: String?) throws {
        guard let value else { return try check(fu_curl_setopt_string(curl, option, nil)) }
        try value.withCString { try check(fu_curl_setopt_string(curl, option, $0)) }
    }

    /// libcurl uses the list in place, so it lives until replaced or the handle is freed.
    func set(_ option: CURLoption, list: [String]) throws {
        var head: UnsafeMutablePointer<curl_slist>?
        for item in list {
            guard let next = curl_slist_append(head, item) else {
                if let head { curl_slist_free_all(head) }
                throw TransportError(category: .local, detail: "out of memory building a libcurl list")
            }
            head = next
        }
        let result = fu_curl_setopt_slist(curl, option, head)
        if let old = lists.removeValue(forKey: option.rawValue) { curl_slist_free_all(old) }
        if let head { lists[option.rawValue] = head }
        try check(result)
    }

    /// The bytes the next perform uploads (APPEND, SMTP DATA); empty for none.
    func setUpload(_ bytes: [UInt8]) throws {
        upload = bytes
        try set(CURLOPT_UPLOAD, bytes.isEmpty ? 0 : 1)
        try check(fu_curl_setopt_off_t(curl, CURLOPT_INFILESIZE_LARGE, curl_off_t(bytes.count)))
    }

    func perform() throws {
        serverStream.removeAll(keepingCapacity: true)
        bodyStream.removeAll(keepingCapacity: true)
        uploadOffset = 0
        lastBytesBegun = false
        stoppedOnRequest = false
        errorBuffer[0] = 0
        try check(curl_easy_perform(curl))
    }

    /// The last response code from the server (an SMTP reply code; 0 for none).
    var responseCode: Int {
        var code = 0
        _ = fu_curl_getinfo_long(curl, CURLINFO_RESPONSE_CODE, &code)
        return code
    }

    private func check(_ code: CURLcode) throws {
        guard code != CURLE_OK else { return }
        if code == CURLE_ABORTED_BY_CALLBACK, stoppedOnRequest {
            throw TransportError(category: .stopped, curlCode: Int(code.rawValue), detail: "stopped: followupd is shutting down")
        }
        throw TransportError.curl(code, message: String(cString: errorBuffer), redacting: secrets)
    }
}
