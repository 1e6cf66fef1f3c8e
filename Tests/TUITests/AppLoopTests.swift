// The app loop against the test backend: frames drawn only when state changes, resizes
// redrawn, slow work delivered back as actions. The loop runs on its own thread, as the
// effects need the concurrency pool that a blocked test would otherwise hold.
import Testing
@testable import TUI

@Suite struct AppLoopTests {
    struct Counter: Equatable, Sendable {
        var count = 0
        var status = "idle"
        var done = false
    }

    enum Action: Sendable {
        case key(Key)
        case loaded(String)
    }

    func app(slow: Duration = .milliseconds(30)) -> App<Counter, Action> {
        App(
            initialState: Counter(),
            actionForEvent: { event, _ in
                if case .key(let k) = event { return .key(k) }
                return nil
            },
            reduce: { state, action, effects in
                switch action {
                case .key(.character("j")): state.count += 1
                case .key(.character("k")): state.count -= 1
                case .key(.character("q")), .key(.control("c")): state.done = true
                case .key(.enter):
                    state.status = "loading"
                    let n = state.count
                    effects.run {
                        try? await Task.sleep(for: slow)
                        return .loaded("exam \(n)")
                    }
                case .loaded(let what): state.status = "loaded \(what)"
                default: break
                }
            },
            draw: { state, frame in
                frame.buffer.write("count \(state.count)", at: .zero)
                frame.buffer.write(state.status, at: Point(x: 0, y: 1))
                frame.buffer.drawBox(Rect(x: 0, y: 2, width: frame.size.width, height: 2))
            },
            isFinished: { $0.done })
    }

    @Test func drawsOnlyWhenStateChanges() async throws {
        let backend = TestBackend(width: 20, height: 4, events: [.press("j"), .press("j"), .press("x"), .press("k"), .press("q"), .press("j")])
        let final = try await app().runOnOwnThread(on: backend)
        #expect(final.count == 1 && final.done)
        // First frame, then j, j, k: "x" changed nothing and "q" ended the loop.
        #expect(backend.frames.count == 4)
        #expect(backend.frames.map { $0.lines[0] } == ["count 0             ", "count 1             ", "count 2             ", "count 1             "])
        // The key after "q" was never read.
        #expect(backend.pendingEvents == [.press("j")])
    }

    @Test func resizeRedrawsAtTheNewSize() async throws {
        let backend = TestBackend(width: 20, height: 4, events: [.resize(Size(width: 30, height: 5))])
        _ = try await app().runOnOwnThread(on: backend)
        #expect(backend.frames.count == 2)
        #expect(backend.frames[1].buffer.size == Size(width: 30, height: 5))
        #expect(backend.frames[1].lines[2] == "┌" + String(repeating: "─", count: 28) + "┐")
    }

    @Test func slowWorkComesBackAsAnAction() async throws {
        let backend = TestBackend(width: 20, height: 4, events: [.press("j"), .key(.enter)])
        let final = try await app().runOnOwnThread(on: backend)
        #expect(final.status == "loaded exam 1")
        #expect(backend.frames.map { $0.lines[1].trimmingCharacters() } == ["idle", "idle", "loading", "loaded exam 1"])
    }

    @Test func keysKeepWorkingWhileWorkIsInFlight() async throws {
        // The load takes long; the keys typed meanwhile are handled first.
        let backend = TestBackend(width: 20, height: 4, events: [.key(.enter), .press("j"), .press("j")])
        let final = try await app(slow: .milliseconds(200)).runOnOwnThread(on: backend)
        #expect(final.count == 2)
        #expect(final.status == "loaded exam 0")
        #expect(backend.frames.last?.lines[0].hasPrefix("count 2") == true)
    }
}

extension String {
    func trimmingCharacters() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
