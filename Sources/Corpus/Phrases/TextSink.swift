import EmbedBase
import CZlib

/// Text output through an atomic `FileSink`, gzip-compressed (one gzip member, zlib's default
/// level) when asked, plain otherwise.
public struct TextSink {
    var file: FileSink
    let path: String
    /// zlib's stream, at a fixed address (its state points back to it).
    var stream: UnsafeMutablePointer<z_stream>?
    var output: [UInt8] = []

    /// Whether `path` asks for gzip output (its name ends in `.gz`).
    public static func wantsGzip(_ path: String) -> Bool { path.hasSuffix(".gz") }

    public init(_ file: FileSink, path: String, gzip: Bool) throws {
        self.file = file
        self.path = path
        guard gzip else { return }
        let s = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        s.initialize(to: z_stream())
        // 15 + 16: gzip wrapper, largest window.
        guard deflateInit2_(s, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY,
                            zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            s.deallocate()
            throw FileError.cannotWrite(path: path, reason: "zlib initialisation failed")
        }
        stream = s
        output = [UInt8](repeating: 0, count: 1 << 18)
    }

    public mutating func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard stream != nil else { return try file.write(bytes) }
        try deflateBytes(bytes, flush: Z_NO_FLUSH)
    }

    public mutating func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    public mutating func write(_ string: String) throws {
        var s = string
        try s.withUTF8 { try write(UnsafeRawBufferPointer($0)) }
    }

    /// Ends the gzip member (plain output: nothing to do); the `FileSink` is then complete.
    public mutating func finish() throws -> FileSink {
        if let s = stream {
            try deflateBytes(UnsafeRawBufferPointer(start: nil, count: 0), flush: Z_FINISH)
            deflateEnd(s)
            s.deallocate()
            stream = nil
        }
        return file
    }

    /// Releases zlib's state after a failure.
    public mutating func abandon() {
        if let s = stream { deflateEnd(s); s.deallocate(); stream = nil }
    }

    private mutating func deflateBytes(_ bytes: UnsafeRawBufferPointer, flush: Int32) throws {
        let stream = self.stream!
        stream.pointee.next_in = UnsafeMutablePointer(mutating: bytes.baseAddress?.assumingMemoryBound(to: Bytef.self))
        stream.pointee.avail_in = uInt(bytes.count)
        let capacity = output.count
        while true {
            let (status, produced): (Int32, Int) = output.withUnsafeMutableBytes { out in
                stream.pointee.next_out = out.baseAddress!.assumingMemoryBound(to: Bytef.self)
                stream.pointee.avail_out = uInt(capacity)
                let status = deflate(stream, flush)
                return (status, capacity - Int(stream.pointee.avail_out))
            }
            if status != Z_OK && status != Z_STREAM_END && status != Z_BUF_ERROR {
                throw FileError.cannotWrite(path: path, reason: "zlib deflate failed (\(status))")
            }
            if produced > 0 { try output.withUnsafeBytes { try file.write(UnsafeRawBufferPointer(rebasing: $0[..<produced])) } }
            if flush == Z_FINISH {
                if status == Z_STREAM_END { return }
            } else if stream.pointee.avail_in == 0 && produced < capacity {
                return
            }
        }
    }
}

extension AtomicFile {
    /// Streams text into `path` atomically, gzip-compressed when the name ends in `.gz`.
    public static func writeText(to path: String, _ body: (inout TextSink) throws -> Void) throws {
        try write(to: path) { sink in
            var text = try TextSink(sink, path: path, gzip: TextSink.wantsGzip(path))
            do {
                try body(&text)
                sink = try text.finish()
            } catch {
                text.abandon()
                sink = text.file
                throw error
            }
        }
    }
}
