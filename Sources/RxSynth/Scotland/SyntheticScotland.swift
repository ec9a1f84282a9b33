import Foundation
import RxData

/// A deterministic synthetic Scotland in Public Health Scotland's published layouts: monthly
/// Prescriptions in the Community files (`pitcYYYYMM.csv`), and for each quarter (January,
/// April, July, October, and the first month) a GP Practice Populations file
/// (`practice_listsizes_mmmYYYY.csv`); one Contact Details file for the first month
/// (`practice_contactdetails_mmmYYYY.csv`, the practices' names, addresses and clusters).
///
/// Prescribing is drawn as for England (``SyntheticDataset``: the same catalogue, practice
/// effects and seasonality); each board also has non-practice prescribing under 99996
/// (community pharmacy), 99998 (hospital) and 99999 (dental). PITC has no actual cost.
public struct SyntheticScotland: Sendable {
    public let configuration: SynthConfiguration
    public let hierarchy: ScottishHierarchy
    let model: PrescribingModel
    let effects: [PracticeEffects]

    /// The non-practice codes written in every board, with their list-equivalent volumes.
    static let nonPractice: [(code: String, volume: Int)] = [("99996", 900), ("99998", 300), ("99999", 60)]

    public init(_ configuration: SynthConfiguration, catalogue: SynthCatalogue = .standard) throws {
        try configuration.validate()
        self.configuration = configuration
        hierarchy = try ScottishHierarchy(practiceCount: configuration.practices, seed: configuration.seed)
        effects = hierarchy.practices.map { PracticeEffects(seed: configuration.seed, practice: $0.index, planted: nil) }
        model = PrescribingModel(catalogue: catalogue, rowsPerPractice: configuration.presentationsPerPractice)
    }

    public func month(_ offset: Int) -> YearMonth { configuration.start.advanced(by: offset) }

    private var gz: String { configuration.gzip ? ".gz" : "" }
    private static let monthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    private func named(_ m: YearMonth) -> String { "\(Self.monthNames[m.month - 1])\(m.year)" }

    /// The PITC file name of month `offset`.
    public func pitcFileName(_ offset: Int) -> String { String(format: "pitc%04d%02d.csv", month(offset).year, month(offset).month) + gz }
    /// The populations file name of month `offset`.
    public func populationsFileName(_ offset: Int) -> String { "practice_listsizes_\(named(month(offset))).csv" + gz }
    /// The contact-details file name (the first month).
    public var contactFileName: String { "practice_contactdetails_\(named(month(0))).csv" + gz }
    /// Whether month `offset` gets a populations extract: the first month and each quarter's.
    public func isExtractMonth(_ offset: Int) -> Bool { offset == 0 || (month(offset).month - 1) % 3 == 0 }

    /// Streams the PITC file of month `offset`; returns rows and bytes.
    @discardableResult
    public func writePITC(monthOffset offset: Int, to sink: ByteSink) throws -> (rows: Int, bytes: Int) {
        let out = RowBuffer(sink: sink)
        out.append(ascii: EPDRowWriter.pitcHeader.joined(separator: ",") + "\n")
        let m = month(offset)
        let monthBytes = Array(String(format: "%04d%02d", m.year, m.month).utf8)
        var writer = EPDRowWriter(model: model, seed: configuration.seed)
        writer.layout = .pitc
        var rows = 0
        for p in hierarchy.practices {
            let prescriber = EPDRowWriter.Prescriber(
                prefix: Array("\(hierarchy.boards[p.board].code),\(p.code),".utf8), key: UInt64(p.index),
                listSize: p.listSize(monthOffset: offset), effects: effects[p.index], originatorOnly: false, unidentified: false)
            rows += try writer.write(prescriber, monthOrdinal: Int(m.ordinal), calendarMonth: m.month, monthBytes: monthBytes, into: out)
        }
        for (b, board) in hierarchy.boards.enumerated() where hierarchy.practices.contains(where: { $0.board == b }) {
            for (k, np) in Self.nonPractice.enumerated() {
                let prescriber = EPDRowWriter.Prescriber(
                    prefix: Array("\(board.code),\(np.code),".utf8), key: UInt64(2 << 32) + UInt64(b * 8 + k),
                    listSize: np.volume, effects: .neutral, originatorOnly: false, unidentified: false)
                rows += try writer.write(prescriber, monthOrdinal: Int(m.ordinal), calendarMonth: m.month, monthBytes: monthBytes, into: out)
            }
        }
        let bytes = out.totalBytes
        try out.finish()
        return (rows, bytes)
    }

    /// PHS's age bands, as the populations file names them, and the 5-year bands each sums.
    static let bands: [(name: String, range: Range<Int>)] = [
        ("Ages0to4", 0..<1), ("Ages5to14", 1..<3), ("Ages15to24", 3..<5), ("Ages25to44", 5..<9), ("Ages45to64", 9..<13),
        ("Ages65to74", 13..<15), ("Ages75to84", 15..<17), ("Ages85plus", 17..<20),
    ]

    /// Streams the GP Practice Populations file of month `offset` (`Sex` All, Male, Female rows).
    public func writePopulations(monthOffset offset: Int, to sink: ByteSink) throws {
        let out = RowBuffer(sink: sink)
        let header = ["Date", "PracticeCode", "HB", "HSCP", "Sex", "SexQF", "AllAges", "AllAgesQF"]
            + Self.bands.flatMap { [$0.name, $0.name + "QF"] }
        out.append(ascii: header.joined(separator: ",") + "\n")
        let m = month(offset)
        let date = String(format: "%04d%02d01", m.year, m.month)
        for p in hierarchy.practices {
            let total = p.listSize(monthOffset: offset)
            let (female, male) = AgeSexProfile.split(total: total, ageTilt: effects[p.index].ageTilt)
            let lead = [date, p.code, hierarchy.boards[p.board].code, hierarchy.hscps[p.hscp].code]
            let sexes: [(String, [Int])] = [("All", zip(female, male).map { $0 + $1 }), ("Male", male), ("Female", female)]
            for (sex, counts) in sexes {
                let bands = Self.bands.map { b in counts[b.range].reduce(0, +) }
                let fields = lead + [sex, sex == "All" ? "d" : "", String(bands.reduce(0, +)), ""] + bands.flatMap { [String($0), ""] }
                out.append(ascii: fields.joined(separator: ",") + "\n")
            }
            try out.flushIfNeeded()
        }
        try out.finish()
    }

    /// Streams the Contact Details and List Sizes file of the first month.
    public func writeContactDetails(to sink: ByteSink) throws {
        let out = RowBuffer(sink: sink)
        out.append(ascii: "PracticeCode,GPPracticeName,PracticeListSize,AddressLine1,AddressLine2,AddressLine3,AddressLine4,"
                   + "Postcode,TelephoneNumber,PracticeType,Dispensing,HB,HSCP,DataZone,GPCluster\n")
        for p in hierarchy.practices {
            out.append(ascii: "\(p.code),")
            out.append(field: p.name); out.append(byte: 0x2C)
            out.append(ascii: "\(p.listSize(monthOffset: 0)),")
            for line in p.address.prefix(4) + Array(repeating: [], count: max(0, 4 - p.address.count)) {
                out.append(field: line); out.append(byte: 0x2C)
            }
            let cluster = hierarchy.clusters[p.cluster]
            out.append(ascii: "\(p.postcode),01000 \(String(format: "%06d", Int(p.code)! * 13 % 1_000_000)),\(p.practiceType),"
                       + "\(p.dispensing ? "Y" : ""),\(hierarchy.boards[p.board].code),\(hierarchy.hscps[p.hscp].code),"
                       + String(format: "S0100%04d", p.index % 10000) + ",")
            out.append(field: Array(cluster.name.utf8)); out.append(byte: 0x0A)
            try out.flushIfNeeded()
        }
        try out.finish()
    }

    /// Writes every file into `directory`; `progress` gets a line per PITC file.
    @discardableResult
    public func write(to directory: String, progress: ((String) -> Void)? = nil) throws -> SynthSummary {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let level = configuration.gzipLevel
        func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }
        var summary = SynthSummary()
        try writeContactDetails(to: openSink(path: path(contactFileName), gzip: configuration.gzip, level: level))
        summary.files.append(path(contactFileName))
        for offset in 0..<configuration.months {
            let started = Date()
            let file = path(pitcFileName(offset))
            let (rows, bytes) = try writePITC(monthOffset: offset, to: openSink(path: file, gzip: configuration.gzip, level: level))
            let seconds = Date().timeIntervalSince(started)
            summary.epdSeconds += seconds
            summary.months.append(.init(month: month(offset).description, rows: rows, bytes: bytes, path: file))
            summary.files.append(file)
            if isExtractMonth(offset) {
                let lists = path(populationsFileName(offset))
                try writePopulations(monthOffset: offset, to: openSink(path: lists, gzip: configuration.gzip, level: level))
                summary.files.append(lists)
            }
            progress?(String(format: "%@  %d rows  %.1f MB  %.2f s", pitcFileName(offset), rows, Double(bytes) / 1e6, seconds))
        }
        return summary
    }
}

/// The nation `rxatlas synth` generates.
public enum SynthNation: String, Sendable, CaseIterable {
    case england, scotland
}
