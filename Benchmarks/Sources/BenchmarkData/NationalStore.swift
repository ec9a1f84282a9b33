import Foundation
import RxData

/// A national-scale store for the analysis benchmarks: the generated month (``BenchmarkData``)
/// with its practices repeated to about 6,500 (``BenchmarkData/scaled(_:copies:)``, ~17M rows),
/// written as `months` consecutive monthly snapshots from 2025-01, with an organisation directory
/// (PCNs of 5 practices, sub-ICBs of 60, ICBs of 160, setting 4), a list size for every practice
/// every month, and the generated presentation names.
///
/// `RXATLAS_BENCH_STORE=DIR` writes (or reuses, when `DIR/store.json` exists) the store there and
/// keeps it, so the `rxatlas` commands can be timed on the same data.
public enum NationalStore {
    /// The path of a national store with `months` months, built on first use.
    public static func path(months: Int) throws -> String {
        let keep = ProcessInfo.processInfo.environment["RXATLAS_BENCH_STORE"]
        let dir = try keep ?? BenchmarkData.shared().scratchPath("national-store-\(months)")
        if FileManager.default.fileExists(atPath: dir + "/store.json") { return dir }
        let data = try BenchmarkData.shared()
        let file = try PrescribingReader(threads: BenchmarkData.threads).read(path: data.csvPath)
        guard let small = file.months.first else { throw BenchmarkDataError("no month in \(data.csvPath)") }
        let target = Int(ProcessInfo.processInfo.environment["RXATLAS_BENCH_NATIONAL_PRACTICES"] ?? "") ?? 6_500
        let copies = max(1, (target + small.practiceCodes.count - 1) / small.practiceCodes.count)
        var table = BenchmarkData.scaled(small, copies: copies)
        let store = try Store.create(at: dir, softwareVersion: "bench")
        var orgs = OrgDirectory()
        var lists: [String: PracticeList] = [:]
        for (i, code) in table.practiceCodes.enumerated() {
            let parents: [OrgLevel: String] = [.pcn: "U\(i / 5)", .subICB: "S\(i / 60)", .icb: "Q\(i / 160)",
                                               .region: "Y\(i / 1000)", .nation: "E92"]
            orgs.upsert(PracticeRecord(code: code, name: "Practice \(code)", kind: .practice, setting: "4", parents: parents))
            lists[code] = PracticeList(total: Int64(2_000 + (i * 7_919) % 16_000))
        }
        try store.writeOrgs(orgs)
        try store.mergePresentationNames(file.presentationNames)
        let first = YearMonth(year: 2025, month: 1)!
        for t in 0..<months {
            table.month = first.advanced(by: t)
            _ = try store.writeMonth(table)
            try store.writeListSizes(ListSizeMonth(month: table.month, practices: lists))
        }
        return dir
    }
}
