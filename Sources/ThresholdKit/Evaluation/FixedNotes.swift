/// Notes whose words do not depend on the profile, made once per process, each as a list of one.
///
/// A threshold or duty gives such a note for many subjects of many profiles. Made afresh, each
/// would allocate its text (when longer than a small string) and the list that holds it; a result
/// whose notes are empty takes the shared list instead (`append(sharing:)`), and a longer list
/// takes the shared text.
enum FixedNotes {
    /// The sum of a model's training and fine-tuning compute was compared.
    static let counted = ["counted: training_compute + fine_tuning_compute"]
    /// The sum of the modified model's training compute and the fine-tuning was compared.
    static let countedOnBase = ["counted: base_model.training_compute + fine_tuning_compute"]
    /// Neither part of the sum on a modified model is given.
    static let neitherOnBase = ["neither base_model.training_compute nor fine_tuning_compute is given"]
    /// The sum could not be told without the fine-tuning compute.
    static let fineTuningMissing = [
        "fine_tuning_compute is not given: it counts toward this threshold, so only a training run already over "
            + "the line decides it"
    ]
    /// The sum on a modified model could not be told without the fine-tuning compute.
    static let fineTuningMissingOnBase = [
        "fine_tuning_compute is not given: it counts toward this threshold, so only the base model's training "
            + "already over the line decides it"
    ]
    /// A duty that applies has nothing on file that meets it.
    static let nothingOnFile = ["nothing on file meets it"]

    /// "FACT is not given", for each fact in `FactKey.allCases` order.
    private static let notGiven: [[String]] = facts.map { [String(note: "\($0.rawValue) is not given")] }
    /// `FactKey.allCases`, made once (the synthesized property makes a new array at every call).
    private static let facts = FactKey.allCases

    /// "FACT is not given", as a list of one.
    static func notGiven(_ fact: FactKey) -> [String] {
        notGiven[facts.firstIndex(of: fact)!]
    }

    /// "FLAG is true" and "FLAG is false", for each fact in `FactKey.allCases` order.
    private static let isTrue: [String] = facts.map { String(note: "\($0.rawValue) is \(true)") }
    private static let isFalse: [String] = facts.map { String(note: "\($0.rawValue) is \(false)") }

    /// "FLAG is true" or "FLAG is false": why a condition on a flag the profile gives fails.
    static func flag(_ fact: FactKey, is value: Bool) -> String {
        let position = facts.firstIndex(of: fact)!
        return value ? isTrue[position] : isFalse[position]
    }
}
