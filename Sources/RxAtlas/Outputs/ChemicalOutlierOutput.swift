import RxData

/// Writes `chemical_outliers.csv` (``header``), atomically: per level and organisation, the
/// chemicals among its top high and low z-scores.
public enum ChemicalOutlierOutput {
    /// The header.
    public static let header = ["level", "org_code", "chemical", "chemical_name", "subparagraph", "chemical_items",
                                "subparagraph_items", "ratio", "mean", "sd", "z", "rank_high", "rank_low", "low_number",
                                "few_units"]

    /// The `chemical_outliers` table, typed, for CSV, SQLite and JSON alike.
    public static func table(_ rows: [ChemicalOutlierRow]) -> ResultTable {
        let types: [ResultColumnType] = [.text, .text, .text, .text, .text] + Array(repeating: .real, count: 6) + [.integer, .integer, .boolean, .boolean]
        return ResultTable(name: "chemical_outliers", columns: zip(header, types).map { ResultColumn($0, $1) },
                           rowCount: rows.count) { i in
            let r = rows[i]
            return [.text(MeasureOutput.levelName(r.level)), .text(r.orgCode), .text(r.chemical), .text(r.chemicalName),
                    .text(r.subparagraph), .number(r.chemicalItems), .number(r.subparagraphItems), .number(r.ratio),
                    .number(r.mean), .number(r.sd), .number(r.z), .count(r.rankHigh), .count(r.rankLow), .boolean(r.lowNumber),
                    .boolean(r.fewUnits)]
        }
    }

    /// Writes the rows to `directory/chemical_outliers.csv`.
    public static func write(_ rows: [ChemicalOutlierRow], to directory: String) throws {
        try MeasureOutput.writeCSV([table(rows)], to: directory)
    }
}
