// placeholder until the TUI target lands
