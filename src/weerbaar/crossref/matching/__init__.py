"""Record linkage: records built from normalised values, blocking, comparisons, Fellegi–Sunter."""
