import Foundation
import Testing
import RxData
import CGzip

@Suite("GzipWriter")
struct GzipWriterTests {
    static func inflateAll(_ data: [UInt8]) throws -> [UInt8] {
        var stream = z_stream()
        #expect(inflateInit2_(&stream, 16 + 15, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK)
        defer { inflateEnd(&stream) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var input = data
        var status: Int32 = Z_OK
        input.withUnsafeMutableBufferPointer { inp in
            stream.next_in = inp.baseAddress
            stream.avail_in = UInt32(inp.count)
            repeat {
                chunk.withUnsafeMutableBufferPointer { c in
                    stream.next_out = c.baseAddress
                    stream.avail_out = UInt32(c.count)
                    status = inflate(&stream, Z_NO_FLUSH)
                    out.append(contentsOf: c[0..<(c.count - Int(stream.avail_out))])
                }
            } while status == Z_OK
        }
        #expect(status == Z_STREAM_END)
        return out
    }

    @Test("round trip through zlib inflate and gzip -dc, and the same bytes every time")
    func roundTrip() throws {
        var rng = SystemRandomNumberGenerator()
        var text: [UInt8] = []
        for i in 0..<300_000 { text += Array("row \(i),\(UInt32.random(in: 0...999, using: &rng))\r\n".utf8) }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rxgz-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var files: [[UInt8]] = []
        for name in ["a.gz", "b.gz"] {
            let path = dir.appendingPathComponent(name).path
            let w = try GzipWriter(path: path, level: 6)
            var offset = 0
            while offset < text.count {   // uneven chunks
                let end = min(text.count, offset + 1 + offset % 70_001)
                try w.write(Array(text[offset..<end]))
                offset = end
            }
            try w.finish()
            try w.finish()
            #expect(w.bytesIn == text.count && w.bytesOut < text.count / 2)
            files.append(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
        }
        #expect(files[0] == files[1])
        #expect(files[0][4..<8] == [0, 0, 0, 0])   // MTIME zero
        #expect(try Self.inflateAll(files[0]) == text)

        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "gzip -dc '\(dir.appendingPathComponent("a.gz").path)' | cksum"]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        p.waitUntilExit()
        let cksum = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(p.terminationStatus == 0)
        #expect(cksum.split(whereSeparator: { $0 == " " || $0 == "\n" }).dropFirst().first.map(String.init) == String(text.count))
    }

    @Test("an empty stream is a valid gzip file")
    func empty() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rxgz-empty-\(getpid()).gz").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let w = try GzipWriter(path: path)
        try w.finish()
        #expect(try Self.inflateAll(Array(Data(contentsOf: URL(fileURLWithPath: path)))) == [])
    }
}
