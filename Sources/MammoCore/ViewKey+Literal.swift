// View literals in code and tests ("RCC"). A literal that is not a view label is a programmer's
// error and stops the program; labels from outside go through `init(label:)`.

extension ViewKey: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) {
        guard let key = ViewKey(label: value), key.label == value else { preconditionFailure("not a view label literal: \(value)") }
        self = key
    }
}
