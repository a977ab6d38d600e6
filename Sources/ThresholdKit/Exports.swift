// ThresholdKit's API uses the YAML layer's positions, errors and limits (`SourceMark`,
// `YAMLError`, `YAMLLimits`); clients get them with `import ThresholdKit` alone. libyaml itself
// stays private to ThresholdYAML.
@_exported public import ThresholdYAML
