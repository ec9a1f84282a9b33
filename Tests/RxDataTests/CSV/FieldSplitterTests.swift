import Testing
@testable import RxData

@Suite struct FieldSplitterTests {
    private func split(_ text: String) -> (FieldSplitter.Outcome, [String]) {
        let bytes = Array(text.utf8)
        let s = FieldSplitter(capacity: 64)
        defer { s.deallocate() }
        return bytes.withUnsafeBufferPointer { b in
            let outcome = s.split(b.baseAddress!, from: 0, end: b.count)
            guard case .line(let n, _) = outcome else { return (outcome, []) }
            let fields = (0..<n).map { i in
                FieldText.string(b.baseAddress! + Int(s.starts[i]), count: Int(s.ends[i] - s.starts[i]), escaped: s.escaped(i))
            }
            return (outcome, fields)
        }
    }

    @Test func plainFieldsAndLineEnd() {
        let (o, f) = split("a,bb,,dddddddddddddddd,e\nnext")
        #expect(o == .line(fields: 5, next: 25))
        #expect(f == ["a", "bb", "", "dddddddddddddddd", "e"])
    }

    @Test func quotedFieldWithCommaAndCRLF() {
        let (o, f) = split("Y57,\"BATH,GLOS,SWINDON & WILTSHIRE AREA TEAM\",Q64\r\n")
        #expect(o == .line(fields: 3, next: 51))
        #expect(f == ["Y57", "BATH,GLOS,SWINDON & WILTSHIRE AREA TEAM", "Q64"])
    }

    @Test func doubledQuotesAreUnescaped() {
        let (_, f) = split("x,\"say \"\"hi\"\", ok\",\"\"\n")
        #expect(f == ["x", "say \"hi\", ok", ""])
    }

    @Test func lastLineWithoutNewline() {
        let (o, f) = split("1,2,3")
        #expect(o == .line(fields: 3, next: 5))
        #expect(f == ["1", "2", "3"])
    }

    @Test func trailingCarriageReturnOnly() {
        let (_, f) = split("1,2\r")
        #expect(f == ["1", "2"])
    }

    @Test func unterminatedQuoteIsReported() {
        let (o, _) = split("a,\"open,field\nb,c\n")
        #expect(o == .unterminatedQuote(field: 1, next: 14))
    }

    @Test func textAfterClosingQuoteIsReported() {
        let (o, _) = split("a,\"q\"x,b\n")
        #expect(o == .textAfterQuote(field: 1, next: 9))
    }

    @Test func tooManyFieldsIsReported() {
        let line = Array(repeating: "1", count: 70).joined(separator: ",") + "\n"
        let (o, _) = split(line)
        #expect(o == .tooManyFields(next: line.utf8.count))
    }

    @Test func strayQuoteInsideUnquotedFieldIsText() {
        let (_, f) = split("5\" tube,b\n")
        #expect(f == ["5\" tube", "b"])
    }

    /// Long quoted fields (commas, doubled quotes, past 32 bytes so the vector paths run) in
    /// random lines, split as a plain reading of RFC 4180 splits them, line after line of one
    /// buffer; a quote left open is reported on the line where it opens.
    @Test(arguments: 1...8)
    func longQuotedFieldsMatchAPlainReading(seed: UInt64) {
        var rng = SplitMix(seed)
        var text = "", expected: [[String]?] = []
        for _ in 0..<60 {
            var fields: [String] = [], raw: [String] = []
            for _ in 0..<Int(rng.next() % 8 + 1) {
                let length = Int(rng.next() % 90)
                var value = ""
                for _ in 0..<length {
                    let r = rng.next() % 20
                    value.append(r == 0 ? "," : r == 1 ? "\"" : Character(UnicodeScalar(UInt8(97 + r % 26))))
                }
                if value.contains(",") || value.contains("\"") || rng.next() % 3 == 0 {
                    raw.append("\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"")
                } else {
                    raw.append(value)
                }
                fields.append(value)
            }
            if rng.next() % 15 == 0 {
                // An unterminated quote: the rest of the line is in the field, then the newline.
                text += raw.joined(separator: ",") + ",\"open" + String(repeating: "x", count: Int(rng.next() % 70)) + "\n"
                expected.append(nil)
            } else {
                text += raw.joined(separator: ",") + (rng.next() % 2 == 0 ? "\r\n" : "\n")
                expected.append(fields)
            }
        }
        let bytes = Array(text.utf8)
        let s = FieldSplitter(capacity: 64)
        defer { s.deallocate() }
        bytes.withUnsafeBufferPointer { b in
            var at = 0
            for (k, want) in expected.enumerated() {
                switch s.split(b.baseAddress!, from: at, end: b.count) {
                case .line(let n, let next):
                    let got = (0..<n).map { i in
                        FieldText.string(b.baseAddress! + at + Int(s.starts[i]), count: Int(s.ends[i] - s.starts[i]), escaped: s.escaped(i))
                    }
                    #expect(got == want, "seed \(seed), line \(k)")
                    at = next
                case .unterminatedQuote(_, let next):
                    #expect(want == nil, "seed \(seed), line \(k) reported unterminated")
                    at = next
                default:
                    Issue.record("seed \(seed), line \(k): unexpected outcome")
                    return
                }
            }
            #expect(at == b.count)
        }
    }
}

/// A small deterministic generator for the property tests.
private struct SplitMix {
    var state: UInt64
    init(_ seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
