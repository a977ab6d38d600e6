/// An optional value kept behind one immutable reference, for a large part of a value type that
/// is seldom there (a threshold's `modified_model:` test, a limit drawn as a fraction of another
/// fact): the type holding it stays one pointer wider rather than the part's whole size, so
/// that copying it, as evaluation does for every threshold and subject, moves less memory.
///
/// Reading a nil value costs a test of the pointer; setting one makes a new box (a box is never
/// changed, so copies that share it are unaffected). Compared and hashed by value.
@propertyWrapper
package struct Boxed<Wrapped: Sendable & Hashable>: Sendable, Hashable {
    private final class Box: Sendable {
        let value: Wrapped
        init(_ value: Wrapped) { self.value = value }
    }

    private var box: Box?

    /// Boxes `wrappedValue`, or holds nothing for nil.
    package init(wrappedValue: Wrapped?) { box = wrappedValue.map(Box.init) }

    /// The value, or nil.
    package var wrappedValue: Wrapped? {
        get { box?.value }
        set { box = newValue.map(Box.init) }
    }

    package static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.box === rhs.box || lhs.box?.value == rhs.box?.value
    }

    package func hash(into hasher: inout Hasher) { hasher.combine(box?.value) }
}
