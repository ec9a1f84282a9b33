/// Small prescribing files in each published layout, for ingest tests.
enum Fixtures {
    static let epdLegacyHeader = "YEAR_MONTH,REGIONAL_OFFICE_NAME,REGIONAL_OFFICE_CODE,AREA_TEAM_NAME,AREA_TEAM_CODE,PCO_NAME,PCO_CODE,PRACTICE_NAME,PRACTICE_CODE,ADDRESS_1,ADDRESS_2,ADDRESS_3,ADDRESS_4,POSTCODE,BNF_CHEMICAL_SUBSTANCE,CHEMICAL_SUBSTANCE_BNF_DESCR,BNF_CODE,BNF_DESCRIPTION,BNF_CHAPTER_PLUS_CODE,QUANTITY,ITEMS,TOTAL_QUANTITY,ADQUSAGE,NIC,ACTUAL_COST,UNIDENTIFIED"

    /// One EPD legacy row.
    static func epdLegacyRow(month: String = "2017_09", practice: String = "L84073", practiceName: String = "ACORN PRACTICE",
                             bnf: String = "0105010B0BIAAAS", name: String = "Octasa_MR Tab E/C 800mg",
                             quantity: String = "168.0", items: String = "1", total: String = "168.0", adq: String = "84.0",
                             nic: String = "75.38", cost: String = "69.93852", unidentified: String = "N",
                             pco: String = "11M00") -> String {
        "\(month),SOUTH OF ENGLAND,Y57,\"BATH,GLOS,SWINDON & WILTSHIRE AREA TEAM\",Q64,GLOUCESTERSHIRE CCG,\(pco),\(practiceName),\(practice),,,,,,0105010B0,Mesalazine,\(bnf),\(name),,\(quantity),\(items),\(total),\(adq),\(nic),\(cost),\(unidentified)"
    }

    static let epd2025Header = "YEAR_MONTH,REGIONAL_OFFICE_NAME,REGIONAL_OFFICE_CODE,ICB_NAME,ICB_CODE,PCO_NAME,PCO_CODE,PRACTICE_NAME,PRACTICE_CODE,ADDRESS_1,ADDRESS_2,ADDRESS_3,ADDRESS_4,POSTCODE,BNF_CHEMICAL_SUBSTANCE_CODE,BNF_CHEMICAL_SUBSTANCE,BNF_PRESENTATION_CODE,BNF_PRESENTATION_NAME,BNF_CHAPTER_PLUS_CODE,QUANTITY,ITEMS,TOTAL_QUANTITY,ADQ_USAGE,NIC,ACTUAL_COST,UNIDENTIFIED,SNOMED_CODE"

    /// One EPD 2025+ row.
    static func epd2025Row(month: String = "2025-10", practice: String = "A81001", bnf: String = "0302000C0AAAAAA",
                           items: String = "2", total: String = "240.0", nic: String = "10.50", cost: String = "9.87654",
                           adq: String = "30.0", snomed: String = "3456789012345678901") -> String {
        "\(month),NORTH EAST AND YORKSHIRE,Y63,NHS NORTH EAST AND NORTH CUMBRIA INTEGRATED CARE BOARD,QHM,NHS NORTH EAST AND NORTH CUMBRIA ICB - 16C,16C,THE DENSHAM SURGERY,\(practice),THE HEALTH CENTRE,LAWSON STREET,STOCKTON,CLEVELAND,TS18 1HU,0302000C0,Beclometasone dipropionate,\(bnf),Beclometasone 100micrograms/dose inhaler CFC free,03: Respiratory System,120.0,\(items),\(total),\(adq),\(nic),\(cost),N,\(snomed)"
    }

    static let pdpiPaddedHeader = " SHA,PCT,PRACTICE,BNF CODE,BNF NAME                                    ,ITEMS  ,NIC        ,ACT COST   ,QUANTITY,PERIOD,"
    static func pdpiPaddedRow(practice: String = "N81646", bnf: String = "0102000N0AAABAB", items: String = "0000001",
                              nic: String = "00000000.64", cost: String = "00000000.70", quantity: String = "0000012") -> String {
        "Q44,RXA,\(practice),\(bnf),Hyoscine Butylbrom_Tab 10mg             ,\(items),\(nic),\(cost),\(quantity),201410,"
    }

    static let pdpiCleanHeader = "SHA,PCT,PRACTICE,BNF CODE,BNF NAME,ITEMS,NIC,ACT COST,QUANTITY,PERIOD"
    static func pdpiCleanRow(practice: String = "N81646", bnf: String = "0102000N0AAABAB", items: String = "3", quantity: String = "36.5") -> String {
        "Q44,RXA,\(practice),\(bnf),Hyoscine Butylbrom_Tab 10mg,\(items),1.92,2.10,\(quantity),201812"
    }

    static let phsHeader = "HBT,GPPractice,DMDCode,BNFItemCode,BNFItemDescription,ClassOfPreparationCode,PrescribedType,NumberOfPaidItems,PaidQuantity,GrossIngredientCost,PaidDateMonth"
    static func phsRow(board: String = "S08000015", practice: String = "10002", bnf: String = "0101010G0AAABAB",
                       items: String = "4", quantity: String = "2000", cost: String = "12.34", month: String = "202301") -> String {
        "\(board),\(practice),123456789,\(bnf),CO-MAGALDROX_SUSP 195MG/220MG/5ML S/F,1,AMP,\(items),\(quantity),\(cost),\(month)"
    }
}
