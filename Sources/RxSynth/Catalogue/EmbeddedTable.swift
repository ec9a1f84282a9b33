import RxData

/// The generator's compiled-in reference tables, read with RxData's ``RxData/CSVRecordReader``.
enum EmbeddedTable {
    /// The records of a compiled-in table, header first. A table that does not parse is a
    /// build defect, so it stops the program with the reader's located error.
    static func records(_ text: String, name: String) -> [CSVRecord] {
        do {
            return try CSVRecordReader.records(in: Array(text.utf8), file: name)
        } catch {
            fatalError("compiled-in table \(name) is malformed: \(error)")
        }
    }
}
