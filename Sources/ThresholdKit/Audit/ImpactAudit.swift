extension RuleBook {
    /// The impact of changing limits on the profiles in files: each is read once and evaluated
    /// under this book and under `changed` (this book with `changes` applied), on the same date. A
    /// file that holds no valid profile gets the same invalid verdict before and after.
    ///
    /// - Parameters:
    ///   - paths: regular files, in the order to report them (a walk's ``WalkResult/files``).
    /// - Returns: the report, and the verdicts under this book (the HTML report draws them).
    package func impact(
        of changes: [LimitChange], changed: RuleBook, onFilesAt paths: some Sequence<String>,
        options: LoadOptions, asOf date: CalendarDate
    ) -> (report: ImpactReport, before: [Verdict]) {
        var before: [Verdict] = [], after: [Verdict] = []
        for path in paths {
            do {
                let profile = try Auditor.profile(atPath: path, options: options)
                before.append(evaluate(profile, asOf: date))
                after.append(changed.evaluate(profile, asOf: date))
            } catch {
                let invalid = Auditor.invalidVerdict(path: path, asOf: date, error: error)
                before.append(invalid)
                after.append(invalid)
            }
        }
        return (ImpactReport(before: before, after: after, changes: changes, asOf: date), before)
    }
}
