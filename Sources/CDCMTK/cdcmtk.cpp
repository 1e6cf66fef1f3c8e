int mt_placeholder(void) { return 0; }
