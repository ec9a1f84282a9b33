import Foundation
import RxAtlas
import RxData

/// What the server answers from: one store opened once, its definitions and directory, and the
/// results of each period asked for, computed once with the same library calls as the CLI
/// (``RxAtlas/MeasureRun/run(store:period:definitions:levels:options:progress:)`` and
/// ``RxAtlas/AtlasRun``) and kept for later requests (the latest few periods).
public final class ServeData: @unchecked Sendable {
    /// The store.
    public let store: Store
    /// The measure definitions served.
    public let definitions: [MeasureDefinition]
    /// The definitions under the given paths that cannot run, with every reason (the command
    /// prints them when it starts).
    public let refused: [RefusedMeasure]
    /// The organisation directory.
    public let orgs: OrgDirectory
    /// The store's months.
    public let months: [YearMonth]
    /// The directory arranged for look-ups and search.
    let index: OrgIndex
    /// How many periods' results are kept.
    public static let keptPeriods = 4

    private let lock = NSLock()
    private var measureRuns: [ClosedRange<YearMonth>: MeasureRun] = [:]
    private var atlasRuns: [ClosedRange<YearMonth>: AtlasRun] = [:]
    private var order: [ClosedRange<YearMonth>] = []
    private var valueTables: [ValueTableKey: ValueTable] = [:]
    private var biosimilarTotals: [ClosedRange<YearMonth>: BiosimilarTotals] = [:]
    private var steroidReports: [ClosedRange<YearMonth>: SteroidReport] = [:]
    private var decileRows: [ValueTableKey: [DecileRow]] = [:]
    /// Biosimilar results of recent scenarios, oldest first.
    private var scenarios: [(period: ClosedRange<YearMonth>, options: BiosimilarOptions, result: BiosimilarResult)] = []
    /// The API rows of recent scenarios at one level, oldest first.
    private var scenarioRows: [(period: ClosedRange<YearMonth>, options: BiosimilarOptions, level: OrgLevel, rows: [BiosimilarAnswer], json: Data)] = []
    /// How many biosimilar scenarios' results are kept (a slider has 21 steps).
    static let keptScenarios = 64
    /// Drawn charts (``chart(_:definition:level:period:nation:org:)``), kept with their period.
    var chartCache: [ChartKey: [ChartKind: String]] = [:]
    /// The lock of ``chartCache``.
    let chartLock = NSLock()

    /// A measure × level's `values.csv` rows over a period (every nation's), and where each
    /// organisation's rows are.
    public struct ValueTable: Sendable {
        /// The rows, organisation by organisation.
        public var rows: [MeasureValueRow]
        /// Each organisation's rows.
        public var byOrg: [String: Range<Int>]
    }

    private struct ValueTableKey: Hashable {
        var period: ClosedRange<YearMonth>, measure: String, level: OrgLevel
    }

    /// Opens the store at `path` with the built-in library, or the definitions under
    /// `definitions` (those that can run; ``RxAtlas/MeasureLibrary/loadRunnable(paths:)``).
    /// `codeQueries` runs the definitions' dm+d queries (a release, `--dmd`); `firstFormat`
    /// names OpenPrescribing's first-format definitions, for second-format ones whose code list
    /// is empty (`--first-format`).
    public init(storePath path: String, definitions paths: [String] = [], codeQueries: (any BNFCodeQueryResolver)? = nil,
                firstFormat: [String] = []) throws {
        store = try Store.open(at: path)
        store.keepsSnapshots = true
        if paths.isEmpty {
            definitions = try MeasureLibrary.builtIn()
            refused = []
        } else {
            let loaded = try MeasureLibrary.loadRunnable(paths: paths, codeQueries: codeQueries, firstFormat: firstFormat)
            definitions = loaded.definitions
            refused = loaded.refused
        }
        orgs = try store.readOrgs()
        index = OrgIndex(orgs)
        months = try store.months()
        guard !months.isEmpty else {
            throw StoreError(path: path, reason: "holds no months of prescribing yet; ingest prescribing files into it first")
        }
    }

    /// The definition with `id`.
    /// - Throws: ``APIError/notFound(_:)``.
    public func definition(_ id: String) throws -> MeasureDefinition {
        guard let d = definitions.first(where: { $0.id == id }) else { throw APIError.notFound("no measure '\(id)'") }
        return d
    }

    /// The period of `from`/`to` (`YYYY-MM`), with the CLI's defaults: `measures` covers the
    /// store's months, `atlas` its latest `latest` months.
    /// - Throws: ``APIError/badParameter(_:_:)`` naming `from` or `to`.
    public func period(from: String?, to: String?, latest: Int? = nil) throws -> ClosedRange<YearMonth> {
        func month(_ text: String?, _ name: String) throws -> YearMonth? {
            guard let text else { return nil }
            guard text.utf8.count == 7, let m = YearMonth(parsing: text) else { throw APIError.badParameter(name, "expected YYYY-MM") }
            return m
        }
        let lo = try month(from, "from"), hi = try month(to, "to")
        guard let period = try? AnalysisPeriod.resolve(storeMonths: months, storePath: store.path, from: lo, to: hi, latest: latest) else {
            throw APIError.badParameter(from != nil ? "from" : "to", "the first month is after the last")
        }
        guard months.contains(where: { period.contains($0) }) else {
            throw APIError.badParameter(from != nil ? "from" : "to", "the store holds no month from \(period.lowerBound) to \(period.upperBound)")
        }
        return period
    }

    /// Every measure at every level over `period`, computed once.
    public func measures(_ period: ClosedRange<YearMonth>) throws -> MeasureRun {
        try cached(period, \.measureRuns) { try MeasureRun.run(store: store, period: period, definitions: definitions) }
    }

    /// One measure × level's value rows over `period` (``RxAtlas/MeasureOutput/valueRows(_:definition:units:)``),
    /// built once per table on first request, so that a request for one organisation costs a
    /// look-up.
    public func valueTable(_ def: MeasureDefinition, level: OrgLevel, period: ClosedRange<YearMonth>) throws -> ValueTable {
        let run = try measures(period)
        let key = ValueTableKey(period: period, measure: def.id, level: level)
        lock.lock()
        defer { lock.unlock() }
        if let hit = valueTables[key] { return hit }
        let rows = run.values.filter { $0.measureID == def.id && $0.level == level }.flatMap { MeasureOutput.valueRows($0, definition: def) }
        var byOrg: [String: Range<Int>] = [:]
        var start = 0
        while start < rows.count {
            var end = start + 1
            while end < rows.count && rows[end].orgCode == rows[start].orgCode { end += 1 }
            byOrg[rows[start].orgCode] = start..<end
            start = end
        }
        let table = ValueTable(rows: rows, byOrg: byOrg)
        valueTables[key] = table
        return table
    }

    /// The biosimilar analysis over `period` for one scenario (the latest ``keptScenarios``
    /// scenarios' results are kept): the catalogued rows are read once per period (``RxAtlas/BiosimilarKernel``, on the best cost basis the data have), and
    /// the analysis (``RxAtlas/BiosimilarAnalysis/runByNation(_:catalogue:options:molecules:)``) is
    /// rerun for each scenario, so a slider's move costs the analysis, not a scan.
    public func biosimilars(_ period: ClosedRange<YearMonth>, options: BiosimilarOptions) throws -> BiosimilarResult {
        let catalogue = try BiosimilarCatalogue.builtIn()
        let totals = try cached(period, \.biosimilarTotals) {
            let basis = try BiosimilarCostBasis.best(store: store, months: period)
            return try BiosimilarKernel.totals(store: store, catalogue: catalogue, months: period, costBasis: basis)
        }
        if let hit = lock.withLock({ scenarios.last { $0.period == period && $0.options == options }?.result }) { return hit }
        let result = try BiosimilarAnalysis.runByNation(totals, catalogue: catalogue, options: options)
        lock.withLock {
            scenarios.append((period, options, result))
            if scenarios.count > Self.keptScenarios { scenarios.removeFirst() }
        }
        return result
    }

    /// The rows of `GET /api/v1/biosimilars` at `level` for one scenario (its target uptake and
    /// discount the options' one sensitivity uptake and discount), and their JSON, built once per
    /// scenario and level.
    func biosimilarRows(_ period: ClosedRange<YearMonth>, options: BiosimilarOptions, level: OrgLevel) throws
        -> (rows: [BiosimilarAnswer], json: Data) {
        if let hit = lock.withLock({ scenarioRows.last { $0.period == period && $0.options == options && $0.level == level } }) {
            return (hit.rows, hit.json)
        }
        let result = try biosimilars(period, options: options)
        let rows = result.opportunities.filter { $0.level == level }.map { BiosimilarAnswer($0, of: result) }
        let json = try JSONEncoder.api.encode(rows)
        lock.withLock {
            scenarioRows.append((period, options, level, rows, json))
            if scenarioRows.count > Self.keptScenarios { scenarioRows.removeFirst() }
        }
        return (rows, json)
    }

    /// One measure × level's deciles per month over `period` (each nation's), computed once.
    func deciles(_ def: MeasureDefinition, level: OrgLevel, period: ClosedRange<YearMonth>) throws -> [DecileRow] {
        let run = try measures(period)
        let key = ValueTableKey(period: period, measure: def.id, level: level)
        if let hit = lock.withLock({ decileRows[key] }) { return hit }
        let rows = run.values.filter { $0.measureID == def.id && $0.level == level }.flatMap { t in
            zip(t.months, t.deciles()).map { m, d in DecileRow(month: m.description, nation: t.nation, deciles: d.map { $0.isNaN ? nil : $0 }) }
        }
        lock.withLock { decileRows[key] = rows }
        return rows
    }

    /// The steroid analysis over `period` at every level below the nation, computed once.
    public func steroids(_ period: ClosedRange<YearMonth>) throws -> SteroidReport {
        try cached(period, \.steroidReports) {
            try SteroidAnalysis.run(store: store, period: period, levels: [.practice, .pcn, .subICB, .icb])
        }
    }

    /// The Atlas of every measure × level over `period`, computed once.
    public func atlas(_ period: ClosedRange<YearMonth>) throws -> AtlasRun {
        let run = try measures(period)
        return try cached(period, \.atlasRuns) { try AtlasRun(run.values, definitions: definitions, period: period) }
    }

    private func cached<T>(_ period: ClosedRange<YearMonth>, _ table: ReferenceWritableKeyPath<ServeData, [ClosedRange<YearMonth>: T]>,
                           _ compute: () throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        if let hit = self[keyPath: table][period] { return hit }
        let value = try compute()
        self[keyPath: table][period] = value
        order.removeAll { $0 == period }
        order.append(period)
        while order.count > Self.keptPeriods {
            let old = order.removeFirst()
            measureRuns[old] = nil
            atlasRuns[old] = nil
            valueTables = valueTables.filter { $0.key.period != old }
            decileRows = decileRows.filter { $0.key.period != old }
            scenarios.removeAll { $0.period == old }
            scenarioRows.removeAll { $0.period == old }
            biosimilarTotals[old] = nil
            steroidReports[old] = nil
            chartLock.withLock { chartCache = chartCache.filter { $0.key.period != old } }
        }
        return value
    }

    /// The level named `name` (`practice`, `pcn`, `sub-icb`, `icb`, `region`, `nation`).
    /// - Throws: ``APIError/badParameter(_:_:)``.
    public static func level(_ name: String?, default value: OrgLevel = .practice) throws -> OrgLevel {
        guard let name else { return value }
        guard let level = MeasureOutput.level(named: name) else {
            throw APIError.badParameter("level", "expected practice, pcn, sub-icb, icb, region or nation")
        }
        return level
    }

    /// The level an organisation code is at and its name, or nil when the directory does not
    /// know it.
    public func organisation(_ code: String) -> (level: OrgLevel, name: String?)? {
        index.byCode[code]
    }
}
