import Foundation
import RxData
import RxSynth

/// Input data for the package benchmarks, generated once per benchmark process into a temporary
/// directory with `RxSynth` (the generator behind `rxatlas synth`), so every run measures the
/// same realistic EPD month without any file in the repository.
///
/// Size: `RXATLAS_BENCH_PRACTICES` practices (default 300, about 0.3 GB of CSV) × one month,
/// seed 2025. The directory is removed at process exit by ``cleanup()``.
public final class BenchmarkData: @unchecked Sendable {
    /// Practices in the generated month.
    public static let practices = Int(ProcessInfo.processInfo.environment["RXATLAS_BENCH_PRACTICES"] ?? "") ?? 300
    /// Worker threads for ingest (the machine's cores by default).
    public static let threads = Int(ProcessInfo.processInfo.environment["RXATLAS_BENCH_THREADS"] ?? "") ?? ProcessInfoThreads.active

    /// The temporary directory holding the data.
    public let directory: String
    /// The generated EPD CSV (2025+ layout).
    public let csvPath: String
    /// Its size in bytes.
    public let csvBytes: Int

    private nonisolated(unsafe) static var cached: BenchmarkData?
    private static let lock = NSLock()

    /// The process's data set, generated on first use.
    public static func shared() throws -> BenchmarkData {
        lock.lock()
        defer { lock.unlock() }
        if let cached { return cached }
        let data = try BenchmarkData(practices: practices)
        cached = data
        return data
    }

    private init(practices: Int) throws {
        directory = NSTemporaryDirectory() + "rxatlas-bench-\(getpid())"
        try? FileManager.default.removeItem(atPath: directory)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let config = SynthConfiguration(practices: practices, months: 1, seed: 2025)
        let dataset = try SyntheticDataset(config)
        let summary = try dataset.write(to: directory)
        guard let month = summary.months.first else { throw BenchmarkDataError("synth wrote no month") }
        csvPath = month.path.hasPrefix("/") ? month.path : directory + "/" + month.path
        csvBytes = month.bytes
    }

    /// A fresh path inside the data directory (nothing is created).
    public func scratchPath(_ name: String) -> String { directory + "/" + name }

    /// Removes the data directory.
    public static func cleanup() {
        lock.lock()
        defer { lock.unlock() }
        if let cached { try? FileManager.default.removeItem(atPath: cached.directory) }
        cached = nil
    }

    /// The generated month read into a table (CSV → MonthTable).
    public func monthTable() throws -> MonthTable {
        let file = try PrescribingReader(threads: Self.threads).read(path: csvPath)
        guard let table = file.months.first else { throw BenchmarkDataError("no month in \(csvPath)") }
        return table
    }

    /// A national-scale month made from `table` by repeating its practices `copies` times under
    /// new codes (copy k's values scaled by 1 + k mod 3, so copies differ): the row count of a
    /// real national month (about 17M rows at 6,500 practices) without generating 6–7 GB of CSV.
    public static func scaled(_ table: MonthTable, copies: Int) -> MonthTable {
        let n = table.rowCount
        var practiceCodes: [String] = []
        practiceCodes.reserveCapacity(table.practiceCodes.count * copies)
        var practiceStart: [Int32] = [0]
        practiceStart.reserveCapacity(table.practiceCodes.count * copies + 1)
        var presentation: [Int32] = []
        presentation.reserveCapacity(n * copies)
        var columns = table.columns.map { c -> [Int64] in
            var out: [Int64] = []
            out.reserveCapacity(c.isEmpty ? 0 : n * copies)
            return out
        }
        for k in 0..<copies {
            let prefix = String(format: "%02d", k)
            for code in table.practiceCodes { practiceCodes.append(prefix + code) }
            for p in 1..<table.practiceStart.count { practiceStart.append(Int32(k * n) + table.practiceStart[p]) }
            presentation.append(contentsOf: table.presentation)
            let factor = Int64(1 + k % 3)
            for m in columns.indices where !table.columns[m].isEmpty {
                columns[m].append(contentsOf: table.columns[m].lazy.map { $0 &* factor })
            }
        }
        return MonthTable(month: table.month, practiceCodes: practiceCodes, presentationCodes: table.presentationCodes,
                          practiceStart: practiceStart, presentation: presentation, columns: columns,
                          measures: table.measures)
    }
}

/// A failure preparing benchmark data.
public struct BenchmarkDataError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
