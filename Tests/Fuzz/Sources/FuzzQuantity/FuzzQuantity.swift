// Fuzz target: the quantity parser on arbitrary UTF-8 (invalid sequences are repaired to U+FFFD,
// as a YAML scalar never holds them). Every dimension, with and without a default currency and
// negatives; a parsed value must print, and its description must parse back to the same value.
import ThresholdKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzQuantity(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let dimensions: [QuantityDimension?] = [nil, .operations, .operationsPerSecond, .money, .bandwidth, .dimensionless]
    for (index, dimension) in dimensions.enumerated() {
        do {
            let quantity = try QuantityParser.parse(
                text, expecting: dimension, defaultCurrency: index % 2 == 0 ? "USD" : nil,
                allowNegative: index % 3 == 0)
            _ = quantity.description
            let value = quantity.value
            let printed = value.description
            do {
                let again = try QuantityParser.parseNumber(printed)
                precondition(again == value, "\(printed) parses back as \(again)")
            } catch  where error.kind == .exponentOutOfRange || error.kind == .tooManyDigits {
                // A unit's scale (PFLOP/s-day is 8.64e19 FLOP) can carry a value past what text may
                // spell; that is not a round-trip failure.
            } catch {
                preconditionFailure("the description \(printed) of a parsed value does not parse: \(error)")
            }
            _ = value.scientificDescription
        } catch {
            precondition(error.offset >= 0 && error.offset <= text.unicodeScalars.count, "an offset past the text")
            precondition(error.message.utf8.count < 4096, "a message of \(error.message.utf8.count) bytes")
        }
    }
    return 0
}
