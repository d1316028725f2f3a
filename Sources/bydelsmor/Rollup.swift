import ArgumentParser
import BydelsmorCore
import Foundation

/// `bydelsmor rollup`: the national picture from the groups' anonymous summaries. It needs no
/// journal and reads nothing else.
struct RollupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollup",
        abstract: H("Læg gruppernes anonyme årssammendrag sammen (report --format json --group NAVN) til landsbilledet."),
        discussion: H("Eksempel: bydelsmor rollup sammendrag/*.json --format markdown. Intet skrives, hvis blot én fil afvises."))
    @Argument(help: H("Sammendragene.")) var files: [String]
    @Option(help: H("Formatet.")) var format: RollupFormat = .markdown
    @Option(help: H("Filen der skrives (ellers standard output).")) var out: String?
    @Flag(help: H("Skriv over en fil, som bydelsmor ikke selv har skrevet.")) var force = false
    @Flag(name: .customLong("allow-years"), help: H("Læg sammendrag fra flere år sammen.")) var allowYears = false
    @Option(name: .long, help: H("Sprog (standard: da; LANG=en_* giver en).")) var lang: Lang?

    func run() throws {
        let l = Lang.resolve(option: lang?.rawValue, environment: ProcessInfo.processInfo.environment) ?? .da
        guard !files.isEmpty else { throw ValidationError(l.t("giv mindst ét sammendrag", "give at least one summary")) }
        // Everything is read and checked before anything is written.
        var read: [(file: String, summary: GroupSummary)] = []
        for f in files {
            // A summary is a few kilobytes: a FIFO, a device or a huge file is refused before reading.
            var st = stat()
            guard stat(f, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, st.st_size <= 1 << 20 else {
                complain("bydelsmor: " + l.t("\(f): er ikke en almindelig fil på højst 1 MB, som et sammendrag er",
                                             "\(f): is not a regular file of at most 1 MB, as a summary is"))
                throw ExitCode(1)
            }
            guard let data = FileManager.default.contents(atPath: f) else {
                complain("bydelsmor: " + l.t("\(f): kan ikke læses", "\(f): cannot be read")); throw ExitCode(4)
            }
            do throws(Message) { read.append((f, try GroupSummary(json: [UInt8](data)))) } catch {
                complain("bydelsmor: \(f): " + error.text(l)); throw ExitCode(1)
            }
        }
        let r: Rollup
        do throws(Message) { r = try Rollup(read,
                                            allowYears: allowYears) } catch { complain("bydelsmor: " + error.text(l)); throw ExitCode(1) }
        let text: String
        switch format {
        case .markdown: text = r.markdown(l)
        case .html: text = r.html(l)
        case .json: text = r.json()
        case .csv: text = r.csv()
        }
        do { try emit(text, to: out, journal: nil, inputs: files, force: force, lang: l) } catch let f as CLIFailure {
            complain("bydelsmor: " + f.message); throw ExitCode(f.code)
        }
    }
}

enum RollupFormat: String, CaseIterable, ExpressibleByArgument {
    case markdown, html, json, csv
}
