// The pixel probe's read: the stored value under the cursor from the view's stored pixels, decoded
// once and kept in the cache (zooming and the lens use the same), never read again per probe.
import MammoCore

extension ReadingService {
    /// `probe` with its value, or with why it could not be read (slow the first time: call it off the loop).
    public func probe(_ probe: PixelProbe, path: String) -> PixelProbe {
        do {
            let view = try decodedView(path: path, as: probe.view)
            return probe.reading(view.stored, presentation: view.overview.presentation)
        } catch {
            var failed = probe
            failed.problem = Self.problem(error, path: path)
            return failed
        }
    }
}
