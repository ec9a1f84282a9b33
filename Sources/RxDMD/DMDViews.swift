/// RxAtlas's own versions of the views OpenPrescribing's measure queries read besides the dm+d
/// tables, created as temporary views over the attached release (`dmd.…`) when a
/// ``DMDDatabase`` opens. Each gives the columns OpenPrescribing's does, from the same joins;
/// where one departs, the departure is said beside it (and in docs/DMD.md).
enum DMDViews {
    /// Views the translation points `{dmd}.vmp_full`, `{dmd}.amp_full` and `{dmd}.vmpp_full` to.
    static let ownViews = ["vmp_full", "amp_full", "vmpp_full"]

    /// The views' SQL, in creation order. The two over dm+d alone are materialised as tables
    /// (and indexed, ``indexes``): a query joins them to every stored presentation, and a view
    /// would be evaluated again for each.
    static let sql = [
        // Every VMP, AMP, VMPP and AMPP with a BNF code, each with its VMP's form and route from
        // `ont` and `ontformroute` (`tablet.oral`). OpenPrescribing's also joins its presentation
        // table for `bnf_name`; here `bnf_name` is empty, and the codes the table would drop
        // select no prescribing row anyway.
        """
        CREATE TEMP TABLE vw__dmd_objs_with_form_route AS
        WITH vmps AS (
          SELECT 'vmp' AS obj_type, 1 AS order_key, vmp.id AS vpid, vmp.id AS snomed_id, vmp.bnf_code AS bnf_code,
                 vmp.nm AS name, ontformroute.descr AS form_route
          FROM dmd.vmp JOIN dmd.ont ON vmp.id = ont.vmp JOIN dmd.ontformroute ON ont.form = ontformroute.cd
        ), amps AS (
          SELECT 'amp', 2, amp.vmp, amp.id, amp.bnf_code, amp.descr, vmps.form_route
          FROM dmd.amp JOIN vmps ON amp.vmp = vmps.vpid WHERE amp.bnf_code IS NOT NULL
        ), vmpps AS (
          SELECT 'vmpp' AS obj_type, 3 AS order_key, vmpp.vmp AS vpid, vmpp.id AS snomed_id, vmpp.bnf_code AS bnf_code,
                 vmpp.nm AS name, vmps.form_route AS form_route
          FROM dmd.vmpp JOIN vmps ON vmpp.vmp = vmps.vpid WHERE vmpp.bnf_code IS NOT NULL
        ), ampps AS (
          SELECT 'ampp', 4, vmpps.vpid, ampp.id, ampp.bnf_code, ampp.nm, vmpps.form_route
          FROM dmd.ampp JOIN vmpps ON ampp.vmpp = vmpps.snomed_id WHERE ampp.bnf_code IS NOT NULL
        ), all_objs AS (
          SELECT * FROM vmps UNION ALL SELECT * FROM amps UNION ALL SELECT * FROM vmpps UNION ALL SELECT * FROM ampps
        )
        SELECT obj_type, vpid, snomed_id, bnf_code, name AS dmd_name, NULL AS bnf_name, form_route
        FROM all_objs WHERE bnf_code IS NOT NULL ORDER BY bnf_code, order_key
        """,
        // Each prescribed presentation's number of ingredients, through the VMP whose code has the
        // presentation's generic equivalent (characters 1–9, `AA`, 14–15). Over the presentations
        // the caller gives (the store's); none given, the view is empty.
        """
        CREATE TEMP TABLE vw__presentation_ingredient_count AS
        SELECT vpi.vmp AS vmp, bnf.presentation_code AS bnf_code, COUNT(vpi.ing) AS ing_count
        FROM dmd.vpi AS vpi JOIN dmd.vmp AS v ON v.id = vpi.vmp
        JOIN bnf ON substr(bnf.presentation_code, 1, 9) || 'AA' || substr(bnf.presentation_code, -2, 2)
                    = substr(v.bnf_code, 1, 11) || substr(v.bnf_code, -2, 2)
        GROUP BY vpi.vmp, bnf.presentation_code
        """,
        // OpenPrescribing's "full" views add each product's looked-up descriptions; the queries
        // use the VMP's dose form (`dform_form`).
        """
        CREATE TEMP VIEW vmp_full AS
        SELECT vmp.*, (SELECT form.descr FROM dmd.dform JOIN dmd.form ON dform.form = form.cd WHERE dform.vmp = vmp.id) AS dform_form
        FROM dmd.vmp
        """,
        // Unit conversions to milligrams and millilitres for the strength measures
        // (gabapentinoidsddd, pregabalinmg), as OpenPrescribing's published view gives them,
        // litre's 0.001 included.
        """
        CREATE TEMP VIEW vw__measure_conversion AS
        SELECT cd, descr,
          CASE WHEN cd = 258682000 THEN 0.001 WHEN cd = 258685003 THEN 1000 WHEN cd = 258684004 THEN 1 ELSE NULL END AS nmtr_unit_conversion,
          CASE WHEN cd = 258770004 THEN 0.001 WHEN cd = 258774008 THEN 1000 WHEN cd = 258773002 THEN 1 ELSE NULL END AS dnmtr_unit_conversion
        FROM dmd.unitofmeasure
        """,
        "CREATE TEMP VIEW amp_full AS SELECT amp.* FROM dmd.amp",
        "CREATE TEMP VIEW vmpp_full AS SELECT vmpp.* FROM dmd.vmpp",
    ]

    /// Inhaler quantities given in doses rather than inhalers: per month and presentation,
    /// when the store's quantity per item is over 9, the smallest pack of the presentation's
    /// generic VMPPs, else 1. OpenPrescribing's sums every practice in England; here every
    /// practice in the store (`presentation_month`), the same for a national store.
    /// Materialised once the store's monthly totals are loaded, with its index.
    static let inhalerAdjustment = [
        """
        CREATE TEMP TABLE vw__inhaler_quantity_adjustment AS
        SELECT t.month AS date, t.bnf_code AS bnf_code, form.form_route AS form_route,
               CASE WHEN SUM(t.quantity) / SUM(t.items) > 9 THEN MIN(vmpp.qtyval) ELSE 1 END AS qtyadj
        FROM presentation_month t
        JOIN dmd.vmpp vmpp ON bq_concat(bq_substr(t.bnf_code, 1, 9), 'AA', bq_substr(t.bnf_code, -2, 2))
                              = bq_concat(bq_substr(vmpp.bnf_code, 1, 11), bq_substr(vmpp.bnf_code, -2, 2))
        JOIN vw__dmd_objs_with_form_route form ON form.vpid = vmpp.vmp
        WHERE form.form_route IN ('pressurizedinhalation.inhalation', 'powderinhalation.inhalation', 'inhalationsolution.inhalation')
        GROUP BY t.month, t.bnf_code, form.form_route
        """,
        "CREATE INDEX temp.inhaler_month_code ON vw__inhaler_quantity_adjustment (date, bnf_code)",
    ]

    /// Indexes on the materialised views.
    static let indexes = [
        "CREATE INDEX temp.objs_code ON vw__dmd_objs_with_form_route (bnf_code)",
        "CREATE INDEX temp.objs_vpid ON vw__dmd_objs_with_form_route (vpid)",
        "CREATE INDEX temp.ingcount_code ON vw__presentation_ingredient_count (bnf_code)",
    ]

    /// The presentation tables OpenPrescribing's queries name (`{hscic}.normalised_prescribing`,
    /// `{hscic}.presentation`, `{hscic}.bnf`), filled from the presentations the caller gives.
    static let tables = [
        // Per month and presentation, the store's totals (filled when a query needs them).
        "CREATE TEMP TABLE presentation_month (month TEXT, bnf_code TEXT, items REAL, quantity REAL, net_cost REAL, PRIMARY KEY (month, bnf_code))",
        // One row per presentation the store holds, for `custom` sides (``DMDDatabase/customSide(columns:from:where:)``):
        // `practice` is the presentation itself, so that grouping by it gives each presentation's weight.
        """
        CREATE TEMP TABLE normalised_prescribing (practice TEXT PRIMARY KEY, month TEXT, bnf_code TEXT, bnf_name TEXT,
          items REAL DEFAULT 0, quantity REAL DEFAULT 0, actual_cost REAL DEFAULT 0, net_cost REAL DEFAULT 0)
        """,
        // One row per (presentation, quantity per item) the store holds, for `custom` sides over
        // OpenPrescribing's un-summed rows (`raw_prescribing_normalised`, with `quantity_per_item`
        // and `total_quantity`); `practice` is the pair (code, U+0001, fixed-point quantity per
        // item). Filled when a side reads it.
        """
        CREATE TEMP TABLE raw_prescribing_normalised (practice TEXT PRIMARY KEY, month TEXT, bnf_code TEXT, bnf_name TEXT,
          quantity_per_item REAL, items REAL DEFAULT 0, total_quantity REAL DEFAULT 0, actual_cost REAL DEFAULT 0, net_cost REAL DEFAULT 0)
        """,
        "CREATE TEMP TABLE presentation (bnf_code TEXT PRIMARY KEY, name TEXT)",
        "CREATE TEMP TABLE bnf (presentation_code TEXT PRIMARY KEY, presentation TEXT, chemical_code TEXT, product_code TEXT)",
    ]
}
