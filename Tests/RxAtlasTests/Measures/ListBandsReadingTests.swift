import Foundation
import RxData
import Testing
@testable import RxAtlas

/// OpenPrescribing's `practice_statistics` sides read as age–sex bands of the list.
struct ListBandsReadingTests {
    @Test func underFivesAndWomen35To74() throws {
        let under5 = try #require(ListBandsReading.read(columns: "SUM(male_0_4 + female_0_4) AS denominator", where: "1 = 1"))
        #expect(under5.bands == [.init(female: false, from: 0, to: 4), .init(female: true, from: 0, to: 4)] && under5.divisor == 1)
        #expect(under5.condition == nil)
        let women = try #require(ListBandsReading.read(
            columns: "(max(female_35_44) + max(female_45_54) + max(female_55_64) + max(female_65_74))  / 1000.0 AS denominator ",
            where: " female_35_44 > 10 "))
        #expect(women.bands.count == 4 && women.bands.allSatisfy(\.female) && women.divisor == 1000)
        #expect(women.condition?.band == .init(female: true, from: 35, to: 44) && women.condition?.minimum == 10)
    }

    @Test func anythingElseIsNotRead() {
        #expect(ListBandsReading.read(columns: "SUM(total_list_size / 1000.0) AS denominator", where: "1 = 1") == nil)
        #expect(ListBandsReading.read(columns: "SUM(male_0_4 * 2) AS denominator", where: "1 = 1") == nil)
        #expect(ListBandsReading.read(columns: "SUM(male_0_4) AS denominator", where: "male_0_4 < 10") == nil)
        #expect(ListBandsReading.read(columns: "SUM(male_0_4) AS denominator", where: "male_0_4 > 10 AND female_0_4 > 10") == nil)
    }

    /// Five-year groups as published fall in OpenPrescribing's bands; the condition zeroes a list.
    @Test func patientsOfAList() {
        let band = MeasureDefinition.ListBands.Band(female: true, from: 35, to: 44)
        #expect(band.holds("35_39") && band.holds("40_44") && !band.holds("45_49") && !band.holds("30_34") && !band.holds("ALL"))
        #expect(MeasureDefinition.ListBands.Band(female: false, from: 75, to: nil).holds("95+"))
        let list = PracticeList(total: 1000, male: ["0_4": 30, "35_39": 50], female: ["0_4": 25, "35_39": 6, "40_44": 4])
        let women = MeasureDefinition.ListBands(bands: [band], divisor: 1000, condition: (band, 10))
        #expect(women.patients(list) == 0)   // 10 women aged 35–44: not more than 10
        let under5 = MeasureDefinition.ListBands(bands: [.init(female: false, from: 0, to: 4), .init(female: true, from: 0, to: 4)], divisor: 1)
        #expect(under5.patients(list) == 55)
    }
}
