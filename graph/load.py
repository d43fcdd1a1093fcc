"""Loading the graph: sources -> tables -> store -> metrics, in one call the CLI and app share.

Everything is parsed and checked before the store is touched, so a bad file raises an
:class:`~graph.errors.InputError` and the previous graph stays intact and queryable.  A full
import replaces the whole graph atomically; importing some sources replaces only what came
from them.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from .store.base import DEFAULT_BATCH_SIZE, GraphStore, WriteReport
from .tables import GraphTables

__all__ = ["LoadReport", "read_sources", "load_graph"]


@dataclass
class LoadReport:
    """What an import did: rows read and written, what could not be linked, and timings."""

    sources: list[str] = field(default_factory=list)
    write: WriteReport = field(default_factory=WriteReport)
    unlinked: list[Any] = field(default_factory=list)
    parse_seconds: float = 0.0
    write_seconds: float = 0.0
    metrics_seconds: float = 0.0
    metrics: Any = None
    synthetic: bool = False

    @property
    def seconds(self) -> float:
        """Answer the wall time of the whole import."""
        return self.parse_seconds + self.write_seconds + self.metrics_seconds

    def summary(self) -> str:
        """Answer a few human-readable lines about the import."""
        lines = [f"sources: {', '.join(self.sources)}"]
        nodes = ", ".join(f"{k} {v:,}" for k, v in sorted(self.write.nodes.items()))
        rels = ", ".join(f"{k} {v:,}" for k, v in sorted(self.write.relationships.items()))
        lines.append(f"nodes: {nodes}")
        lines.append(f"relationships: {rels}")
        rate = self.write.rows / self.write_seconds if self.write_seconds else 0
        lines.append(f"time: parse {self.parse_seconds:.2f} s, write {self.write_seconds:.2f} s "
                     f"({rate:,.0f} rows/s), metrics {self.metrics_seconds:.2f} s")
        if self.unlinked:
            lines.append("could not link (reported, not imported):")
            lines.extend(f"  - {u}" for u in self.unlinked)
        if self.synthetic:
            lines.append("NOTE: the demo registry is SYNTHETIC data (synthetic: true), "
                         "generated on the real boards and regions; not real memberships.")
        return "\n".join(lines)


def read_sources(names: Iterable[str] | None = None, *, data_dir: Path | None = None,
                 registry: Iterable[Path] = (), demo_registry: bool = False,
                 seed: int = 42):
    """Answer the ImportResult of the chosen sources (all bundled ones by default).

    ``registry`` are a user's registry files (CSV files or one XLSX); ``demo_registry`` adds
    the generated, clearly labelled demo registry.  Nothing touches a store.
    Cost at national size: ~2-4 s.
    """
    from importers import import_all
    names = list(names) if names is not None else None
    result = import_all(data_dir=data_dir, names=names)
    extra = []
    registry = [Path(p) for p in registry]
    if registry or demo_registry:
        from importers import registry as registry_importer
        if registry:
            extra.append(registry_importer.read_registry(registry, duo=result.tables))
        if demo_registry:
            from importers import demo_registry as demo
            extra.append(demo.demo_import_result(result.tables, seed=seed))
    if extra:
        from importers import merge_results
        result = merge_results([result, *extra])
    return result


def load_graph(store: GraphStore, names: Iterable[str] | None = None, *,
               data_dir: Path | None = None, registry: Iterable[Path] = (),
               demo_registry: bool = False, seed: int = 42,
               batch_size: int = DEFAULT_BATCH_SIZE, metrics: bool = True) -> LoadReport:
    """Import sources into ``store`` and compute metrics; answer a :class:`LoadReport`.

    With ``names=None`` the whole graph is replaced atomically; with some names only what
    came from those sources is replaced.  ``metrics=False`` skips the NetworkX metrics.
    Cost at national size: parse ~3 s, write ~1-2 s (FalkorDB), metrics a few seconds.
    """
    report = LoadReport()
    started = time.perf_counter()
    result = read_sources(names, data_dir=data_dir, registry=registry,
                          demo_registry=demo_registry, seed=seed)
    tables: GraphTables = result.tables
    report.parse_seconds = time.perf_counter() - started
    report.sources = [s.name for s in result.sources]
    report.synthetic = any(s.synthetic for s in result.sources)
    report.unlinked = list(result.unlinked)
    started = time.perf_counter()
    store.ensure_schema()
    tables = _with_judgements(store, tables)
    if names is None:
        report.write = store.replace_graph(tables, batch_size=batch_size)
    else:
        report.write = store.replace_sources(tables, report.sources, batch_size=batch_size)
    report.write_seconds = time.perf_counter() - started
    if metrics:
        started = time.perf_counter()
        report.metrics = _compute_metrics(store, seed=seed)
        report.metrics_seconds = time.perf_counter() - started
    return report


def _with_judgements(store: GraphStore, tables: GraphTables) -> GraphTables:
    """Answer ``tables`` plus the users' duplicate judgements already in the store.

    Judgements (``JUDGED`` between activities, made in the app) are not in any source file;
    carrying them over keeps them through a re-import as long as both activities still
    exist.  Cost: one small query.
    """
    import pandas as pd
    # `end` is a reserved word in Neo4j (CASE ... END): quoted, the column is still "end"
    result = store.read("MATCH (a:Activity)-[j:JUDGED]->(b:Activity) "
                        "RETURN a.id AS `start`, b.id AS `end`, j.verdict AS verdict, "
                        "j.judged_at AS judged_at, j.note AS note, j.source AS source, "
                        "j.source_date AS source_date")
    if not result.rows:
        return tables
    activities = set(tables.node_table("Activity")["id"].astype(str))
    frame = pd.DataFrame(result.rows, columns=result.columns)
    frame = frame[frame["start"].isin(activities) & frame["end"].isin(activities)]
    if frame.empty:
        return tables
    kept = GraphTables(list(tables.nodes), list(tables.relationships))
    kept.add_relationships("JUDGED", "Activity", "Activity", frame.reset_index(drop=True))
    return kept


def _compute_metrics(store: GraphStore, *, seed: int) -> Any:
    try:
        from . import metrics
    except ImportError:  # metrics module not installed in this build
        return None
    result = metrics.compute_metrics(store, seed=seed)
    metrics.write_metrics(store, result)
    return result
