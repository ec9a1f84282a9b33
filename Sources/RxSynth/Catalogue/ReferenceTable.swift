import RxData
import RxReference

/// The generator's reference tables, read from the bundled files (``RxReference/ReferenceFiles``)
/// with RxData's ``RxData/CSVRecordReader``.
enum ReferenceTable {
    /// The text of a bundled table. A table the bundle lacks is an installation defect, so it
    /// stops the program naming the file.
    static func text(_ name: String) -> String {
        do { return try ReferenceFiles.text(name) } catch { fatalError("reference table \(name): \(error)") }
    }

    /// The records of a bundled table, header first; a table that does not parse stops the
    /// program with the reader's located error.
    static func records(_ name: String) -> [CSVRecord] {
        do {
            return try CSVRecordReader.records(in: Array(text(name).utf8), file: name)
        } catch {
            fatalError("reference table \(name) is malformed: \(error)")
        }
    }
}
