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

    /// A missing comma in an IN list: GoogleSQL joins the adjacent literals into one string.
    @Test func adjacentLiteralsAreOneString() throws {
        let sql = """
            bnf_code NOT IN ('21010900637', -- first
              '21010900890' -- no comma after this one
              '21012600343' # nor a comma here
             ) AND bnf_name LIKE "%lancets%" 'x'
            """
        let out = try BigQueryTranslation.sqlite(sql)
        #expect(out.contains("'2101090089021012600343'") && !out.contains("'21010900890'") && out.contains("'21010900637'"))
        #expect(out.contains("LIKE '%lancets%x'"))
        #expect(BigQueryTranslation.joinedLiterals(sql) == ["2101090089021012600343", "%lancets%x"])
        #expect(BigQueryTranslation.joinedLiterals("a IN ('1', '2') -- 'not' 'a literal'\n AND b = '3'") == [])
    }

    @Test func aPlaceholderOfOpenPrescribingsPipelineIsRefused() {
        #expect(throws: DMDError.self) { try BigQueryTranslation.sqlite("SELECT bnf_code FROM {hscic}.x WHERE month >= '{three_months_ago}'") == "" }
        #expect(throws: DMDError.self) { try BigQueryTranslation.sqlite("SELECT bnf_code FROM t WHERE m >= {three_months_ago}") == "" }
    }

    /// BigQuery's SUBSTR, CONCAT and LEFT on the connection, where SQLite's differ.
    @Test func bigQueryFunctionsMeanWhatTheyMeanInBigQuery() throws {
        let dir = try TemporaryFolder()
        try DMDFixture.write(to: dir.path + "/release")
        try DMDImport.run(paths: [dir.path + "/release"], output: dir.path + "/dmd.sqlite")
        let db = try DMDDatabase(path: dir.path + "/dmd.sqlite")
        func one(_ expression: String) throws -> String? { try db.codes(for: "SELECT \(expression)").first }
        #expect(try one("SUBSTR('0501013B0AAABAB', 0, 9)") == "0501013B0")     // SQLite's substr gives 8 characters
        #expect(try one("SUBSTR('0501013B0AAABAB', -2)") == "AB")
        #expect(try one("SUBSTR('0501013B0AAABAB', 10, 2)") == "AA")
        #expect(try one("CONCAT(SUBSTR('0501013B0BBAAAB', 0, 9), 'AA', SUBSTR('0501013B0BBAAAB', -2), SUBSTR('0501013B0BBAAAB', -2))")
                == "0501013B0AAABAB")
        #expect(try one("CONCAT('a', NULL)") == nil)
        #expect(try one("LEFT('0601023AGAA', 9)") == "0601023AG")
    }
}
