import Foundation
import Testing
@testable import HelpdeskCore

@Suite struct IntentCatalogTests {
    func folder(_ files: [String: String]) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("intents-\(UUID().uuidString)").path
        for (name, text) in files {
            let path = (dir as NSString).appendingPathComponent(name)
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        return dir
    }

    func allLabels(except skip: Set<String> = []) -> [String: String] {
        var files = [String: String]()
        for l in IntentLabel.allCases where !skip.contains(l.rawValue) { files[l.rawValue + ".txt"] = "# \(l.rawValue)\nexample for \(l.rawValue)\n" }
        return files
    }

    @Test func parsesExamplesKeywordsAndComments() throws {
        var files = allLabels()
        files["greeting.txt"] = "# salam\nkeywords: halo, hai\nhalo\n- selamat pagi\n\n"
        files["replies/greeting.txt"] = "this is not an example: never read\n"
        let (catalog, problems) = IntentCatalog.read(directory: try folder(files))
        #expect(problems.isEmpty)
        let greetings = catalog.examples.filter { $0.intent == .greeting }
        #expect(greetings.map(\.text) == ["halo", "selamat pagi"])
        #expect(greetings.map(\.line) == [3, 4])
        #expect(catalog.keywords[.greeting] == ["halo", "hai"])
    }

    @Test func reportsEveryProblemWithPathAndLine() throws {
        var files = allLabels(except: ["goodbye"])
        files["thanks.txt"] = "# nothing yet\n"
        files["greting.txt"] = "halo\n"
        files["help.txt"] = "bantuan\nkeywrds: menu\nHalo!\n"
        files["lexicon/slang.tsv"] = "sy\tsaya\nrusak tanpa tab\n"
        let dir = try folder(files)
        let (_, problems) = IntentCatalog.read(directory: dir)
        let text = problems.map(\.description)
        #expect(text.contains { $0.hasSuffix("greting.txt: unknown intent label 'greting' (expected one of: \(IntentLabel.allCases.map(\.rawValue).joined(separator: ", ")))") })
        #expect(text.contains { $0.contains("help.txt:2: unknown directive 'keywrds:'") })
        #expect(text.contains { $0.hasSuffix("thanks.txt: intent 'thanks' has no examples") })
        #expect(text.contains { $0.hasSuffix("goodbye.txt: intent 'goodbye' has no catalog file") })
        #expect(text.contains { $0.contains("slang.tsv:2: expected 'slang<TAB>replacement'") })
        #expect(problems.count == 5)
        #expect(throws: Problem.self) { try IntentCatalog.load(directory: dir) }
    }

    @Test func duplicateExampleInTwoIntentsIsReported() throws {
        var files = allLabels()
        files["greeting.txt"] = "halo\n"
        files["help.txt"] = "bantuan\nHalo!\n"
        let (_, problems) = IntentCatalog.read(directory: try folder(files))
        #expect(problems.count == 1)
        #expect(problems.first?.line == 2)
        #expect(problems.first?.message.contains("also in greeting") == true)
    }

    @Test func missingFolderIsAProblemNotACrash() {
        let (_, problems) = IntentCatalog.read(directory: "/nonexistent/intents")
        #expect(problems.map(\.description) == ["/nonexistent/intents: intent catalog folder not found"])
    }

    @Test func evaluationFileErrorsNameTheLine() {
        #expect(throws: Problem(path: "e.tsv", line: 2, message: "expected 'intent<TAB>utterance'")) {
            try Evaluation.parse("greeting\thalo\nno tab here\n", path: "e.tsv")
        }
        #expect(throws: Problem(path: "e.tsv", line: 1, message: "unknown intent 'greet'")) {
            try Evaluation.parse("greet\thalo\n", path: "e.tsv")
        }
    }
}

@Suite struct IntentCatalogValidatorTests {
    @Test func realCatalogIsCleanAndSummarized() {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let report = IntentCatalogValidator(directory: root.appendingPathComponent("Intents").path).validate()
        #expect(report.problems.isEmpty, "\(report.problems)")
        #expect(report.summary.contains("10 intents"))
    }

    @Test func brokenFolderReportsProblems() {
        let report = IntentCatalogValidator(directory: "/nonexistent/intents").validate()
        #expect(report.problems.count == 1)
    }
}
