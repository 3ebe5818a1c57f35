"""Developer tooling outside the test suite: the bench (`make bench`) and the soak (`make soak`)."""
