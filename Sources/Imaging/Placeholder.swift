// placeholder until the Imaging target lands
