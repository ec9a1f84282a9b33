import Foundation
@testable import RxDMD

/// A small dm+d release written in the release's documented XML layout (the NHSBSA technical
/// specification of the data files, release 2): lookups, ingredients, VTMs, VMPs with their
/// ingredients, forms and routes, VMPPs, AMPs, AMPPs, and the supplementary release's BNF file.
/// Its products carry BNF codes the bundled English sample prescribes, and some it does not.
struct DMDFixture {
    /// One VMP: id, VTM, name, BNF code, ontology form-route code, dose form code, ingredients.
    struct Product {
        var id: Int, vtm: Int?, name: String, bnf: String?, formRoute: Int, doseForm: Int?, ingredients: [Int] = []
    }

    static let formRoutes: [(Int, String)] = [
        (1, "capsule.oral"), (2, "suspension.oral"), (3, "pressurizedinhalation.inhalation"), (4, "powderinhalation.inhalation"),
        (5, "powderforsolutioninjection.intravenous"), (6, "patch.transdermal"), (7, "tabletbuccal.buccal"), (8, "tablet.oral"),
        (9, "tabletmodified-release.oral"), (10, "paste.dental"), (11, "dressing.cutaneous"), (12, "capsulemodified-release.oral"),
    ]
    static let doseForms: [(Int, String)] = [(385055001, "Tablet"), (385286003, "Transdermal patch"), (421026006, "Buccal tablet")]
    static let vtms: [(Int, String)] = [
        (777483005, "Amoxicillin"), (775934002, "Fentanyl"), (777074005, "Paracetamol + Tramadol"), (91111000001106, "Glucosamine"),
        (776811009, "Salbutamol"), (774542001, "Beclometasone"),
    ]
    static let ingredients: [(Int, String)] = [(442509000, "Perindopril arginine"), (18414002, "Colecalciferol"), (372687004, "Amoxicillin")]

    static let products: [Product] = [
        Product(id: 323509004, vtm: 777483005, name: "Amoxicillin 500mg capsules", bnf: "0501013B0AAABAB", formRoute: 1, doseForm: nil, ingredients: [372687004]),
        Product(id: 323510009, vtm: 777483005, name: "Amoxicillin 250mg/5ml oral suspension sugar free", bnf: "0501013B0AAASAS", formRoute: 2, doseForm: nil),
        Product(id: 320176004, vtm: 776811009, name: "Salbutamol 100micrograms/dose inhaler CFC free", bnf: "0301011R0AAAPAP", formRoute: 3, doseForm: nil),
        Product(id: 320162007, vtm: 774542001, name: "Beclometasone 200micrograms/dose inhaler CFC free", bnf: "0302000C0AABVBV", formRoute: 3, doseForm: nil),
        Product(id: 320163002, vtm: 774542001, name: "Beclometasone 250micrograms/dose dry powder inhaler", bnf: "0302000C0AABKBK", formRoute: 4, doseForm: nil),
        Product(id: 332012004, vtm: nil, name: "Ceftriaxone 1g powder for solution for injection vials", bnf: "0501021L0AAAAAA", formRoute: 5, doseForm: nil),
        Product(id: 412147002, vtm: 775934002, name: "Fentanyl 50micrograms/hour transdermal patches", bnf: "0407020A0AAAFAF", formRoute: 6, doseForm: 385286003),
        Product(id: 412150004, vtm: 775934002, name: "Fentanyl 100microgram buccal tablets sugar free", bnf: "0407020A0AADCDC", formRoute: 7, doseForm: 421026006),
        Product(id: 374733004, vtm: nil, name: "Perindopril arginine 10mg tablets", bnf: "0205051Y0AAACAC", formRoute: 8, doseForm: 385055001, ingredients: [442509000]),
        Product(id: 410679008, vtm: 777074005, name: "Tramadol 37.5mg / Paracetamol 325mg tablets", bnf: "040702040AAAQAQ", formRoute: 8, doseForm: 385055001),
        Product(id: 319113005, vtm: nil, name: "Diltiazem 60mg modified-release tablets", bnf: "0206020C0AAAAAA", formRoute: 9, doseForm: 385055001),
        Product(id: 319114004, vtm: nil, name: "Diltiazem 120mg modified-release capsules", bnf: "0206020C0AAAUAU", formRoute: 12, doseForm: nil),
        Product(id: 8864811000001103, vtm: nil, name: "Sodium fluoride 0.619% toothpaste", bnf: "1203010S0AAAAAA", formRoute: 10, doseForm: nil),
        Product(id: 3384211000001106, vtm: 91111000001106, name: "Glucosamine sulfate 1.5g tablets", bnf: "1003040AAAAAAAA", formRoute: 8, doseForm: 385055001),
        Product(id: 9357511000001107, vtm: nil, name: "Silver dressing 10cm x 10cm", bnf: "20030200012", formRoute: 11, doseForm: nil),
        Product(id: 3722111000001100, vtm: nil, name: "Colecalciferol 800unit capsules", bnf: "0906040G0AAAAAA", formRoute: 1, doseForm: nil, ingredients: [18414002]),
        Product(id: 999000, vtm: nil, name: "A product with no BNF code", bnf: nil, formRoute: 8, doseForm: nil),
    ]
    /// AMPs: id, VMP, name, BNF code, licensing authority code.
    static let amps: [(Int, Int, String, String?, Int)] = [
        (100001, 323509004, "Amoxil 500mg capsules", "0501013B0BBAAAB", 1),
        (100002, 320176004, "Ventolin 100micrograms/dose Evohaler", "0301011R0BEAAAP", 1),
        (100003, 412150004, "Effentora 100microgram buccal tablets", "0407020A0BGAADC", 1),
        (100004, 999000, "Herbal remedy", "1903000Z0BBAAAA", 4),
    ]

    /// Writes the release's files into `folder`, with the date stamp the real files carry.
    static func write(to folder: String, stamp: String = "3011225") throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        func file(_ name: String, _ root: String, _ body: String) throws {
            let xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<\(root)>\n<!-- Generated by NHSBSA PPD -->\n\(body)\n</\(root)>\n"
            try xml.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8)
        }
        func esc(_ s: String) -> String { s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;") }
        func info(_ list: String, _ rows: [(Int, String)]) -> String {
            "<\(list)>" + rows.map { "<INFO><CD>\($0.0)</CD><DESC>\(esc($0.1))</DESC></INFO>" }.joined() + "</\(list)>"
        }
        try file("f_lookup2_\(stamp).xml", "LOOKUP", info("ONT_FORM_ROUTE", formRoutes) + "\n" + info("FORM", doseForms) + "\n"
                 + info("LICENSING_AUTHORITY", [(1, "Medicines - MHRA/EMA"), (4, "Traditional Herbal Medicines")]))
        try file("f_ingredient2_\(stamp).xml", "INGREDIENT_SUBSTANCES",
                 ingredients.map { "<ING><ISID>\($0.0)</ISID><NM>\(esc($0.1))</NM></ING>" }.joined(separator: "\n"))
        try file("f_vtm2_\(stamp).xml", "VIRTUAL_THERAPEUTIC_MOIETIES",
                 vtms.map { "<VTM><VTMID>\($0.0)</VTMID><NM>\(esc($0.1))</NM></VTM>" }.joined(separator: "\n"))
        let vmps = products.map { p in
            "<VMP><VPID>\(p.id)</VPID>" + (p.vtm.map { "<VTMID>\($0)</VTMID>" } ?? "") + "<INVALID>0</INVALID><NM>\(esc(p.name))</NM><BASISCD>0001</BASISCD><PRES_STATCD>0001</PRES_STATCD><SUG_F>0001</SUG_F><DF_INDCD>1</DF_INDCD></VMP>"
        }.joined(separator: "\n")
        let vpis = products.flatMap { p in p.ingredients.map { "<VPI><VPID>\(p.id)</VPID><ISID>\($0)</ISID><BASIS_STRNTCD>0001</BASIS_STRNTCD><STRNT_NMRTR_VAL>500</STRNT_NMRTR_VAL><STRNT_NMRTR_UOMCD>258684004</STRNT_NMRTR_UOMCD></VPI>" } }
        let onts = products.map { "<ONT><VPID>\($0.id)</VPID><FORMCD>\($0.formRoute)</FORMCD></ONT>" }
        let dforms = products.compactMap { p in p.doseForm.map { "<DFORM><VPID>\(p.id)</VPID><FORMCD>\($0)</FORMCD></DFORM>" } }
        try file("f_vmp2_\(stamp).xml", "VIRTUAL_MED_PRODUCTS",
                 "<VMPS>\n\(vmps)\n</VMPS>\n<VIRTUAL_PRODUCT_INGREDIENT>\(vpis.joined())</VIRTUAL_PRODUCT_INGREDIENT>\n<ONT_DRUG_FORM>\(onts.joined())</ONT_DRUG_FORM>\n<DRUG_FORM>\(dforms.joined())</DRUG_FORM>\n<DRUG_ROUTE></DRUG_ROUTE>\n<CONTROL_DRUG_INFO></CONTROL_DRUG_INFO>")
        try file("f_vmpp2_\(stamp).xml", "VIRTUAL_MED_PRODUCT_PACK",
                 "<VMPPS>" + products.map { "<VMPP><VPPID>\($0.id)1</VPPID><NM>\(esc($0.name)) 28 pack</NM><VPID>\($0.id)</VPID><QTYVAL>28</QTYVAL><QTY_UOMCD>428673006</QTY_UOMCD><COMBPACKCD>1</COMBPACKCD></VMPP>" }.joined() + "</VMPPS>\n<DRUG_TARIFF_INFO></DRUG_TARIFF_INFO>\n<COMB_CONTENT></COMB_CONTENT>")
        try file("f_amp2_\(stamp).xml", "ACTUAL_MEDICINAL_PRODUCTS",
                 "<AMPS>" + amps.map { "<AMP><APID>\($0.0)</APID><VPID>\($0.1)</VPID><NM>\(esc($0.2))</NM><DESC>\(esc($0.2))</DESC><SUPPCD>2070501000001104</SUPPCD><LIC_AUTHCD>\($0.4)</LIC_AUTHCD><AVAIL_RESTRICTCD>1</AVAIL_RESTRICTCD></AMP>" }.joined() + "</AMPS>\n<AP_INGREDIENT></AP_INGREDIENT>\n<LICENSED_ROUTE></LICENSED_ROUTE>\n<AP_INFORMATION></AP_INFORMATION>")
        try file("f_ampp2_\(stamp).xml", "ACTUAL_MEDICINAL_PROD_PACKS",
                 "<AMPPS>" + amps.map { "<AMPP><APPID>\($0.0)1</APPID><NM>\(esc($0.2)) 28 pack</NM><VPPID>\($0.1)1</VPPID><APID>\($0.0)</APID><COMBPACKCD>1</COMBPACKCD><LEGAL_CATCD>1</LEGAL_CATCD><DISCCD>1</DISCCD></AMPP>" }.joined() + "</AMPPS>")
        try file("f_bnf1_0\(stamp.dropFirst()).xml", "BNF_DETAILS",
                 "<VMPS>" + products.compactMap { p in p.bnf.map { "<VMP><VPID>\(p.id)</VPID><BNF>\($0)</BNF><ATC>J01CA04</ATC><DDD>1.5</DDD><DDD_UOMCD>258682000</DDD_UOMCD></VMP>" } }.joined()
                 + "</VMPS>\n<AMPS>" + amps.compactMap { a in a.3.map { "<AMP><APID>\(a.0)</APID><BNF>\($0)</BNF></AMP>" } }.joined() + "</AMPS>")
    }
}
