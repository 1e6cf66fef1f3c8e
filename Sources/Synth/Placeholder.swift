// placeholder until the Synth target lands
