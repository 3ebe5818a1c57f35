"""Pages that combine several apps (the company page, the company list, home): the top layer.

Each app answers for its own part through its selectors; only these pages put the parts together, so no
app has to reach up into another (see the layer contract in pyproject.toml).
"""
