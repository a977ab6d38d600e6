import Testing
import ThresholdTestSupport

@testable import ThresholdKit

@Suite("The compact list of paths an audit holds")
struct PathCollectionTests {
    @Test("paths come back as they went in: empty, non-ASCII, with a NUL-free control character, in order")
    func roundTrip() {
        let paths = ["labs/a.yaml", "", "é/文書.yaml", "x\u{1B}[31m.yaml", "labs/a.yaml", "/abs/olute"]
        let collection = PathCollection(paths)
        #expect(collection.count == paths.count)
        #expect(Array(collection) == paths)
        #expect(collection[2] == "é/文書.yaml")
        #expect(collection == PathCollection(paths))
        #expect(collection != PathCollection(paths.dropLast()))
        #expect(PathCollection() == [])
        #expect(collection.description == paths.description)
        var appended = PathCollection()
        for path in paths { appended.append(path) }
        #expect(appended == collection)
    }

    @Test("sorted by the bytes of the paths, a prefix first, '/' after '.', each path once")
    func sortedBytewise() {
        let paths: PathCollection = ["a/b", "a.b", "a", "", "b", "a", "é", "e", "a/b", "Z"]
        #expect(Array(paths.sortedWithoutDuplicates()) == ["", "Z", "a", "a.b", "a/b", "b", "e", "é"])
    }

    @Test("the sort and FileWalker.pathOrder agree with the UTF-8 views' order on random paths")
    func sortMatchesPathOrder() {
        var random = SplitMix64(seed: 0x5041_5448)
        let alphabet: [String] = ["a", "b", ".", "/", "é", "-", "0"]
        for _ in 0..<200 {
            let paths = (0..<Int.random(in: 0...40, using: &random)).map { _ in
                (0..<Int.random(in: 0...5, using: &random)).map { _ in alphabet.randomElement(using: &random)! }
                    .joined()
            }
            var expected: [String] = []
            let bytewise = paths.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            #expect(paths.sorted(by: FileWalker.pathOrder) == bytewise)
            for path in bytewise where expected.last != path { expected.append(path) }
            #expect(Array(PathCollection(paths).sortedWithoutDuplicates()) == expected)
        }
    }
}
