import ArgumentParser
import Foundation
import RxData

/// `rxatlas outputs`: checks that a folder holds one command's complete outputs.
struct OutputsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outputs",
        abstract: "Check that an output folder holds one command's complete set of outputs.",
        discussion: """
        Every analysis command removes DIR/rxatlas-outputs.json before it writes and writes it \
        last, listing each file it wrote (the --sqlite and --json files too) with its checksum. \
        A folder without it holds an interrupted run's outputs.

        Examples:
          rxatlas outputs measures/
        """
    )

    @Argument(help: "The output folder.") var directory: String
    @OptionGroup var log: LogOptions

    func run() throws {
        guard let record = try OutputSet.check(directory: directory) else {
            throw OutputsIncomplete(directory: directory)
        }
        log.result("\(directory): complete outputs of \(record.command), \(record.files.count) files, finished \(record.finished)")
    }
}

/// An output folder without its completion record.
struct OutputsIncomplete: Error, CustomStringConvertible {
    let directory: String
    var description: String {
        "\(directory) holds no \(OutputSet.recordName): its outputs are from a run that did not finish; run the command again"
    }
}
