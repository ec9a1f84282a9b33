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
}
