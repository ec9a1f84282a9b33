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
}
