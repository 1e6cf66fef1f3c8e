// The theme's UI colours as the cell styles and widget styles every screen draws with, made
// once per theme so draw functions stay cheap and never look colours up by name.
import MammoCore
import TUI

public struct ScreenStyle: Hashable, Sendable {
    public var base: CellStyle
    public var dim: CellStyle
    public var accent: CellStyle
    public var border: CellStyle
    public var selection: CellStyle
    public var status: CellStyle
    public var warning: CellStyle
    public var error: CellStyle
    public var malignant: CellStyle
    public var benign: CellStyle
    /// The annotation cursor's rulers (the theme's overlay cursor colour).
    public var cursor: CellStyle

    public init(theme: Theme) {
        let ui = theme.ui
        let background = TerminalColor.rgb(ui.background)
        func on(_ c: RGBColor, _ attributes: CellAttributes = []) -> CellStyle {
            CellStyle(foreground: .rgb(c), background: background, attributes: attributes)
        }
        base = on(ui.foreground)
        dim = on(ui.dim)
        accent = on(ui.accent, .bold)
        border = on(ui.border)
        selection = CellStyle(foreground: .rgb(ui.selectionForeground), background: .rgb(ui.selectionBackground), attributes: .bold)
        status = CellStyle(foreground: .rgb(ui.statusForeground), background: .rgb(ui.statusBackground))
        warning = on(ui.warning, .bold)
        error = on(ui.error, .bold)
        malignant = on(theme.overlay.malignant)
        benign = on(theme.overlay.benign)
        cursor = on(theme.overlay.cursor, .bold)
    }

    public var panel: Panel.Style {
        Panel.Style(border: border, focusedBorder: CellStyle(foreground: accent.foreground, background: base.background),
                    title: accent, content: base)
    }

    public var table: TableView.Style {
        TableView.Style(header: accent.adding(.underline), row: base, selected: selection,
                        selectedUnfocused: base.adding(.underline), scrollbarTrack: border, scrollbarThumb: dim, empty: dim)
    }

    public var statusBar: StatusBar.Style {
        StatusBar.Style(bar: status, key: CellStyle(foreground: accent.foreground, background: status.background, attributes: .bold),
                        message: status)
    }

    public var help: HelpOverlay.Style {
        HelpOverlay.Style(body: base, border: accent, section: accent.adding(.underline), key: base.adding(.bold), footer: dim)
    }

    public var textInput: TextInputView.Style {
        TextInputView.Style(prompt: CellStyle(foreground: accent.foreground, background: status.background, attributes: .bold),
                            text: CellStyle(foreground: selection.foreground, background: status.background),
                            cursor: selection.adding(.reverse), placeholder: status.adding(.dim))
    }
}
