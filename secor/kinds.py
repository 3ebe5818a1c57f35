"""A registry of kinds (of timeline event, of review…) that the apps declare and shared blocks list."""


class Kinds(dict[str, str]):
    """key -> label, declared once by the app that owns the kind."""

    def __init__(self, what: str):
        super().__init__()
        self.what = what

    def declare(self, key: str, label: str) -> str:
        """Declare a kind; returns its key, for the declaring module to keep as a constant."""
        if self.get(key, label) != label:
            raise ValueError(f"{self.what} kind {key!r} is already declared as {self[key]!r}")
        self[key] = label
        return key

    def check(self, key: str) -> None:
        if key not in self:
            raise ValueError(f"Undeclared {self.what.lower()} kind {key!r}; the app that records it declares it")

    def sorted_by_label(self) -> list[tuple[str, str]]:
        return sorted(self.items(), key=lambda item: item[1])
