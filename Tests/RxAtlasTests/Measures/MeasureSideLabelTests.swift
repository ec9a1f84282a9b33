import Foundation
import Testing
@testable import RxAtlas

/// What a side counts, named for headings and axes: a label from either format, else the
/// quantity's own unit.
@Suite struct MeasureSideLabelTests {
    @Test func ourFormatReadsAndWritesTheLabel() throws {
        let json = """
        {"id": "x", "name": "X", "is_percentage": true, "low_is_good": true,
         "numerator": {"type": "items", "label": "high-dose ICS items", "bnf_codes": ["0302000C0%BZ"]},
         "denominator": {"type": "items", "bnf_codes": ["0302000C0"]}}
        """
        let m = try RxAtlasMeasureFormat.decode(Data(json.utf8), file: "x.json")
        #expect(m.numerator.label == "high-dose ICS items" && m.numerator.unit == "high-dose ICS items")
        #expect(m.denominator.label == nil && m.denominator.unit == "items")
        #expect(try RxAtlasMeasureFormat.decode(RxAtlasMeasureFormat.encode(m), file: "again.json") == m)
    }

    @Test func openPrescribingShortNamesAreLabels() throws {
        let json = """
        {"name": "Y", "is_percentage": false, "numerator_type": "bnf_items", "numerator_short": "Prednisolone items",
         "numerator_bnf_codes_filter": ["0603020T0"], "denominator_type": "list_size", "denominator_short": "1000 patients"}
        """
        let m = try OpenPrescribingMeasureFormat.decode(Data(json.utf8), file: "y.json")
        #expect(m.numerator.unit == "Prednisolone items")
        // A list size is always totalled in thousand patient-months, whatever it is called.
        #expect(m.denominator.label == "1000 patients" && m.denominator.unit == "thousand patient-months")
        #expect(m.denominator.decimals == 3 && m.numerator.decimals == 0)
    }

    @Test func unitsOfEveryQuantity() {
        let units = MeasureDefinition.SideQuantity.allCases.map { MeasureDefinition.Side(quantity: $0, filter: nil).unit }
        #expect(Set(units).count == units.count, "each quantity names a different unit")
        #expect(MeasureDefinition.Side(quantity: .nic, filter: nil).decimals == 2)
    }
}
