#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The store's list-size files, `list_sizes/YYYY-MM.csv`, in long format:
/// `practice_code,sex,age_band,patients`, where sex is `M` or `F` for a band and the practice's
/// total is the line with sex `ALL` and age band `ALL`.
enum StoreListSizeFile {
    /// The columns.
    static let columns = ["practice_code", "sex", "age_band", "patients"]

    /// The file's text for one month.
    static func text(_ sizes: ListSizeMonth) -> String {
        var rows: [[String]] = []
        for code in sizes.practices.keys.sorted() {
            let list = sizes.practices[code]!
            rows.append([code, "ALL", "ALL", String(list.total)])
            for band in list.male.keys.sorted() { rows.append([code, "M", band, String(list.male[band]!)]) }
            for band in list.female.keys.sorted() { rows.append([code, "F", band, String(list.female[band]!)]) }
        }
        return StoreCSV.text(header: columns, rows: rows)
    }

    /// Parses one month's file.
    static func parse(_ text: String, month: YearMonth, path: String) throws -> ListSizeMonth {
        var totals: [String: Int64] = [:]
        var male: [String: [String: Int64]] = [:]
        var female: [String: [String: Int64]] = [:]
        for (i, r) in try StoreCSV.rows(text, columns: columns, path: path).enumerated() {
            guard !r[0].isEmpty, let n = Int64(r[3]) else {
                throw StoreError(path: path, reason: "record \(i + 2): bad practice code or patient count")
            }
            switch r[1] {
            case "ALL" where r[2] == "ALL": totals[r[0]] = n
            case "M": male[r[0], default: [:]][r[2]] = n
            case "F": female[r[0], default: [:]][r[2]] = n
            default: throw StoreError(path: path, reason: "record \(i + 2): unknown sex \(r[1]) / age band \(r[2])")
            }
        }
        var out = ListSizeMonth(month: month)
        for code in Set(totals.keys).union(male.keys).union(female.keys) {
            guard let total = totals[code] else {
                throw StoreError(path: path, reason: "practice \(code) has bands but no ALL/ALL total")
            }
            out.practices[code] = PracticeList(total: total, male: male[code] ?? [:], female: female[code] ?? [:])
        }
        return out
    }

    /// Only the practices' totals (the `ALL,ALL` lines), read straight from the file's bytes:
    /// the fast path for kernels that need list sizes but not age bands. A total line must be
    /// `code,ALL,ALL,count` with a plain (unquoted) code; any line that is not a well-formed
    /// total or band line is a ``StoreError`` naming it, and a repeated total is refused.
    static func totals(_ bytes: UnsafeRawBufferPointer, path: String) throws -> [String: Int64] {
        let header = Array((columns.joined(separator: ",") + "\n").utf8)
        guard bytes.count >= header.count, bytes.prefix(header.count).elementsEqual(header) else {
            throw StoreError(path: path, reason: "unexpected header (expected \(columns.joined(separator: ",")))")
        }
        let all: [UInt8] = Array(",ALL,ALL,".utf8)
        var out: [String: Int64] = [:]
        var line = 2
        var i = header.count
        let n = bytes.count
        let base = bytes.baseAddress!
        while i < n {
            // Line ends found by memchr: a national extract is some 40 band lines per practice.
            let end = memchr(base + i, 0x0A, n - i).map { $0 - UnsafeMutableRawPointer(mutating: base) } ?? n
            var comma = i
            while comma < end && bytes[comma] != 0x2C { comma += 1 }
            func bad(_ why: String) -> StoreError { StoreError(path: path, reason: "line \(line): \(why)") }
            guard comma > i, comma < end else { throw bad("no practice code") }
            if end - comma > all.count, bytes[comma..<(comma + all.count)].elementsEqual(all) {
                guard bytes[i] != 0x22 else { throw bad("quoted practice code on a total line") }
                var count: Int64 = 0
                var k = comma + all.count
                guard k < end else { throw bad("no patient count") }
                while k < end {
                    let d = bytes[k] &- 0x30
                    guard d < 10, count < Int64.max / 10 else { throw bad("bad patient count") }
                    count = count * 10 + Int64(d)
                    k += 1
                }
                let code = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[i..<comma]), as: UTF8.self)
                guard out.updateValue(count, forKey: code) == nil else { throw bad("a second ALL/ALL total for \(code)") }
            } else {
                let sex = comma + 1 < end ? bytes[comma + 1] : 0
                guard (sex == 0x4D || sex == 0x46) && comma + 2 < end && bytes[comma + 2] == 0x2C else {
                    throw bad("unknown sex / age band")
                }
            }
            i = end + 1
            line += 1
        }
        return out
    }
}
