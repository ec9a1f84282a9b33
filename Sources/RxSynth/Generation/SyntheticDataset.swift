import Foundation
import RxData

/// A deterministic synthetic national prescribing dataset: the organisation hierarchy, practice
/// effects, planted outliers and a prepared catalogue, from which every file is streamed.
///
/// ```swift
/// let data = try SyntheticDataset(SynthConfiguration(practices: 150, months: 12, seed: 42))
/// let summary = try data.write(to: "out/")
/// ```
/// Everything is a function of the configuration: the same configuration gives byte-identical
/// files, and each month can be generated on its own.
public struct SyntheticDataset: Sendable {
    /// The configuration.
    public let configuration: SynthConfiguration
    /// The organisations.
    public let hierarchy: OrgHierarchy
    /// The planted outlier practices.
    public let plantedOutliers: [PlantedOutlier]
    /// The catalogue drawn from.
    public let catalogue: SynthCatalogue
    let model: PrescribingModel
    let effects: [PracticeEffects]
    let prefixes: [[UInt8]]
    let unidentifiedPrefixes: [[UInt8]]

    /// Builds the hierarchy, effects and catalogue for `configuration` (no rows yet).
    public init(_ configuration: SynthConfiguration, catalogue: SynthCatalogue = .standard) throws {
        try configuration.validate()
        self.configuration = configuration
        self.catalogue = catalogue
        let seed = configuration.seed
        let hierarchy = try OrgHierarchy(practiceCount: configuration.practices, seed: seed)
        self.hierarchy = hierarchy
        let planted = PlantedOutlier.choose(in: hierarchy, seed: seed)
        plantedOutliers = planted
        var plantedKind: [Int: PlantedOutlier.Kind] = [:]
        for o in planted { plantedKind[o.practice] = o.kind }
        effects = hierarchy.practices.map { PracticeEffects(seed: seed, practice: $0.index, planted: plantedKind[$0.index]) }
        model = PrescribingModel(catalogue: catalogue, rowsPerPractice: configuration.presentationsPerPractice)

        func areaPrefix(_ sub: Int) -> [UInt8] {
            let s = hierarchy.subICBs[sub], icb = hierarchy.icbs[s.icb], region = hierarchy.regions[icb.region]
            var bytes: [UInt8] = [0x2C]
            for field in [region.name, region.code, icb.name, icb.code, s.name, s.code] {
                bytes += CSVField.encode(field); bytes.append(0x2C)
            }
            return bytes
        }
        let areas = hierarchy.subICBs.indices.map(areaPrefix)
        prefixes = hierarchy.practices.map { p in
            var bytes = areas[p.subICB]
            for field in [p.name, NameForge.latin1(p.code)] + p.address + [NameForge.latin1(p.postcode)] {
                bytes += CSVField.encode(field); bytes.append(0x2C)
            }
            return bytes
        }
        unidentifiedPrefixes = areas.map { $0 + Array("UNIDENTIFIED DOCTORS,-,,,,,,".utf8) }
    }

    /// The month at offset `offset` from the start.
    public func month(_ offset: Int) -> YearMonth { configuration.start.advanced(by: offset) }

    /// File names, as written by ``write(to:progress:)``.
    public func epdFileName(_ offset: Int) -> String { "epd_\(compact(month(offset))).csv" + gz }
    /// The list-size file name of month `offset`.
    public func listSizeFileName(_ offset: Int) -> String { "list_sizes_\(compact(month(offset))).csv" + gz }
    /// The organisation mapping file name.
    public var orgsFileName: String { "orgs.csv" + gz }
    /// The planted-outlier list file name (never gzipped).
    public static let plantedOutliersFileName = "planted_outliers.csv"

    private var gz: String { configuration.gzip ? ".gz" : "" }
    private func compact(_ m: YearMonth) -> String { String(format: "%04d%02d", m.year, m.month) }

    /// Streams the EPD file of month `offset` into `sink` (header included); returns the rows
    /// written. Memory stays flat: rows pass through a 4 MB buffer.
    @discardableResult
    public func writeEPD(monthOffset offset: Int, to sink: ByteSink) throws -> (rows: Int, bytes: Int) {
        let out = RowBuffer(sink: sink)
        out.append(ascii: EPDRowWriter.header.joined(separator: ",") + "\r\n")
        let m = month(offset)
        let monthBytes = Array(m.description.utf8)
        let writer = EPDRowWriter(model: model, seed: configuration.seed)
        let originatorOnly = Set(plantedOutliers.filter { $0.kind == .originatorOnlyBiologics }.map(\.practice))
        var rows = 0
        var practiceIndex = 0
        let practices = hierarchy.practices
        for s in hierarchy.subICBs.indices {
            while practiceIndex < practices.count && practices[practiceIndex].subICB == s {
                let p = practices[practiceIndex]
                let prescriber = EPDRowWriter.Prescriber(
                    prefix: prefixes[p.index], key: UInt64(p.index), listSize: p.listSize(monthOffset: offset),
                    effects: effects[p.index], originatorOnly: originatorOnly.contains(p.index), unidentified: false)
                rows += try writer.write(prescriber, monthOrdinal: Int(m.ordinal), calendarMonth: m.month,
                                         monthBytes: monthBytes, into: out)
                practiceIndex += 1
            }
            // Unidentified prescribing of the sub-ICB: its own bucket, a small list-equivalent.
            let bucket = EPDRowWriter.Prescriber(
                prefix: unidentifiedPrefixes[s], key: UInt64(1 << 32) + UInt64(s), listSize: 250,
                effects: .neutral, originatorOnly: false, unidentified: true)
            rows += try writer.write(bucket, monthOrdinal: Int(m.ordinal), calendarMonth: m.month,
                                     monthBytes: monthBytes, into: out)
        }
        let bytes = out.totalBytes
        try out.finish()
        return (rows, bytes)
    }

    /// Streams the list-size file of month `offset` ("Patients Registered at a GP Practice",
    /// 2017+ five-year age/sex layout, 43 rows per practice with a list).
    public func writeListSizes(monthOffset offset: Int, to sink: ByteSink) throws {
        let out = RowBuffer(sink: sink)
        out.append(ascii: "PUBLICATION,EXTRACT_DATE,ORG_TYPE,ORG_CODE,ONS_CODE,POSTCODE,SEX,AGE_GROUP_5,NUMBER_OF_PATIENTS\r\n")
        let m = month(offset)
        let names = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
        let extract = String(format: "01%@%04d", names[m.month - 1], m.year)
        for p in hierarchy.practices where p.hasListSize {
            let total = p.listSize(monthOffset: offset)
            let (female, male) = AgeSexProfile.split(total: total, ageTilt: effects[p.index].ageTilt)
            let lead = "GP_PRAC_PAT_LIST,\(extract),GP,\(p.code),,\(p.postcode),"
            out.append(ascii: lead + "ALL,ALL,\(total)\r\n")
            for (sex, counts) in [("FEMALE", female), ("MALE", male)] {
                for (b, band) in AgeSexProfile.bands.enumerated() {
                    out.append(ascii: lead + "\(sex),\(band),\(counts[b])\r\n")
                }
                out.append(ascii: lead + "\(sex),ALL,\(counts.reduce(0, +))\r\n")
            }
            try out.flushIfNeeded()
        }
        try out.finish()
    }

    /// Streams the organisation mapping: `practice_code,pcn_code,pcn_name,sub_icb_code,
    /// sub_icb_name,icb_code,icb_name,region_code,region_name,setting`.
    public func writeOrgMapping(to sink: ByteSink) throws {
        let out = RowBuffer(sink: sink)
        out.append(ascii: "practice_code,pcn_code,pcn_name,sub_icb_code,sub_icb_name,icb_code,icb_name,region_code,region_name,setting\n")
        for p in hierarchy.practices {
            let pcn = hierarchy.pcns[p.pcn], sub = hierarchy.subICBs[p.subICB]
            let icb = hierarchy.icbs[p.icb], region = hierarchy.regions[p.region]
            let fields = [p.code, pcn.code, pcn.name, sub.code, sub.name, icb.code, icb.name, region.code, region.name, String(p.setting)]
            out.append(fields.map { CSVField.encode($0) }.joined(separator: [0x2C]).map { $0 })
            out.append(byte: 0x0A)
            try out.flushIfNeeded()
        }
        try out.finish()
    }

    /// Writes `planted_outliers.csv`: `practice_code,practice_name,sub_icb_code,icb_code,outlier,factor,detail`.
    public func writePlantedOutliers(to sink: ByteSink) throws {
        let out = RowBuffer(sink: sink)
        out.append(ascii: "practice_code,practice_name,sub_icb_code,icb_code,outlier,factor,detail\n")
        for o in plantedOutliers {
            let p = hierarchy.practices[o.practice]
            out.append(field: NameForge.latin1(p.code)); out.append(byte: 0x2C)
            out.append(field: p.name); out.append(byte: 0x2C)
            out.append(ascii: "\(hierarchy.subICBs[p.subICB].code),\(hierarchy.icbs[p.icb].code),\(o.kind.rawValue),\(o.kind.factor),")
            out.append(field: NameForge.latin1(o.kind.detail)); out.append(byte: 0x0A)
        }
        try out.finish()
    }

    /// Writes every file into `directory` (created if needed): one EPD and one list-size file per
    /// month, the org mapping and the planted-outlier list. `progress` gets one line per file.
    /// - Parameters:
    ///   - month: only this month's offset (its EPD and list sizes, with the org mapping and
    ///     planted outliers), so that a long run can be written a month at a time; the month's
    ///     data are those it has in the whole run.
    ///   - prescribing: where the EPD rows go instead of a file in `directory` (standard output,
    ///     to pipe into `rxatlas ingest -`); only with one month. The month's other files are
    ///     written first, so they are whole before the first row is.
    @discardableResult
    public func write(to directory: String, month only: Int? = nil, prescribing: ByteSink? = nil,
                      progress: ((String) -> Void)? = nil) throws -> SynthSummary {
        precondition(prescribing == nil || only != nil || configuration.months == 1, "a prescribing sink takes one month")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let level = configuration.gzipLevel
        func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }
        var summary = SynthSummary()
        let orgs = path(orgsFileName)
        try writeOrgMapping(to: openSink(path: orgs, gzip: configuration.gzip, level: level))
        let planted = path(Self.plantedOutliersFileName)
        try writePlantedOutliers(to: FileSink(path: planted))
        summary.files += [orgs, planted]
        for offset in only.map({ [$0] }) ?? Array(0..<configuration.months) {
            let epd = prescribing.map { ($0 as? FileSink)?.path ?? "-" } ?? path(epdFileName(offset))
            let lists = path(listSizeFileName(offset))
            // Streamed rows go last, so a reader of the stream finds the month's other files whole.
            if prescribing != nil { try writeListSizes(monthOffset: offset, to: openSink(path: lists, gzip: configuration.gzip, level: level)) }
            let started = Date()
            let sink = try prescribing ?? openSink(path: epd, gzip: configuration.gzip, level: level)
            let (rows, bytes) = try writeEPD(monthOffset: offset, to: sink)
            let seconds = Date().timeIntervalSince(started)
            summary.epdSeconds += seconds
            summary.months.append(.init(month: month(offset).description, rows: rows, bytes: bytes, path: epd))
            if prescribing == nil { try writeListSizes(monthOffset: offset, to: openSink(path: lists, gzip: configuration.gzip, level: level)) }
            summary.files += [epd, lists]
            progress?(String(format: "%@  %d rows  %.1f MB  %.2f s (%.0f MB/s)", prescribing == nil ? epdFileName(offset) : epd, rows,
                             Double(bytes) / 1e6, seconds, Double(bytes) / 1e6 / max(seconds, 1e-9)))
        }
        return summary
    }
}
