import Testing
@testable import RxReport

@Suite struct QuintileClassesTests {
    /// 1…10 by hand, R type 7: q_p = x[⌊h⌋] + frac(h)·(x[⌊h⌋+1] − x[⌊h⌋]) with h = p·9 (0-based):
    /// q20 = 2.8, q40 = 4.6, q60 = 6.4, q80 = 8.2.
    @Test func breaksAndClassesByHand() throws {
        let q = try #require(QuintileClasses(values: (1...10).map(Double.init) + [.nan]))
        for (a, b) in zip(q.breaks, [2.8, 4.6, 6.4, 8.2]) { #expect(abs(a - b) < 1e-12) }
        #expect((1...10).map { q.classify(Double($0))! } == [0, 0, 1, 1, 2, 2, 3, 3, 4, 4])
        #expect(q.classify(.nan) == nil)
    }

    @Test func aValueOnABreakTakesTheLowerClass() {
        let q = QuintileClasses(breaks: [1, 2, 3, 4])
        #expect(q.classify(1) == 0)
        #expect(q.classify(1.0000001) == 1)
        #expect(q.classify(2) == 1)
        #expect(q.classify(4) == 3)
        #expect(q.classify(4.5) == 4)
        #expect(q.classify(-100) == 0)
        #expect(q.label(0) == "≤ 1" && q.label(2) == "2 – 3" && q.label(4) == "> 4")
    }

    @Test func noFiniteValuesGiveNoClasses() {
        #expect(QuintileClasses(values: [.nan]) == nil)
        #expect(QuintileClasses(values: []) == nil)
    }
}
