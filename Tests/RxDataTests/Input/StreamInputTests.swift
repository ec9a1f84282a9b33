import Foundation
import Testing
@testable import RxData

/// Standard input and named pipes are read as streams: the same chunks, the same checksum and
/// the same store as the file they carry, in constant memory.
@Suite struct StreamInputTests {
    let dir = TempDir()

    /// A named pipe that a background thread fills with `bytes` once a reader opens it.
    func pipe(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = dir.url.appendingPathComponent(name).path
        #expect(mkfifo(path, 0o600) == 0)
        Thread.detachNewThread {
            let fd = open(path, O_WRONLY)
            guard fd >= 0 else { return }
            var done = 0
            bytes.withUnsafeBytes { b in
                while done < b.count {
                    let n = write(fd, b.baseAddress! + done, min(1 << 16, b.count - done))
                    if n <= 0 { break }
                    done += n
                }
            }
            close(fd)
        }
        return path
    }

    /// An EPD month of `rows` lines over a few practices, CRLF line ends.
    func month(rows: Int) -> [UInt8] {
        var lines = [Fixtures.epdLegacyHeader]
        for i in 0..<rows {
            lines.append(Fixtures.epdLegacyRow(month: "2017_09", practice: "L8\(4000 + i % 37)",
                                               bnf: String(format: "0101010R0AAA%03dA", i % 600).prefix(15).description,
                                               items: "\(1 + i % 9)"))
        }
        return Array((lines.joined(separator: "\r\n") + "\r\n").utf8)
    }

    @Test func aPipeGivesTheFilesChunksAndChecksum() throws {
        let bytes = month(rows: 20_000)
        let file = dir.write("m.csv", bytes: bytes)
        let fifo = try pipe("m.fifo", bytes)
        #expect(InputStreamPath.isStream(fifo) && !InputStreamPath.isStream(file) && InputStreamPath.isStream("-"))
        var fromPipe: [UInt8] = [], chunks = 0
        // Only a reader that asks for streams reads one (list sizes and reference files do not).
        let idle = dir.url.appendingPathComponent("idle.fifo").path
        #expect(mkfifo(idle, 0o600) == 0)
        #expect(throws: InputError.self) { try LineChunks(path: idle).forEach { _, _ in } }
        let pass = try LineChunks(path: fifo, chunkSize: 1 << 16, allowsStreams: true).forEach { chunk, isLast in
            fromPipe += chunk
            chunks += 1
            if !isLast { #expect(chunk.last == 0x0A) }
        }
        #expect(fromPipe == bytes && chunks > 5)
        #expect(pass.fileBytes == Int64(bytes.count))
        #expect(pass.digest == XXH64.hash(bytes))
    }

    @Test func ingestFromAPipeStoresWhatTheFileStores() throws {
        let bytes = month(rows: 5_000)
        let file = dir.write("m.csv", bytes: bytes)
        let fifo = try pipe("m.fifo", bytes)
        for (input, store) in [(file, "from-file"), (fifo, "from-pipe")] {
            _ = try StoreIngest(options: IngestOptions(files: [input], threads: 2, softwareVersion: "test")).run(store: dir.path(store))
        }
        let a = try Store.open(at: dir.path("from-file")), b = try Store.open(at: dir.path("from-pipe"))
        let m = YearMonth(year: 2017, month: 9)!
        let (x, y) = (try a.loadMonth(m).decode(), try b.loadMonth(m).decode())
        #expect(x.columns == y.columns && x.practiceCodes == y.practiceCodes && x.presentationCodes == y.presentationCodes)
        // The pipe is recorded with the same size and checksum as the file.
        let inputs = { (s: Store) in try s.manifest().ingests.last!.inputs }
        #expect(try inputs(a).map(\.checksum) == inputs(b).map(\.checksum))
    }

    /// A list-size file checked only after the stream (it may be written by the command feeding
    /// it) that turns out to be missing fails the run, and the store stays as it was.
    @Test func aMissingListSizeFileAfterTheStreamLeavesTheStoreAsItWas() throws {
        let store = dir.path("store")
        _ = try StoreIngest(options: IngestOptions(files: [dir.write("m.csv", bytes: month(rows: 500))], threads: 2, softwareVersion: "t"))
            .run(store: store)
        let before = try String(contentsOfFile: store + "/store.json", encoding: .utf8)
        let fifo = try pipe("n.fifo", month(rows: 800))
        let error = #expect(throws: InputError.self) {
            _ = try StoreIngest(options: IngestOptions(files: [fifo], listSizes: [dir.path("missing.csv")], threads: 2, softwareVersion: "t"))
                .run(store: store)
        }
        #expect(error?.file.hasSuffix("missing.csv") == true)
        #expect(try String(contentsOfFile: store + "/store.json", encoding: .utf8) == before)
    }

    @Test func compressedDataOnAPipeIsRefusedWithTheCommandThatDecompresses() throws {
        let fifo = try pipe("m.fifo", [0x1F, 0x8B, 0x08, 0x00] + Array(repeating: 0, count: 64))
        let error = #expect(throws: InputError.self) { try PrescribingReader().read(path: fifo) }
        #expect(error?.reason.contains("gunzip -c") == true)
    }

    @Test func standardInputIsReadOnce() throws {
        let error = #expect(throws: InputError.self) {
            try StoreIngest(options: IngestOptions(files: ["-", "-"], softwareVersion: "test")).run(store: dir.path("s"))
        }
        #expect(error?.file == "(standard input)")
    }
}
