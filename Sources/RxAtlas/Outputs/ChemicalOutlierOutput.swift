import RxData

/// Writes `chemical_outliers.csv` (``header``), atomically: per level and organisation, the
/// chemicals among its top high and low z-scores.
public enum ChemicalOutlierOutput {
    /// The header.
    public static let header = ["level", "org_code", "chemical", "chemical_name", "subparagraph", "chemical_items",
                                "subparagraph_items", "ratio", "mean", "sd", "z", "rank_high", "rank_low", "low_number"]

    /// Writes the rows to `directory/chemical_outliers.csv`.
    public static func write(_ rows: [ChemicalOutlierRow], to directory: String) throws {
        try FileSystem.createDirectory(directory)
        func n(_ v: Double) -> String { CSVWriter.number(v) }
        try CSVWriter.write(path: directory + "/chemical_outliers.csv", header: header, count: rows.count) { i in
            let r = rows[i]
            return [MeasureOutput.levelName(r.level), r.orgCode, r.chemical, r.chemicalName, r.subparagraph,
                    n(r.chemicalItems), n(r.subparagraphItems), n(r.ratio), n(r.mean), n(r.sd), n(r.z),
                    r.rankHigh.map(String.init) ?? "", r.rankLow.map(String.init) ?? "", r.lowNumber ? "true" : "false"]
        }
    }
}
