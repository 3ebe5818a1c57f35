"""No two modules import each other, directly or through others (issue 22): a module is read, and changed, from
its imports down. `make lint` checks the layers between the apps; this checks inside them."""

import grimp

PACKAGES = ("secor", "companies", "training", "audits", "milestones")
# audits/models.py imports the invoice models at its end so that Django finds them, and they name the audit they
# invoice: the split of `audits` by job (issue 22) gives the invoices a package of their own.
KNOWN = {"audits.models -> audits.invoice_models", "audits.invoice_models -> audits.models"}


def test_no_two_modules_import_each_other():
    graph = grimp.build_graph(*PACKAGES)
    cycles = {
        f"{module} -> {imported}"
        for module in graph.modules
        for imported in graph.find_modules_directly_imported_by(module)
        if graph.find_shortest_chain(importer=imported, imported=module)
    }
    assert sorted(cycles - KNOWN) == []
