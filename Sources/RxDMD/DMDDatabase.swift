import Foundation
import GRDB
import RxAtlas
import RxData

/// A dm+d release imported with ``DMDImport``, opened to run OpenPrescribing's
/// `*_bnf_codes_query` SQL (``RxAtlas/BNFCodeQueryResolver``): an in-memory connection with the
/// release attached as `dmd` (so `dmd.vmp` resolves), RxAtlas's versions of OpenPrescribing's
/// views (``DMDViews``) and the presentation tables filled from `presentations`. Each query is
/// translated (``BigQueryTranslation``) and run once; its codes are kept for the life of the
/// database, one release's.
public final class DMDDatabase: BNFCodeQueryResolver, @unchecked Sendable {
    /// The release's database file.
    public let path: String
    /// `dm+d <file name> (imported <date>)`.
    public let source: String
    private let queue: DatabaseQueue
    private let lock = NSLock()
    private var cache: [String: [String]] = [:]
    private var sideCache: [String: [MeasureDefinition.WeightedTerm]] = [:]
    /// The store the presentations came from, for SQL that depends on the month.
    private var store: Store?
    /// The store's months.
    private var months: [YearMonth] = []
    private var monthTotalsLoaded = false
    /// Per presentation code, every quantity per item (fixed-point) the store's months hold it
    /// at; nil until a side reads `raw_prescribing_normalised`.
    private var quantitiesPerItem: [String: Set<Int64>]?

    /// Opens the release at `path`.
    /// - Parameter presentations: BNF presentation codes and names (the store's), for the
    ///   queries that read OpenPrescribing's presentation table.
    /// - Throws: ``DMDError`` when the file is missing or is not a release `rxatlas dmd import` wrote.
    public init(path: String, presentations: [(code: String, name: String?)] = []) throws {
        guard FileManager.default.fileExists(atPath: path) else {
            throw DMDError(file: path, reason: "does not exist: import a dm+d release with `rxatlas dmd import RELEASE --out \(path)`")
        }
        self.path = path
        var config = Configuration()
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA case_sensitive_like = ON")
            for f in BigQueryFunctions.all { db.add(function: f) }
        }
        do {
            queue = try DatabaseQueue(configuration: config)
            let imported = try queue.write { db -> String in
                try db.execute(sql: "ATTACH DATABASE ? AS dmd", arguments: [path])
                guard try db.tableExists("release", in: "dmd") else {
                    throw DMDError(file: path, reason: "is not a dm+d database written by `rxatlas dmd import` (it has no release table)")
                }
                for sql in DMDViews.tables { try db.execute(sql: sql) }
                for p in presentations {
                    try db.execute(sql: "INSERT OR IGNORE INTO normalised_prescribing (practice, bnf_code, bnf_name) VALUES (?, ?, ?)",
                                   arguments: [p.code, p.code, p.name])
                    try db.execute(sql: "INSERT OR IGNORE INTO presentation VALUES (?, ?)", arguments: [p.code, p.name])
                    try db.execute(sql: "INSERT OR IGNORE INTO bnf VALUES (?, ?, ?, ?)",
                                   arguments: [p.code, p.name, String(p.code.prefix(9)), String(p.code.prefix(11))])
                }
                // The views after the presentations: two are materialised over them.
                for sql in DMDViews.sql + DMDViews.indexes { try db.execute(sql: sql) }
                let file = try String.fetchOne(db, sql: "SELECT value FROM dmd.release WHERE key = 'file_vmp'")?.split(separator: " ").first
                let when = try String.fetchOne(db, sql: "SELECT value FROM dmd.release WHERE key = 'imported_at'") ?? "?"
                return "dm+d \(file.map(String.init) ?? (path as NSString).lastPathComponent) (imported \(when.prefix(10)))"
            }
            source = imported
        } catch let e as DMDError {
            throw e
        } catch {
            throw DMDError(file: path, reason: "cannot be opened as a dm+d database: \(error)")
        }
    }

    /// Opens the release at `path` beside a store: the store's presentation codes and names fill
    /// the presentation tables OpenPrescribing's queries read.
    /// - Parameter period: the months the definitions will run over (nil: every month of the
    ///   store); SQL that depends on the month, or reads quantity per item, reads these only.
    public convenience init(path: String, store: Store, period: ClosedRange<YearMonth>? = nil) throws {
        let names = try store.readPresentationNames()
        try self.init(path: path, presentations: names.map { (code: $0.key.description, name: Optional($0.value)) }.sorted { $0.code < $1.code })
        self.store = store
        months = try store.months().filter { period?.contains($0) ?? true }
    }

    /// Fills `presentation_month` (each month's totals per presentation over the store's rows)
    /// once, for the views that need them.
    private func loadMonthTotals() throws {
        guard !monthTotalsLoaded, let store else { return }
        monthTotalsLoaded = true
        for month in months {
            let snapshot = try store.loadMonth(month)
            let presentation = snapshot.decodePresentations()
            var totals = [[Double]](repeating: [0, 0, 0], count: snapshot.presentationCodes.count)
            for (k, m) in [Measure.items, .quantity, .nic].enumerated() where snapshot.measures.has(m) {
                let values = snapshot.decode(m), scale = Double(m.scale)
                for (row, q) in presentation.enumerated() { totals[Int(q)][k] += Double(values[row]) / scale }
            }
            snapshot.releaseResidentPages()
            try queue.write { db in
                for (q, code) in snapshot.presentationCodes.enumerated() {
                    try db.execute(sql: "INSERT OR REPLACE INTO presentation_month VALUES (?, ?, ?, ?, ?)",
                                   arguments: [Self.monthText(month), code.description, totals[q][0], totals[q][1], totals[q][2]])
                }
            }
        }
        try queue.write { db in for sql in DMDViews.inhalerAdjustment { try db.execute(sql: sql) } }
    }

    /// Fills `raw_prescribing_normalised` once: one row per (presentation, quantity per item)
    /// in any of the store's months (``RxData/QuantityPerItemBreakdown``).
    /// - Throws: ``DMDError`` naming a month that keeps no quantity per item.
    private func loadQuantitiesPerItem() throws -> [String: Set<Int64>] {
        if let quantitiesPerItem { return quantitiesPerItem }
        guard let store else { throw DMDError(reason: "it reads quantity per item, and no store was given") }
        var pairs: [String: Set<Int64>] = [:]
        for month in months {
            let snapshot = try store.loadMonth(month)
            guard let breakdown = try snapshot.decodeQuantityPerItem() else {
                throw DMDError(reason: "it reads quantity per item, which month \(month) does not keep: its files publish none (PDPI, Scotland) "
                               + "or it was ingested before RxAtlas kept it (ingest it again from EPD files)")
            }
            let presentation = snapshot.decodePresentations()
            let items = snapshot.decode(.items), quantity = snapshot.decode(.quantity)
            var seen = [Set<Int64>](repeating: [], count: snapshot.presentationCodes.count)
            // Most of a presentation's rows repeat a quantity per item it was last seen at.
            var last = [Int64](repeating: .min, count: snapshot.presentationCodes.count)
            items.withUnsafeBufferPointer { n in
                quantity.withUnsafeBufferPointer { q in
                    breakdown.forEachEntry(rowItems: n, rowQuantity: q, rows: 0..<snapshot.rowCount) { r, qpi, _, _ in
                        let p = Int(presentation[r])
                        if last[p] != qpi {
                            last[p] = qpi
                            seen[p].insert(qpi)
                        }
                    }
                }
            }
            snapshot.releaseResidentPages()
            for (k, set) in seen.enumerated() where !set.isEmpty { pairs[snapshot.presentationCodes[k].description, default: []].formUnion(set) }
        }
        try queue.write { db in
            for (code, set) in pairs {
                let name = try String.fetchOne(db, sql: "SELECT name FROM presentation WHERE bnf_code = ?", arguments: [code])
                for qpi in set {
                    try db.execute(sql: "INSERT INTO raw_prescribing_normalised (practice, bnf_code, bnf_name, quantity_per_item) VALUES (?, ?, ?, ?)",
                                   arguments: [code + "\u{1}" + String(qpi), code, name, FixedPoint.double(qpi)])
                }
            }
        }
        quantitiesPerItem = pairs
        return pairs
    }

    /// A month as OpenPrescribing's `month` column holds it (`2025-07-01`).
    static func monthText(_ m: YearMonth) -> String { m.description + "-01" }

    /// A `custom` side's SQL as per-presentation weights. OpenPrescribing runs
    /// `SELECT practice, month, <columns> FROM <from> WHERE <where> GROUP BY practice, month`
    /// over its prescribing rows. Here the same text runs over a table of one row per
    /// presentation the store holds (`normalised_prescribing`, the row's `practice` being the
    /// presentation), grouped by presentation, once with `items` 1 and the other columns 0, once
    /// for each of `quantity`, `actual_cost` and `net_cost`: each answer is what one unit of that
    /// column counts for on that presentation, joins to dm+d included. Two more runs (every
    /// column 1, then 2) check that the sum is linear: a condition or expression on a row's own
    /// numbers (`items > 0`, `CASE WHEN quantity …`) cannot be weights, and is refused.
    /// SQL over `raw_prescribing_normalised` runs the same way over one row per (presentation,
    /// quantity per item) of the store's months (`practice` is the pair); a weight holding at only
    /// some of a presentation's quantities per item becomes a term counted at those
    /// (``RxAtlas/MeasureDefinition/WeightedTerm/quantityPerItem``), items and quantity only.
    /// Refused: SQL that reads `practice_statistics` or views RxAtlas does not have. SQL that
    /// names the month (`DATE(month) >= '2025-07-01'`, `p.month = adj.date`) is evaluated for
    /// each of the store's months, and a term holds in the months it was found in.
    public func customSide(columns: String, from: String, where clause: String) throws -> [MeasureDefinition.WeightedTerm] {
        let key = columns + "\u{1}" + from + "\u{1}" + clause
        if let hit = lock.withLock({ sideCache[key] }) { return hit }
        // Each part on its own lines, as OpenPrescribing's template writes them, so a part's last
        // `--` comment ends with it.
        let sql = try BigQueryTranslation.sqlite("SELECT practice, \(columns)\nFROM \(from)\nWHERE \(clause)\nGROUP BY practice")
        let words = Set(sql.lowercased().split { !($0.isLetter || $0.isNumber || $0 == "_") }.map(String.init))
        if words.contains("practice_statistics") {
            throw DMDError(reason: "it reads list-size bands by age and sex, which RxAtlas's custom sides do not run")
        }
        // SQL over the un-summed rows runs over each (presentation, quantity per item).
        let perQuantity = words.contains("raw_prescribing_normalised") ? try loadQuantitiesPerItem() : nil
        // SQL naming the month is evaluated for each of the store's months.
        let byMonth = words.contains("month") || words.contains("date")
        if byMonth {
            guard store != nil, !months.isEmpty else { throw DMDError(reason: "it depends on the month, and no store's months were given") }
            if words.contains("vw__inhaler_quantity_adjustment") { try loadMonthTotals() }
        }
        let columns: [(name: String, measure: Measure)] = [("items", .items), ("quantity", .quantity), ("actual_cost", .actualCost), ("net_cost", .nic)]
        func run(_ values: [Double], month: String) throws -> [String: Double] {
            try queue.write { db in
                try db.execute(sql: "UPDATE normalised_prescribing SET items = ?, quantity = ?, actual_cost = ?, net_cost = ?, month = ?",
                               arguments: StatementArguments(values.map { $0 as DatabaseValueConvertible } + [month]))
                if perQuantity != nil {
                    try db.execute(sql: "UPDATE raw_prescribing_normalised SET items = ?, total_quantity = ?, actual_cost = ?, net_cost = ?, month = ?",
                                   arguments: StatementArguments(values.map { $0 as DatabaseValueConvertible } + [month]))
                }
                var out: [String: Double] = [:]
                do {
                    for row in try Row.fetchAll(db, sql: sql) where row.count >= 2 {
                        guard let code = row[0] as String?, let v = row[1] as Double? else { continue }
                        out[code, default: 0] += v
                    }
                } catch let e as DatabaseError {
                    throw DMDError(reason: e.message ?? "\(e)")
                }
                return out
            }
        }
        // (column, weight, code, quantity per item) → the months it holds in.
        var held: [String: (Measure, Double, String, Int64?, Set<YearMonth>)] = [:]
        for month in byMonth ? months.map(Optional.some) : [nil] {
            let text = month.map(Self.monthText) ?? ""
            var coefficients: [[String: Double]] = []
            for k in columns.indices {
                coefficients.append(try run(columns.indices.map { $0 == k ? 1 : 0 }, month: text))
            }
            let ones = try run([1, 1, 1, 1], month: text), twos = try run([2, 2, 2, 2], month: text)
            for code in Set(ones.keys).union(twos.keys).union(coefficients.flatMap(\.keys)) {
                let sum = coefficients.reduce(0) { $0 + ($1[code] ?? 0) }
                let one = ones[code] ?? 0, two = twos[code] ?? 0
                guard abs(one - sum) <= 1e-9 * max(1, abs(one)), abs(two - 2 * one) <= 1e-9 * max(1, abs(two)) else {
                    throw DMDError(reason: "its sum is not a weight per presentation times the row's items, quantity or cost (on \(code)"
                                   + (month.map { " in \($0)" } ?? "") + ": \(sum) by column, \(one) with every column 1, \(two) with every column 2)")
                }
            }
            for (k, c) in columns.enumerated() {
                for (key, weight) in coefficients[k] where weight != 0 && weight.isFinite {
                    // A raw row's key is the code and its quantity per item.
                    let parts = key.split(separator: "\u{1}", omittingEmptySubsequences: false)
                    let code = String(parts[0]), qpi = parts.count > 1 ? Int64(parts[1]) : nil
                    let id = "\(c.measure.rawValue) \(weight) \(key)"
                    held[id, default: (c.measure, weight, code, qpi, [])].4.insert(month ?? YearMonth(ordinal: 0))
                }
            }
        }
        // Per (column, weight, code, months): the quantities per item it holds at; every one the
        // store holds the code at is no condition at all.
        var byCode: [String: (Measure, Double, String, Set<YearMonth>, Set<Int64>?)] = [:]
        for (column, weight, code, qpi, inMonths) in held.values {
            let id = "\(column.rawValue) \(weight) \(code) " + inMonths.sorted().map(\.description).joined(separator: ",")
            var entry = byCode[id] ?? (column, weight, code, inMonths, qpi == nil ? nil : [])
            if let qpi { entry.4?.insert(qpi) } else { entry.4 = nil }
            byCode[id] = entry
        }
        // Codes with the same column, weight, months and quantities per item make one term.
        var groups: [String: (Measure, Double, Set<YearMonth>, Set<Int64>?, [String])] = [:]
        for (column, weight, code, inMonths, qpis) in byCode.values {
            var condition = qpis
            if let q = qpis, q == perQuantity?[code] { condition = nil }
            if condition != nil && column != .items && column != .quantity {
                throw DMDError(reason: "it counts \(column) by quantity per item (on \(code)), which the store keeps for items and quantity only")
            }
            let id = "\(column.rawValue) \(weight) " + inMonths.sorted().map(\.description).joined(separator: ",")
                + " " + (condition.map { $0.sorted().map(String.init).joined(separator: ",") } ?? "*")
            groups[id, default: (column, weight, inMonths, condition, [])].4.append(code)
        }
        let every = Set(byMonth ? months : [YearMonth(ordinal: 0)])
        let terms = try groups.values.sorted {
            ($0.0.rawValue, $0.1, $0.2.min()!, $0.4.min()!) < ($1.0.rawValue, $1.1, $1.2.min()!, $1.4.min()!)
        }.map {
            MeasureDefinition.WeightedTerm(column: $0.0, weight: $0.1, filter: try BNFFilter(codes: $0.4.sorted()),
                                           months: $0.2 == every ? nil : $0.2, quantityPerItem: $0.3)
        }
        lock.withLock { sideCache[key] = terms }
        return terms
    }

    /// Adjacent string literals with no comma between them, which BigQuery joins into one
    /// string (``BigQueryTranslation/joinedLiterals(_:)``), as RxAtlas does.
    public func notes(forSQL sql: String) -> [String] {
        BigQueryTranslation.joinedLiterals(sql).map {
            "has adjacent string literals with no comma between them; BigQuery reads them as one string, '\($0)', "
                + "and so does RxAtlas, so that string matches no code (a comma missing from a list?)"
        }
    }

    /// The codes `sql` selects: its first column, each value as text, in the order given.
    /// - Throws: ``DMDError`` saying why it cannot run (a placeholder, a table or view the
    ///   release and RxAtlas's views do not have).
    public func codes(for sql: String) throws -> [String] {
        if let hit = lock.withLock({ cache[sql] }) { return hit }
        let translated = try BigQueryTranslation.sqlite(sql)
        let codes: [String]
        do {
            codes = try queue.read { db in
                try Row.fetchAll(db, sql: translated).compactMap { row -> String? in
                    row.count > 0 ? BigQueryFunctions.text(row[0] as DatabaseValue) : nil
                }
            }
        } catch let e as DatabaseError {
            var reason = e.message ?? "\(e)"
            if reason.contains("no such table: vw_aware_abx_bnf_codes") {
                reason += " (OpenPrescribing's UK-AWaRe table, not part of dm+d: add one with `rxatlas dmd import … --table vw_aware_abx_bnf_codes=FILE.csv`, columns bnf_code and aware)"
            }
            throw DMDError(reason: reason)
        }
        lock.withLock { cache[sql] = codes }
        return codes
    }
}
