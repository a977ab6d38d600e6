/// The obligations a set of rule packs defines, by pack: what the `obligation:` and `pack:` of a
/// profile's records may name. A record that names anything else is an error at its line, never a
/// record silently ignored — a mistyped id would otherwise hide a high-risk finding.
package struct RecordVocabulary: Sendable, Hashable {
    /// Pack ids in the order they were loaded.
    let packs: [String]
    /// Obligation ids by pack id.
    let obligations: [String: Set<String>]
    /// Every obligation id, once, in load order (for suggestions).
    let allObligations: [String]
    /// The same ids as a set: a record that names no pack is looked up once, not in each pack.
    let anyPack: Set<String>

    /// The vocabulary of these packs.
    package init(packs: [RulePack]) {
        self.packs = packs.map(\.id)
        var obligations: [String: Set<String>] = [:]
        var all: [String] = []
        var seen: Set<String> = []
        for pack in packs {
            obligations[pack.id, default: []].formUnion(pack.obligations.map(\.id))
            for obligation in pack.obligations where seen.insert(obligation.id).inserted { all.append(obligation.id) }
        }
        self.obligations = obligations
        self.allObligations = all
        self.anyPack = seen
    }

    /// A vocabulary of these parts (a detached copy's).
    init(packs: [String], obligations: [String: Set<String>], allObligations: [String], anyPack: Set<String>) {
        self.packs = packs
        self.obligations = obligations
        self.allObligations = allObligations
        self.anyPack = anyPack
    }

    /// What is wrong with a record naming `obligation` (and `pack`): the key at fault and the
    /// message, or nil when a loaded pack defines it.
    package func problem(obligation: String, pack: String?) -> (key: String, message: String)? {
        if let pack {
            guard let defined = obligations[pack] else {
                var message = "no rule pack \(pack.quotedForDiagnostic()) is loaded"
                if let near = Suggestion.nearest(toID: pack, among: packs) {
                    message += "; did you mean '\(near)'?"
                } else {
                    message += " (loaded: \(packs.joined(separator: ", ")))"
                }
                return ("pack", message)
            }
            guard defined.contains(obligation) else {
                var message = "the pack '\(pack)' defines no obligation \(obligation.quotedForDiagnostic())"
                if let near = Suggestion.nearest(toID: obligation, among: allObligations.filter(defined.contains)) {
                    message += "; did you mean '\(near)'?"
                }
                return ("obligation", message)
            }
            return nil
        }
        guard !anyPack.contains(obligation) else { return nil }
        var message = "no loaded rule pack defines an obligation \(obligation.quotedForDiagnostic())"
        if let near = Suggestion.nearest(toID: obligation, among: allObligations) {
            message += "; did you mean '\(near)'?"
        }
        return ("obligation", message)
    }

    /// The problems with a profile's records, one per record at fault, in the profile's order.
    package func problems(in profile: LabProfile) -> [YAMLError] {
        profile.assessments.enumerated().compactMap { offset, record in
            guard let (key, message) = problem(obligation: record.obligation, pack: record.pack) else { return nil }
            let mark = (key == "pack" ? record.packMark : record.obligationMark) ?? record.mark ?? .start
            return YAMLError(
                kind: .decoding, problem: "assessments[\(offset)].\(key): \(message)", mark: mark, file: profile.path)
        }
    }
}
