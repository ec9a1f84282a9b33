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

    /// The tables and columns of the release's specification (release 2), with the BNF codes
    /// (and a VMP's ATC code and DDD) that ``DMDImport`` adds from the BNF file, created whether or
    /// not a file has a record of them, so that a query naming a column no record fills reads
    /// NULL rather than failing. A field the specification does not list becomes a column too.
    static let knownColumns: [String: [String]] = {
        let lookup = ["cd", "descr"], dated = ["cd", "cddt", "cdprev", "descr"]
        var t: [String: [String]] = [
            "vtm": ["id", "invalid", "nm", "abbrevnm", "vtmidprev", "vtmiddt"],
            "vmp": ["id", "vpiddt", "vpidprev", "vtm", "invalid", "nm", "abbrevnm", "basis", "nmdt", "nmprev", "basis_prev", "nmchange",
                    "combprod", "pres_stat", "sug_f", "glu_f", "pres_f", "cfc_f", "non_avail", "non_availdt", "df_ind", "udfs",
                    "udfs_uom", "unit_dose_uom", "bnf_code", "atc", "ddd", "ddd_uom"],
            "vpi": ["vmp", "ing", "basis_strnt", "bs_subid", "strnt_nmrtr_val", "strnt_nmrtr_uom", "strnt_dnmtr_val", "strnt_dnmtr_uom"],
            "ont": ["vmp", "form"], "dform": ["vmp", "form"], "droute": ["vmp", "route"],
            "controlinfo": ["vmp", "cat", "catdt", "cat_prev"],
            "amp": ["id", "invalid", "vmp", "nm", "abbrevnm", "descr", "nmdt", "nm_prev", "supp", "lic_auth", "lic_auth_prev",
                    "lic_authchange", "lic_authchangedt", "combprod", "flavour", "ema", "parallel_import", "avail_restrict", "bnf_code"],
            "aping": ["amp", "ing", "strnth", "uom"], "licroute": ["amp", "route"], "apinfo": ["amp", "sz_weight", "colour", "prod_order_no"],
            "vmpp": ["id", "invalid", "nm", "vmp", "qtyval", "qty_uom", "combpack", "bnf_code"],
            "dtinfo": ["vmpp", "pay_cat", "price", "dt", "prevprice"],
            "ampp": ["id", "invalid", "nm", "abbrevnm", "vmpp", "amp", "combpack", "legal_cat", "subp", "disc", "discdt", "bnf_code"],
            "packinfo": ["ampp", "reimb_stat", "reimb_statdt", "reimb_statprev", "pack_order_no"],
            "prescribinfo": ["ampp", "sched_2", "acbs", "padm", "fp10_mda", "sched_1", "hosp", "nurse_f", "enurse_f", "dent_f"],
            "priceinfo": ["ampp", "price", "pricedt", "price_prev", "price_basis"],
            "reimbinfo": ["ampp", "px_chrgs", "disp_fees", "bb", "ltd_stab", "cal_pack", "spec_cont", "dnd", "fp34d"],
            "ccontent": ["prntvppid", "chldvppid", "prntappid", "chldappid"],
            "ing": ["id", "isiddt", "isidprev", "invalid", "nm"],
        ]
        for name in ["combinationpackind", "combinationprodind", "basisofname", "namechangereason", "virtualproductpresstatus",
                     "controldrugcategory", "licensingauthority", "ontformroute", "dtpaymentcategory", "flavour", "colour",
                     "basisofstrnth", "reimbursementstatus", "speccont", "dnd", "virtualproductnonavail", "discontinuedind",
                     "dfindicator", "pricebasis", "legalcategory", "availabilityrestriction", "licensingauthoritychangereason"] {
            t[name] = lookup
        }
        for name in ["unitofmeasure", "form", "route"] { t[name] = dated }
        t["supplier"] = ["cd", "cddt", "cdprev", "invalid", "descr"]
        return t
    }()
}
