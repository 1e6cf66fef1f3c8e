// Splitting a rectangle into rows or columns by layout constraints.

extension Rect {
    /// Parts stacked top to bottom, heights from `constraints`.
    public func rows(_ constraints: [LayoutConstraint], spacing: Int = 0) -> [Rect] {
        var y = self.y
        return LayoutConstraint.sizes(constraints, length: height, spacing: spacing).map { h in
            defer { y += h + spacing }
            return Rect(x: x, y: y, width: width, height: h)
        }
    }

    /// Parts side by side left to right, widths from `constraints`.
    public func columns(_ constraints: [LayoutConstraint], spacing: Int = 0) -> [Rect] {
        var x = self.x
        return LayoutConstraint.sizes(constraints, length: width, spacing: spacing).map { w in
            defer { x += w + spacing }
            return Rect(x: x, y: y, width: w, height: height)
        }
    }
}
