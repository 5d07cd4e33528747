"""Cross-referencing partner datasets (issue 12): Dutch normalisation, a versioned matcher and
linkage of FollowTheMoney files. Pure functions and classes so far: no tables of its own."""
