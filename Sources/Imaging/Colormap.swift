// Perceptual colormaps for AI heatmaps, as 256-entry tables. Inferno uses the CC0 polynomial
// fit of matplotlib's inferno (Matt Zucker, 2020); turbo uses Google's published polynomial
// approximation (Anton Mikhailov, Apache-2.0). Inferno's fit is within about 1% of the
// original; turbo's drifts a few percent at its darkest end, where heatmaps are not drawn.
import Foundation
import MammoCore

public struct Colormap: Sendable, Equatable {
    public var name: String
    /// 256 colours, from the lowest value to the highest.
    public var table: [RGBColor]

    public init(name: String, table: [RGBColor]) {
        self.name = name
        self.table = table
    }

    @inlinable
    public func color(_ value: Float) -> RGBColor {
        let index = Int((value.clampedToUnit * 255).rounded())
        return table[index]
    }

    public static let inferno = Colormap(name: "inferno", table: (0..<256).map { i in
        let t = Double(i) / 255
        let c0 = (0.0002189403691192265, 0.001651004631001012, -0.01948089843709184)
        let c1 = (0.1065134194856116, 0.5639564367884091, 3.932712388889277)
        let c2 = (11.60249308247187, -3.972853965665698, -15.9423941062914)
        let c3 = (-41.70399613139459, 17.43639888205313, 44.35414519872813)
        let c4 = (77.162935699427, -33.40235894210092, -81.80730925738993)
        let c5 = (-71.31942824499214, 32.62606426397723, 73.20951985803202)
        let c6 = (25.13112622477341, -12.24266895238567, -23.07032500287172)
        func channel(_ k: KeyPath<(Double, Double, Double), Double>) -> UInt8 {
            let v = c0[keyPath: k] + t * (c1[keyPath: k] + t * (c2[keyPath: k] + t * (c3[keyPath: k]
                + t * (c4[keyPath: k] + t * (c5[keyPath: k] + t * c6[keyPath: k])))))
            return UInt8((min(max(v, 0), 1) * 255).rounded())
        }
        return RGBColor(r: channel(\.0), g: channel(\.1), b: channel(\.2))
    })

    public static let turbo = Colormap(name: "turbo", table: (0..<256).map { i in
        let x = Double(i) / 255
        let x2 = x * x, x3 = x2 * x, x4 = x3 * x, x5 = x4 * x
        let r = 0.13572138 + 4.61539260 * x - 42.66032258 * x2 + 132.13108234 * x3 - 152.94239396 * x4 + 59.28637943 * x5
        let g = 0.09140261 + 2.19418839 * x + 4.84296658 * x2 - 14.18503333 * x3 + 4.27729857 * x4 + 2.82956604 * x5
        let b = 0.10667330 + 12.64194608 * x - 60.58204836 * x2 + 110.36276771 * x3 - 89.90310912 * x4 + 27.34824973 * x5
        func byte(_ v: Double) -> UInt8 { UInt8((min(max(v, 0), 1) * 255).rounded()) }
        return RGBColor(r: byte(r), g: byte(g), b: byte(b))
    })

    public static func named(_ name: String) -> Colormap? {
        switch name.lowercased() {
        case "inferno": .inferno
        case "turbo": .turbo
        default: nil
        }
    }
}
