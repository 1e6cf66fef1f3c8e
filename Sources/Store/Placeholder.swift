// placeholder until the Store target lands
