// placeholder until the TermGraphics target lands
