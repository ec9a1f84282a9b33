/// How the dm+d release's XML names become the tables and columns OpenPrescribing's queries name
/// (`dmd.vmp`, `vmp.vtm`, `ont.form`, `ontformroute.descr`): its BigQuery dataset names each
/// table after the record (the list, for a lookup's `INFO` records), lower case without
/// underscores, and each column after the field, lower case, with a code's `cd` suffix dropped
/// and each product's own identifier named `id`.
enum DMDNames {
    /// Each product's own identifier field, by table: `VPID` is `vmp.id`, but `vpi.vmp`.
    static let ownIdentifier: [String: String] = [
        "vtm": "vtmid", "vmp": "vpid", "amp": "apid", "vmpp": "vppid", "ampp": "appid", "ing": "isid",
    ]
    /// An identifier field naming another table's product: `VPID` in `vpi` is the column `vmp`.
    static let foreignIdentifier: [String: String] = [
        "vtmid": "vtm", "vpid": "vmp", "apid": "amp", "vppid": "vmpp", "appid": "ampp", "isid": "ing",
    ]
    /// Columns kept as text: names, descriptions, codes with letters or leading zeros, dates.
    static let textColumns: Set<String> = [
        "nm", "abbrevnm", "nmprev", "nm_prev", "descr", "bnf", "bnf_code", "atc", "sz_weight", "prod_order_no",
        "pack_order_no", "subp", "gtin", "prntvppid", "chldvppid", "prntappid", "chldappid",
    ]

    /// The table of a record with tag `record` inside a list with tag `list` (a lookup's
    /// records are all `INFO`, and take their list's name).
    static func table(record: String, list: String?) -> String {
        let tag = record == "INFO" ? (list ?? record) : record
        return tag.lowercased().replacingOccurrences(of: "_", with: "")
    }

    /// The column of field tag `field` in `table`.
    static func column(field: String, table: String) -> String {
        let f = field.lowercased()
        if ownIdentifier[table] == f { return "id" }
        if let other = foreignIdentifier[f] { return other }
        if f == "desc" { return "descr" }
        if f.count > 2, f.hasSuffix("cd") { return String(f.dropLast(2)) }
        return f
    }

    /// The SQLite type a column is declared with: text for ``textColumns`` and dates (`…dt`),
    /// numeric otherwise (SQLite then stores `0001` as 1 and `12.5` as 12.5, so that
    /// `vtm = 775934002` compares numbers, as in BigQuery).
    static func type(of column: String) -> String {
        textColumns.contains(column) || column.hasSuffix("dt") ? "TEXT" : "NUMERIC"
    }
}
