extension Array {
    /// `count` copies of `value`, as `Array(repeating:count:)` makes them, in storage allocated by
    /// code specialized for the element type.
    ///
    /// `Array(repeating:count:)` (and every initializer that allocates uninitialized storage)
    /// calls into the standard library's unspecialized `_allocateBufferUninitialized`, which
    /// looks up the metadata of `_ContiguousArrayStorage<Element>` in the runtime's cache at every
    /// call: about 700 instructions under callgrind, for an array of a few elements of a type of
    /// this module, or of `UInt64`. Growing an empty array is specialized here, and its storage
    /// class's metadata cached after the first call.
    init(filledWith value: Element, count: Int) {
        self = []
        reserveCapacity(count)
        for _ in 0..<count { append(value) }
    }
}
