// Per-cell scratch fields of `AnatomyModel`'s first pass, shared by worker threads that each
// write their own rows (hence the unchecked Sendable: a class of raw buffers, freed on deinit).

final class TissueFields: @unchecked Sendable {
    let layout: UnsafeMutablePointer<Float>
    let fine: UnsafeMutablePointer<Float>
    let envelope: UnsafeMutablePointer<Float>
    let septa: UnsafeMutablePointer<Float>
    let hole: UnsafeMutablePointer<Float>
    let u: UnsafeMutablePointer<Float>
    let v: UnsafeMutablePointer<Float>
    private let all: [UnsafeMutablePointer<Float>]

    init(count: Int) {
        let make = { () -> UnsafeMutablePointer<Float> in
            let p = UnsafeMutablePointer<Float>.allocate(capacity: max(1, count))
            p.initialize(repeating: 0, count: max(1, count))
            return p
        }
        layout = make(); fine = make(); envelope = make(); septa = make(); hole = make(); u = make(); v = make()
        all = [layout, fine, envelope, septa, hole, u, v]
    }

    deinit { for p in all { p.deallocate() } }
}
