// The JSON Schemas (draft 2020-12) for lab profiles and rule packs. The canonical files are
// Rules/schemas/profile.schema.json and Rules/schemas/pack.schema.json; the EmbedRulePacks build
// plugin compiles them into the binary, so `threshold schema profile|pack` works with no files
// beside it and the two can never drift apart.

/// The JSON Schemas (draft 2020-12) of Threshold's input formats, for editors and validators.
///
/// Editors that speak the YAML language server protocol show the schemas' descriptions and
/// complete keys when a file's first line names the schema:
///
/// ```yaml
/// # yaml-language-server: $schema=profile.schema.json
/// ```
///
/// `threshold schema profile` and `threshold schema pack` print them.
public enum Schema {
    /// The schema of a lab profile (`Examples/labs/*.yaml`), as JSON text.
    public static let profile: String = BuiltinRulePacks.schema(named: "profile.schema.json")

    /// The schema of a rule pack (`Rules/*.yaml`), as JSON text. Self-contained: the inline
    /// `profile:` of a pack's test cases is checked against a copy of the profile schema's
    /// definitions.
    public static let pack: String = BuiltinRulePacks.schema(named: "pack.schema.json")

    /// The schema of a verdict (`threshold check --format json`, a line of `--format jsonl`): the
    /// `threshold.verdict/1` format, every status included, as JSON text.
    public static let verdict: String = BuiltinRulePacks.schema(named: "verdict.schema.json")
}

extension BuiltinRulePacks {
    /// The embedded schema with a file name ("" if the build embedded none by that name, which a
    /// test rules out).
    static func schema(named name: String) -> String {
        schemas.first { $0.name == name }?.text ?? ""
    }
}
