import Testing
@testable import RxData

@Suite struct IndicatorTableTests {
    let dir = TempDir()
    let proportion = IndicatorTable.Rules(numeratorWithinDenominator: true, positiveDenominator: true)

    @Test func readsNamedColumnsInAnyOrder() throws {
        let path = dir.write("t.csv", "Denominator,Unit,Numerator,extra\n100,A,5,x\n200,\"B, the second\",10,y\n")
        let t = try IndicatorTable.read(path: path, rules: proportion)
        #expect(t.units == ["A", "B, the second"])
        #expect(t.numerators == [5, 10])
        #expect(t.denominators == [100, 200])
        #expect(t.lines == [2, 3])
    }

    @Test func customColumnNames() throws {
        let path = dir.write("c.csv", "practice,items,patients\nP1,3,1000\n")
        let t = try IndicatorTable.read(path: path, unit: "practice", numerator: "items", denominator: "patients", rules: proportion)
        #expect(t.units == ["P1"])
    }

    @Test func badRowsNameTheirLine() {
        let cases: [(String, InputError)] = [
            ("unit,numerator,denominator\nA,1,10\nB,x,10\n", InputError(file: "", line: 3, field: "numerator", reason: "not a number: 'x'")),
            ("unit,numerator,denominator\nA,-1,10\n", InputError(file: "", line: 2, field: "numerator", reason: "negative value -1")),
            ("unit,numerator,denominator\nA,11,10\n", InputError(file: "", line: 2, field: "numerator", reason: "numerator 11 exceeds denominator 10")),
            ("unit,numerator,denominator\nA,1,0\n", InputError(file: "", line: 2, field: "denominator", reason: "the denominator must be above zero")),
            ("unit,numerator\nA,1\n", InputError(file: "", line: 1, field: "denominator", reason: "column missing (the header has: unit, numerator)")),
        ]
        for (i, (text, expected)) in cases.enumerated() {
            let path = dir.write("bad\(i).csv", text)
            var e = readerError { _ = try IndicatorTable.read(path: path, rules: proportion) }
            e?.file = ""
            #expect(e == expected)
        }
    }

    @Test func ratesMayExceedTheirDenominator() throws {
        let path = dir.write("r.csv", "unit,numerator,denominator\nA,12,10\n")
        let t = try IndicatorTable.read(path: path, rules: .init(numeratorWithinDenominator: false, positiveDenominator: true))
        #expect(t.numerators == [12])
    }
}
