import Testing
@testable import RxDMD

struct BigQueryTranslationTests {
    @Test func commentsQuotesPrefixesAndUnions() throws {
        let sql = """
            SELECT DISTINCT v.bnf_code FROM {dmd}.vmp v # a comment with 'quotes'
             INNER JOIN `{project}.{dmd}.vtm` t ON t.id = v.vtm -- another
             WHERE LOWER(t.nm) LIKE "%it's#not%" UNION DISTINCT SELECT bnf_code FROM {measures}.vw__dmd_objs_with_form_route
             UNION ALL SELECT bnf_code FROM dmd.vmp_full WHERE STRPOS(nm, '.') > 0 AND x = 'measures.y'
            """
        let out = try BigQueryTranslation.sqlite(sql)
        #expect(out.contains("FROM dmd.vmp v"))
        #expect(!out.contains("a comment") && !out.contains("another"))
        #expect(out.contains("JOIN dmd.vtm t"))
        #expect(out.contains("LIKE '%it''s#not%'"))
        #expect(out.contains(" UNION SELECT bnf_code FROM vw__dmd_objs_with_form_route"))
        #expect(out.contains("UNION ALL SELECT bnf_code FROM vmp_full WHERE instr(nm, '.')"))
        #expect(out.contains("x = 'measures.y'"))
    }

    @Test func aPlaceholderOfOpenPrescribingsPipelineIsRefused() {
        #expect(throws: DMDError.self) { try BigQueryTranslation.sqlite("SELECT bnf_code FROM {hscic}.x WHERE month >= '{three_months_ago}'") == "" }
        #expect(throws: DMDError.self) { try BigQueryTranslation.sqlite("SELECT bnf_code FROM t WHERE m >= {three_months_ago}") == "" }
    }
}
