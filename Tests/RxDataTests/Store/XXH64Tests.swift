import Testing
import RxData

/// XXH64 against the reference implementation's published values (xxHash `xsum_sanity_check.c`
/// and the specification's examples) and against Python `xxhash` 3.x for longer inputs.
@Suite struct XXH64Tests {
    /// Bytes `(i * 31 + 7) & 0xFF`, the pattern the Python reference digests were taken over.
    static func pattern(_ n: Int) -> [UInt8] { (0..<n).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) } }

    @Test func publishedVectors() {
        #expect(XXH64.hash([UInt8]()) == 0xEF46_DB37_51D8_E999)
        #expect(XXH64.hash(Array("a".utf8)) == 0xD24E_C4F1_A98C_6E5B)
        #expect(XXH64.hash(Array("abc".utf8)) == 0x44BC_2CF5_AD77_0999)
        #expect(XXH64.hash(Array("abc".utf8), seed: 1) == 0xBEA9_CA81_9932_8908)
        #expect(XXH64.hash(Array("Nobody inspects the spammish repetition".utf8)) == 0xFBCE_A83C_8A37_8BF1)
    }

    /// Lengths that exercise every tail path and the 32-byte stripes; digests from Python
    /// `xxhash.xxh64(pattern(n), seed)`.
    static let vectors: [(Int, UInt64, UInt64)] = [
        (1, 0xA96C_7F0C_E858_BBB7, 0x5858_8242_2A61_65E7),
        (3, 0x56E6_9576_32A4_87F9, 0x5ACB_303E_7813_3C22),
        (4, 0xC60D_15B1_E3FF_8F04, 0x7D51_D5E2_4617_32B3),
        (7, 0xAFBE_FC3D_6C6F_9A8E, 0x2CE9_ADEC_2B2C_8104),
        (8, 0x3DA5_C7AA_2696_83E0, 0x7588_48F0_33FA_76A2),
        (15, 0xAE2A_37EB_9357_CAA7, 0xA18D_5C90_D722_CEE3),
        (31, 0x4A74_F3A1_A39A_D4A1, 0x8137_041F_5AF8_8413),
        (32, 0x8D57_D6A4_671C_C43D, 0x184E_BCF3_745C_D46C),
        (33, 0x62C9_FD21_ED85_7664, 0x52FA_C3C9_81F3_CC2E),
        (63, 0x5C32_0A0D_2707_057F, 0x64EF_99A2_E94C_C7BD),
        (64, 0x7BBA_BBC4_5729_D17E, 0xF7F2_2435_FE1A_B128),
        (100, 0xEFA0_AD2D_3E70_C151, 0xBC7A_B33B_E752_8C18),
        (1000, 0x9959_4F48_2804_3D35, 0xDA71_7F74_1F39_9F3F),
        (4097, 0xD424_96BB_BECA_CB1D, 0xEBE8_57EC_1B0F_16C0),
    ]

    @Test(arguments: vectors)
    func patternVectors(_ v: (Int, UInt64, UInt64)) {
        let bytes = Self.pattern(v.0)
        #expect(XXH64.hash(bytes) == v.1)
        #expect(XXH64.hash(bytes, seed: 0x9E37_79B9_7F4A_7C15) == v.2)
    }

    @Test func streamingMatchesOneShotForAnySplit() {
        let bytes = Self.pattern(4097)
        for piece in [1, 3, 7, 31, 32, 33, 100, 1000, 5000] {
            var h = XXH64()
            var i = 0
            while i < bytes.count {
                let j = min(bytes.count, i + piece)
                h.update(Array(bytes[i..<j]))
                i = j
            }
            #expect(h.finalize() == 0xD424_96BB_BECA_CB1D, "piece size \(piece)")
        }
        var empty = XXH64()
        empty.update([UInt8]())
        #expect(empty.finalize() == 0xEF46_DB37_51D8_E999)
    }
}
