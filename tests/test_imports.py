"""No two modules import each other, directly or through others (issue 22): a module is read, and changed, from
its imports down. `make lint` checks the layers between the apps; this checks inside them."""

import grimp

PACKAGES = ("secor", "companies", "training", "audits", "milestones")


def test_no_two_modules_import_each_other():
    graph = grimp.build_graph(*PACKAGES)
    cycles = {
        f"{module} -> {imported}"
        for module in graph.modules
        for imported in graph.find_modules_directly_imported_by(module)
        if graph.find_shortest_chain(importer=imported, imported=module)
    }
    assert sorted(cycles) == []
