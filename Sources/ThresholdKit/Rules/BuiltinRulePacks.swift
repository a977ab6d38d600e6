/// The rule packs compiled into ThresholdKit from `Rules/*.yaml` (see the EmbedRulePacks plugin).
enum BuiltinRulePacks {}
