"""The ``regiograph`` command: a thin shell over graph/, importers/ and queries/.

Every command calls a library function; errors the user can cause are printed as one clear
message (file, line, column, value, fix) with exit status 2, never a traceback.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from graph.errors import QueryError, RegiographError

__all__ = ["main", "cli"]

STORE_OPTION = click.option(
    "--store", "store_kind", type=click.Choice(["falkordb", "neo4j"]), default=None,
    help="Graph store (default: neo4j when NEO4J_URI is set, else the embedded FalkorDB).")


def _open(store_kind):
    from graph.store import open_store
    return open_store(store_kind)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="regiograph")
def cli() -> None:
    """regiograph: explore regional collaboration on the Dutch education labour market.

    Import the bundled DUO/CBS data and partnership registries into a graph store, ask
    named or free Cypher questions, and open the explorer app.
    """


# -- import -----------------------------------------------------------------------------
@cli.command("import")
@click.argument("sources", nargs=-1)
@click.option("--all", "all_sources", is_flag=True, help="Import every bundled source.")
@click.option("--list", "list_sources", is_flag=True, help="List the importable sources.")
@click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder with the source files (default: the bundled data/raw).")
@click.option("--registry", "registry", multiple=True,
              type=click.Path(exists=True, path_type=Path),
              help="A partnership registry: CSV files or one XLSX (repeatable).")
@click.option("--demo-registry", is_flag=True,
              help="Add the generated demo registry (SYNTHETIC, clearly labelled).")
@click.option("--seed", default=42, show_default=True, help="Seed of the demo registry and metrics.")
@click.option("--batch-size", default=1000, show_default=True, help="Rows per write batch.")
@click.option("--no-metrics", is_flag=True, help="Skip computing network metrics after import.")
@STORE_OPTION
def import_command(sources, all_sources, list_sources, data_dir, registry, demo_registry, seed,
                   batch_size, no_metrics, store_kind) -> None:
    """Import SOURCES (or --all) into the store, all or nothing.

    A full import (--all) replaces the whole graph atomically; naming sources replaces only
    what came from them.  Rows that cannot be linked are reported with counts and examples.
    """
    from importers import IMPORTERS
    if list_sources:
        for name, importer in IMPORTERS.items():
            click.echo(f"{name}\t{importer.title}")
        return
    if not sources and not all_sources:
        raise click.UsageError("name one or more sources or pass --all "
                               "(see `regiograph import --list`)")
    unknown = [s for s in sources if s not in IMPORTERS]
    if unknown:
        raise click.UsageError(f"unknown source {unknown[0]!r}; known: {', '.join(IMPORTERS)}")
    from graph.load import load_graph
    with _open(store_kind) as store:
        report = load_graph(store, None if all_sources else list(sources), data_dir=data_dir,
                            registry=registry, demo_registry=demo_registry, seed=seed,
                            batch_size=batch_size, metrics=not no_metrics)
        click.echo(f"imported into {store.describe()}")
    click.echo(report.summary())


# -- query ------------------------------------------------------------------------------
def _parse_params(pairs: tuple[str, ...]) -> dict[str, str]:
    params = {}
    for pair in pairs:
        if "=" not in pair:
            raise QueryError("a --param needs the form name=value", value=pair,
                             fix="write e.g. --param kind=rap")
        name, value = pair.split("=", 1)
        params[name.strip()] = value
    return params


def _typed_free_params(raw: dict[str, str]) -> dict[str, object]:
    out: dict[str, object] = {}
    for name, value in raw.items():
        try:
            out[name] = json.loads(value)
        except ValueError:
            out[name] = value
    return out


@cli.command("query")
@click.argument("query", required=False)
@click.option("--list", "list_queries", is_flag=True, help="List the named queries, name first.")
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE",
              help="A query parameter (repeatable).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True)
@click.option("--file", "query_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Read the Cypher text from a file.")
@click.option("--row-cap", default=10000, show_default=True, help="Stop after this many rows.")
@click.option("--timeout", "timeout_ms", default=30000, show_default=True,
              help="Give up after this many milliseconds.")
@click.option("--explain", is_flag=True, help="Show the plan instead of running the query.")
@STORE_OPTION
def query_command(query, list_queries, params, fmt, query_file, row_cap, timeout_ms, explain,
                  store_kind) -> None:
    """Run a named query (see --list) or Cypher text, read-only.

    QUERY is a named query's name or Cypher text.  Parameters are typed by the named
    query's header; for free Cypher, values are read as JSON where possible
    (--param n=3 is a number, --param ids='["a","b"]' a list, else a string).
    """
    import queries
    if list_queries:
        for named in queries.list_queries():
            click.echo(f"{named.name}\t{named.title}")
        return
    if query_file:
        query = query_file.read_text(encoding="utf-8")
    if not query:
        raise click.UsageError("give a query name or Cypher text (see `regiograph query --list`)")
    raw = _parse_params(params)
    names = {q.name for q in queries.list_queries()}
    with _open(store_kind) as store:
        if query in names:
            named = queries.get_query(query)
            typed = queries.coerce_params(named, raw)
            if explain:
                click.echo(store.explain(queries.query_text(query, store.engine), typed))
                return
            result = queries.run_query(store, query, typed, row_cap=row_cap,
                                       timeout_ms=timeout_ms)
        else:
            typed = _typed_free_params(raw)
            if explain:
                click.echo(store.explain(query, typed))
                return
            result = store.read(query, typed, row_cap=row_cap, timeout_ms=timeout_ms)
    _emit(result, fmt)
    if result.truncated and fmt != "json":
        click.echo(f"note: stopped at the row cap of {row_cap} rows (--row-cap)", err=True)


# -- analyses ---------------------------------------------------------------------------
def _emit_frame(frame, fmt: str) -> None:
    from graph.store.base import QueryResult
    _emit(QueryResult(list(frame.columns), frame.astype(object).where(frame.notna(), None)
                      .values.tolist()), fmt)


def _emit(result, fmt: str) -> None:
    """Print a query answer as JSON, CSV or a text table."""
    from graph import export
    if fmt == "json":
        click.echo(export.to_json(result))
    elif fmt == "csv":
        click.echo(export.to_csv(result), nl=False)
    else:
        click.echo(export.to_text_table(result))


@cli.command("duplicates")
@click.option("--function", "function", default=None,
              help="Only this function (werven, matchen, opleiden, begeleiden, professionaliseren).")
@click.option("--min-text", default=0.3, show_default=True,
              help="Smallest text similarity (0-1) of a candidate pair.")
@click.option("--as-of", default="", help="Count memberships valid on this ISO date (default: all).")
@click.option("--limit", default=100, show_default=True, help="Most candidates to show.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True)
@STORE_OPTION
def duplicates_command(function, min_text, as_of, limit, fmt, store_kind) -> None:
    """List candidate duplicate activities, best first, each with its reasons."""
    from graph.duplicates import candidates_frame, find_duplicates
    with _open(store_kind) as store:
        found = find_duplicates(store, as_of=as_of, min_text=min_text, function=function,
                                limit=limit)
    _emit_frame(candidates_frame(found), fmt)


@cli.command("metrics")
@click.option("--seed", default=42, show_default=True, help="Seed of Louvain and sampled betweenness.")
@click.option("--k", "k", type=int, default=None,
              help="Sample this many pivots for betweenness (default: exact where cheap).")
@click.option("--as-of", default=None, help="Memberships valid on this ISO date (default: today; '' = all).")
@click.option("--no-write", is_flag=True, help="Compute and show only; do not write node properties.")
@STORE_OPTION
def metrics_command(seed, k, as_of, no_write, store_kind) -> None:
    """Compute the network metrics (brokers, communities, region agreement) and write them back."""
    from graph.metrics import compute_metrics, write_metrics
    with _open(store_kind) as store:
        report = compute_metrics(store, seed=seed, k=k, as_of=as_of)
        if not no_write:
            write_metrics(store, report)
    click.echo(report.summary())


# -- stats ------------------------------------------------------------------------------
@cli.command("stats")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
@STORE_OPTION
def stats_command(fmt, store_kind) -> None:
    """Show counts per label and relationship type, and the sources with their dates."""
    with _open(store_kind) as store:
        nodes, rels = store.counts()
        sources = store.sources()
        where = store.describe()
    if fmt == "json":
        click.echo(json.dumps({"store": where, "nodes": nodes, "relationships": rels,
                               "sources": sources}, indent=2, default=str))
        return
    click.echo(f"store: {where}")
    click.echo("nodes:")
    for label, n in nodes.items():
        click.echo(f"  {label:<16}{n:>8,}")
    click.echo("relationships:")
    for rel, n in rels.items():
        click.echo(f"  {rel:<16}{n:>8,}")
    click.echo("sources:")
    for s in sources:
        mark = "  [SYNTHETIC]" if s.get("synthetic") else ""
        click.echo(f"  {s['dataset']:<34}{s.get('date') or '':<12}{s.get('title') or ''}{mark}")
    if not nodes:
        click.echo("the graph is empty: run `regiograph import --all`")


# -- store ------------------------------------------------------------------------------
@cli.group("store")
def store_group() -> None:
    """Start, stop or inspect the embedded FalkorDB server (REGIOGRAPH_HOME holds its data)."""


@store_group.command("start")
@click.option("--port", type=int, default=None, help="Port (default: REGIOGRAPH_FALKORDB_PORT or free).")
def store_start(port) -> None:
    """Start the embedded server on 127.0.0.1 unless it runs already."""
    from graph.store import falkordb_server
    info = falkordb_server.start(port=port)
    click.echo(f"running: pid {info.pid}, 127.0.0.1:{info.port}, data in {info.data_dir}")


@store_group.command("stop")
def store_stop() -> None:
    """Stop the embedded server by its PID (it saves the graph first)."""
    from graph.store import falkordb_server
    was = falkordb_server.stop()
    click.echo("stopped" if was else "not running")


@store_group.command("status")
def store_status() -> None:
    """Say whether the embedded server runs, where, and with which PID."""
    from graph.store import falkordb_server
    info = falkordb_server.status()
    if info is None:
        click.echo(f"not running (home: {falkordb_server.regiograph_home()})")
        sys.exit(3)
    click.echo(f"running: pid {info.pid}, 127.0.0.1:{info.port}, data in {info.data_dir}")


# -- serve ------------------------------------------------------------------------------
@cli.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind (only loopback unless you say otherwise).")
@click.option("--port", default=8501, show_default=True)
@click.option("--headless/--open-browser", default=True, show_default=True,
              help="Do not open a browser window.")
@STORE_OPTION
def serve_command(host, port, headless, store_kind) -> None:
    """Open the explorer app (Streamlit) on the chosen store."""
    app = Path(__file__).with_name("app.py")
    env = dict(os.environ)
    if store_kind:
        env["REGIOGRAPH_STORE"] = store_kind
    args = [sys.executable, "-m", "streamlit", "run", str(app),
            "--server.address", host, "--server.port", str(port),
            "--server.headless", "true" if headless else "false",
            "--browser.gatherUsageStats", "false", "--global.developmentMode", "false"]
    click.echo(f"regiograph app on http://{host}:{port}")
    sys.stdout.flush()
    # replace this process by streamlit, so stopping `serve` stops the app too
    os.execve(sys.executable, args, env)


# -- registry ---------------------------------------------------------------------------
@cli.group("registry")
def registry_group() -> None:
    """Partnership registries: get a template, review how members match DUO."""


@registry_group.command("template")
@click.argument("target", type=click.Path(path_type=Path))
def registry_template_command(target) -> None:
    """Write an empty registry to TARGET: a .xlsx workbook, or a folder for CSV files."""
    from importers.registry_template import write_template
    for path in write_template(target):
        click.echo(f"wrote {path}")


@registry_group.command("demo")
@click.argument("target", type=click.Path(path_type=Path))
@click.option("--seed", default=42, show_default=True, help="Seed of the generator.")
@click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder with the DUO/CBS files the demo is generated on.")
def registry_demo_command(target, seed, data_dir) -> None:
    """Write the SYNTHETIC demo registry to TARGET (.xlsx or a folder of CSV files)."""
    from importers.demo_registry import write_demo_registry
    from importers.registry_reference import reference_tables
    for path in write_demo_registry(reference_tables(data_dir), target, seed=seed):
        click.echo(f"wrote {path}")
    click.echo("NOTE: this registry is SYNTHETIC demo data, generated on the real boards and "
               "regions; its memberships and activities are not real.")


@registry_group.command("export")
@click.argument("target", type=click.Path(path_type=Path))
@click.option("--source", default="registry", show_default=True,
              help="Which registry in the store (its source name, e.g. demo-registry).")
@STORE_OPTION
def registry_export_command(target, source, store_kind) -> None:
    """Write what the store holds from one registry back to TARGET as registry files."""
    from importers.registry_export import export_registry
    from importers.registry_template import write_registry
    with _open(store_kind) as store:
        tables = export_registry(store, source)
    for path in write_registry(tables, target):
        click.echo(f"wrote {path}")
    click.echo(f"{len(tables['partnerships'])} partnerships, {len(tables['memberships'])} memberships")


@registry_group.command("match-report")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder with the DUO/CBS files to match against.")
@click.option("--threshold", default=90.0, show_default=True,
              help="Lowest score (0-100) that links a name without a pin.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True)
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the report to this file instead of the screen.")
def registry_match_report_command(files, data_dir, threshold, fmt, output) -> None:
    """Report how the members in registry FILES match DUO boards and institutions:
    matched (score), ambiguous (candidates), unmatched, pinned."""
    from importers.registry_report import registry_match_report
    frame = registry_match_report(*files, data_dir=data_dir, threshold=threshold)
    if fmt == "csv":
        text = frame.to_csv(index=False)
    elif fmt == "json":
        text = json.dumps({"columns": list(frame.columns),
                           "rows": frame.astype(object).where(frame.notna(), None).to_dict("records")},
                          ensure_ascii=False, indent=1)
    else:
        counts = frame["status"].value_counts().to_dict()
        text = frame.to_string(index=False, max_colwidth=60) + "\n" + ", ".join(
            f"{k}: {v}" for k, v in counts.items())
    if output:
        output.write_text(text, encoding="utf-8")
        click.echo(f"wrote {output} ({len(frame)} members)")
    else:
        click.echo(text)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; answer the exit status (2 on a user error, printed without traceback)."""
    try:
        cli.main(args=argv, prog_name="regiograph", standalone_mode=False)
    except RegiographError as error:
        click.echo(f"error: {error}", err=True)
        return 2
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        return 130
    except click.ClickException as error:
        error.show()
        return error.exit_code
    except SystemExit as done:
        return int(done.code or 0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
