// A step of a replayed key script (`--script`, tests, benchmarks).
import TUI

/// One step of a key script: an input event, or a pause (to look, or to take a screenshot).
public enum ScriptStep: Hashable, Sendable {
    case event(Event)
    case pause(Duration)
}
