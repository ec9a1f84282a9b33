import ArgumentParser
import Testing
@testable import rxatlas

/// Every subcommand's help, as printed on an 80-column terminal.
@Suite struct HelpTextTests {
    static let commands: [ParsableCommand.Type] = [
        RxAtlasCommand.self, IngestCommand.self, StoreCommand.self, StoreCommand.Info.self, SynthCommand.self,
        IndicatorCommand.self, MeasuresCommand.self, AtlasCommand.self, BiosimilarsCommand.self, SteroidsCommand.self,
        OutliersCommand.self, ChartsCommand.self, ReportCommand.self, BatchCommand.self, OutputsCommand.self,
    ]

    /// Examples fit the width: no line of an example wraps back to column 0.
    @Test(arguments: commands.indices) func examplesStayIndented(_ i: Int) {
        let help = RxAtlasCommand.helpMessage(for: Self.commands[i], columns: 80)
        let lines = help.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(where: { $0.hasPrefix("Examples:") }) else {
            Issue.record("\(Self.commands[i]) has no examples")
            return
        }
        var examples = 0
        for line in lines[(start + 1)...] {
            if line.isEmpty { break }
            #expect(line.hasPrefix("  "), "\(Self.commands[i]): '\(line)' wraps to column 0")
            #expect(line.count <= 80)
            if line.hasPrefix("  rxatlas") { examples += 1 }
        }
        #expect(examples >= 1)
    }

    /// A default is stated once, by the parser, not again in the option's own words.
    @Test(arguments: commands.indices) func defaultsAreStatedOnce(_ i: Int) {
        let help = RxAtlasCommand.helpMessage(for: Self.commands[i], columns: 1000)
        for line in help.split(separator: "\n") where line.contains("(default: ") {
            let count = line.components(separatedBy: "default").count - 1
            #expect(count == 1, "\(Self.commands[i]): \(line)")
        }
    }
}
