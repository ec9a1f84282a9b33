import Foundation
import Testing
import RxData

@Suite struct AtomicFileTests {
    struct Boom: Error {}

    private func leftovers(_ dir: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains(".tmp-") }
    }

    @Test func writesAndReplaces() throws {
        let dir = try StoreTempDir()
        defer { dir.cleanup() }
        let path = dir.path + "/out.txt"
        try AtomicFile.write("first", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "first")
        try AtomicFile.write(Array("second".utf8), to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "second")
        try AtomicFile.write(Data("third".utf8), to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "third")
        #expect(try leftovers(dir.path).isEmpty)
    }

    @Test func oldFileIntactWhenTheWriterThrows() throws {
        let dir = try StoreTempDir()
        defer { dir.cleanup() }
        let path = dir.path + "/out.bin"
        try AtomicFile.write("old content", to: path)
        #expect(throws: Boom.self) {
            try AtomicFile.withWriter(path) { w in
                try w.write([UInt8](repeating: 0x41, count: 3 << 20))  // more than the buffer: reaches the disk
                throw Boom()
            }
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old content")
        #expect(try leftovers(dir.path).isEmpty)
    }

    @Test func streamingWriterWithOverwriteAndPadding() throws {
        let dir = try StoreTempDir()
        defer { dir.cleanup() }
        let path = dir.path + "/s.bin"
        let big = (0..<(2 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let offset = try AtomicFile.withWriter(path) { w -> Int in
            try w.write([1, 2, 3])
            try w.pad(toAlignment: 64)
            #expect(w.offset == 64)
            try w.write(big)
            try [UInt8]([9, 9]).withUnsafeBytes { try w.overwrite(at: 1, with: $0) }
            return w.offset
        }
        let back = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(offset == 64 + big.count)
        #expect(back.count == offset)
        #expect(Array(back[0..<4]) == [1, 9, 9, 0])
        #expect(Array(back[64...]) == big)
    }

    @Test func mappedFileIsFilledInPlaceAndReplacesAtomically() throws {
        let dir = try StoreTempDir()
        defer { dir.cleanup() }
        let path = dir.path + "/mapped.bin"
        try AtomicFile.write("old", to: path)
        #expect(throws: Boom.self) {
            try AtomicFile.withMappedFile(path, length: 10) { buffer in
                buffer[0] = 1
                throw Boom()
            }
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
        try AtomicFile.withMappedFile(path, length: 5000) { buffer in
            #expect(buffer.allSatisfy { $0 == 0 })
            buffer[0] = 7
            buffer[4999] = 9
        }
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(bytes.count == 5000 && bytes[0] == 7 && bytes[4999] == 9 && bytes[1] == 0)
        #expect(try leftovers(dir.path).isEmpty)
    }

    @Test func missingDirectoryIsAClearError() throws {
        let dir = try StoreTempDir()
        defer { dir.cleanup() }
        let path = dir.path + "/no/such/dir/file.txt"
        let error = #expect(throws: AtomicFileError.self) { try AtomicFile.write("x", to: path) }
        #expect(error?.path == path)
        #expect(error?.description.contains("open temporary failed") == true)
    }
}
