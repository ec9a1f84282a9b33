import Foundation
import Testing
@testable import RxData

/// A line longer than 1 MiB in a compressed file is an error naming its line, found without
/// gathering the whole line.
@Suite struct LongLineTests {
    let dir = TempDir()

    @Test func aLongLineInAGzipFileIsAnErrorNamingIt() throws {
        var text = Fixtures.epdLegacyHeader + "\n"
        for _ in 0..<3 { text += Fixtures.epdLegacyRow() + "\n" }
        text += String(repeating: "x", count: 8 << 20) + "\n" + Fixtures.epdLegacyRow() + "\n"
        let gz = try dir.gzip(dir.write("long.csv", text))
        for chunk in [4096, 1 << 20, 32 << 20] {
            let started = Date()
            let error = #expect(throws: InputError.self) { _ = try PrescribingReader(threads: 2, chunkSize: chunk).read(path: gz) }
            #expect(error?.line == 5, "chunk \(chunk): \(String(describing: error))")
            #expect(error?.reason == LineChunks.lineTooLongReason)
            #expect(Date().timeIntervalSince(started) < 20, "linear, not quadratic")
        }
    }

    @Test func linesUpToTheLimitAreRead() throws {
        // A line just under the limit is read (and then refused for its field count, a different error).
        var text = Fixtures.epdLegacyHeader + "\n" + Fixtures.epdLegacyRow() + "\n"
        text += String(repeating: "y", count: LineChunks.maximumLineLength - 10) + "\n"
        let gz = try dir.gzip(dir.write("edge.csv", text))
        let error = #expect(throws: InputError.self) { _ = try PrescribingReader(threads: 1, chunkSize: 4096).read(path: gz) }
        #expect(error?.line == 3 && error?.reason.contains("fields") == true, "\(String(describing: error))")
    }
}

/// A list-size or prescribing "file" that is a pipe is named as one, not as an empty file.
@Suite struct PipeInputTests {
    @Test func aPipeIsNamedAsOne() throws {
        let dir = TempDir()
        let fifo = dir.path("sizes.csv")
        #expect(mkfifo(fifo, 0o600) == 0)
        let error = #expect(throws: InputError.self) { _ = try ListSizeReader.read(path: fifo) }
        #expect(error?.reason.contains("a pipe or device") == true && error?.isUnreadable == true, "\(String(describing: error))")
        // As a list-size file of an ingest, too (a prescribing file may be a pipe: StreamInputTests).
        let ingest = #expect(throws: InputError.self) {
            _ = try StoreIngest(options: IngestOptions(files: [], listSizes: [fifo], softwareVersion: "t")).run(store: nil)
        }
        #expect(ingest?.reason.contains("a pipe or device") == true)
    }
}
