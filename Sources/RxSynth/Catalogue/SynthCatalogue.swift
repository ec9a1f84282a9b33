import RxData
/// The presentations the generator draws from, read from the bundled `synth_catalogue.csv`
/// (``RxReference/ReferenceFiles``; see ``standard``).
public struct SynthCatalogue: Sendable {
    /// Presentations in BNF code order.
    public let presentations: [SynthPresentation]

    /// A catalogue from presentations (sorted into code order).
    public init(presentations: [SynthPresentation]) {
        self.presentations = presentations.sorted { $0.code < $1.code }
    }

    /// Parses the catalogue CSV: `bnf_code,bnf_name,chemical_code,chemical_name,pack_size,
    /// alt_pack_size,unit_price,adq_per_unit,weight,category,snomed_code`.
    public init(csv text: String) throws {
        var result: [SynthPresentation] = []
        let records: [CSVRecord]
        do {
            records = try CSVRecordReader.records(in: Array(text.utf8), file: "synth_catalogue.csv")
        } catch let e as InputError {
            throw SynthError.badReferenceTable("synth_catalogue.csv", line: e.line ?? 0)
        }
        for record in records.dropFirst() {
            let fields = record.fields
            guard fields.count == 11,
                  let pack = Double(fields[4]), let alt = Double(fields[5]),
                  let price = Double(fields[6]), let adq = Double(fields[7]),
                  let weight = Double(fields[8]),
                  let category = PresentationCategory(rawValue: fields[9]) else {
                throw SynthError.badReferenceTable("synth_catalogue.csv", line: record.line)
            }
            result.append(SynthPresentation(
                code: fields[0], name: fields[1], chemicalCode: fields[2], chemicalName: fields[3],
                packSize: pack, alternativePackSize: alt, unitPrice: price, adqPerUnit: adq,
                weight: weight, category: category, snomedCode: fields[10]))
        }
        self.init(presentations: result)
    }

    /// The bundled catalogue (about 4,700 real BNF presentations).
    public static let standard: SynthCatalogue = {
        do { return try SynthCatalogue(csv: ReferenceTable.text("synth_catalogue.csv")) } catch {
            fatalError("the bundled catalogue does not parse: \(error)")
        }
    }()
}
