import ArgumentParser
import RxBatch

/// `rxatlas batch`: runs the analyses a TOML config lists, in parallel, resumably.
struct BatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Run the analyses a TOML config lists over stores and periods, in parallel, skipping unchanged jobs.",
        discussion: """
        The config (docs/BATCH.md) names stores, analyses (measures, atlas, charts, biosimilars, steroids, \
        outliers), measures, levels, periods (one range, the latest N months, or rolling windows) and outputs. \
        Each job writes into OUTPUT/<analysis>/<from>_<to>/; OUTPUT/batch-manifest.json records every job's \
        inputs, outputs, checksums and timings. A job whose store months, settings and outputs are unchanged \
        since it last succeeded is skipped. Exit status 3 when some jobs failed (the others still complete), \
        2 when the config is wrong (the message names the key).

        Examples:
          rxatlas batch batch.toml
          rxatlas batch batch.toml --force --verbose
        """
    )

    @Argument(help: "The batch config (TOML).") var config: String
    @Flag(help: "Run every job, even those unchanged since they last succeeded.") var force = false
    @OptionGroup var log: LogOptions

    func run() throws {
        let parsed = try BatchConfig.read(path: config)
        let runner = BatchRunner(config: parsed, configPath: config, softwareVersion: RxAtlasVersion.current,
                                 progress: log.reporter, force: force)
        let manifest = try runner.run()
        let count = { (s: BatchJobRecord.Status) in manifest.jobs.filter { $0.status == s }.count }
        let path = parsed.output + "/" + BatchManifest.fileName
        log.result("\(manifest.jobs.count) jobs: \(count(.ok)) ran, \(count(.skipped)) skipped, \(count(.failed)) failed; manifest \(path)")
        if count(.failed) > 0 { throw BatchJobsFailed(failed: count(.failed), total: manifest.jobs.count, manifest: path) }
    }
}
