"""The baseline comparison view: figures side by side, charts, drill-downs and downloads."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, TypedDict

from flask import Blueprint, Response, abort, render_template, request
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required

from app import db
from app.baselines.services import intact_baseline
from app.compare import display as formatting
from app.compare.chart_figures import CHARTS, page_charts
from app.compare.comparison import LIVE_NAME, Screen, build_screen
from app.compare.download_rows import every_indicator
from app.compare.downloads import parts_csv, screen_csv, screen_xlsx
from app.compare.indicator_performance import IndicatorRow
from app.compare.params import (
    SETS,
    STATUS_CHOICES,
    Options,
    Params,
    load_options,
    page_number,
    pick_choice,
    read_params,
)
from app.figures import queries
from app.figures.data_source import Source
from app.ui.downloads import XLSX, download, spooled_download, streamed_download
from reports.tabular import to_csv, to_xlsx

bp = Blueprint("compare", __name__, template_folder="templates")
bp.record_once(lambda state: formatting.init_app(state.app))

PER_PAGE = 50
PROJECT_HEADERS = [
    "code",
    "title",
    "entity",
    "pillar",
    "scope",
    "status",
    "budget_usd",
    "funded_usd",
]


def _reveal() -> bool:
    return bool(current_user.sees_confidential)


def _screen(indicator_page: int | None = None) -> tuple[Screen, Params, Options]:
    session = db.session()
    options = load_options(session, _reveal())
    params = read_params(request.args, options)
    screen = build_screen(session, params.a, params.b, params.filters, _reveal(), indicator_page)
    return screen, params, options


def _all_indicators(screen: Screen) -> Iterator[IndicatorRow]:
    """Read every indicator of the screen's sources, streamed from one query, for a download,
    in a session of its own: a streamed download is read after its request has ended."""
    factory, pillar = db.session_factory(), screen.filters.pillar

    def read() -> Iterator[IndicatorRow]:
        with factory() as session:
            yield from every_indicator(session, screen.a.source, screen.b.source, pillar)

    return read()


@bp.route("/compare")
@login_required
def compare_view() -> ResponseReturnValue:
    """Show two sources side by side with deltas, charts and indicator performance."""
    screen, params, options = _screen(page_number(request.args, "indicators_page"))
    return render_template(
        "compare/compare.html",
        screen=screen,
        params=params,
        options=options,
        charts=page_charts(screen),
        query=params.query(),
    )


@bp.route("/compare/chart/<name>.svg")
@login_required
def chart(name: str) -> ResponseReturnValue:
    """Serve one chart of the comparison view as SVG."""
    if name not in CHARTS:
        abort(404)
    from app.compare.chart_svg import chart_svg  # matplotlib, only when a chart is drawn

    screen, _, _ = _screen()
    response = Response(chart_svg(screen, name), mimetype="image/svg+xml")
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/compare.csv")
@login_required
def compare_csv() -> ResponseReturnValue:
    """Download the comparison view's figures and indicators as CSV."""
    screen, _, _ = _screen()
    chunks = screen_csv(screen, _all_indicators(screen))
    return streamed_download(chunks, "text/csv", "compact-comparison.csv")


@bp.route("/compare.xlsx")
@login_required
def compare_xlsx() -> ResponseReturnValue:
    """Download the comparison view's figures and indicators as XLSX."""
    screen, _, _ = _screen()
    indicators = _all_indicators(screen)
    return spooled_download(
        lambda out: screen_xlsx(out, screen, indicators), XLSX, "compact-comparison.xlsx"
    )


@bp.route("/compare/parts.csv")
@login_required
def compare_parts_csv() -> ResponseReturnValue:
    """Download the parts of disaggregated indicators on both sides, with their changes."""
    screen, _, _ = _screen()
    chunks = parts_csv(_all_indicators(screen))
    return streamed_download(chunks, "text/csv", "compact-comparison-parts.csv")


def _source_key(value: str, options: Options) -> str | None:
    """Return "" for live, the label of a baseline, or None when it names nothing."""
    if value in options.labels:
        return value
    return "" if value in ("", "live") else None


class Drill(TypedDict):
    """The drill-down's checked parameters and the source it lists (the template's context)."""

    key: str
    name: str
    source: Source
    params: Params
    status: str


def _drill(options: Options) -> Drill:
    """Return the drill-down's checked parameters and the source it lists."""
    params = read_params(request.args, options)
    key = _source_key(request.args.get("source", ""), options)
    if key is None:
        abort(404)
    baseline_id = intact_baseline(db.session(), key).id if key else None
    return {
        "key": key,
        "name": key or LIVE_NAME,
        "source": Source(baseline_id, params.filters),
        "params": params,
        "status": pick_choice(request.args, "status", STATUS_CHOICES),
    }


@bp.route("/compare/projects")
@login_required
def projects() -> ResponseReturnValue:
    """List the projects behind a figure, or the codes added, removed or carried over."""
    session = db.session()
    options = load_options(session, _reveal())
    chosen = request.args.get("set", "")
    if chosen in SETS:
        return _set_page(options, chosen)
    drill = _drill(options)
    page = page_number(request.args)
    rows, total = queries.project_list(session, drill["source"], drill["status"], page, PER_PAGE)
    pages = max(1, -(-total // PER_PAGE))
    return render_template(
        "compare/projects.html", rows=rows, total=total, page=page, pages=pages, **drill
    )


def _set_page(options: Options, chosen: str) -> ResponseReturnValue:
    """List the codes (with titles) of projects added, removed or carried over."""
    session = db.session()
    params = read_params(request.args, options)
    screen = build_screen(
        session, params.a, params.b, params.filters, _reveal(), indicator_page=None
    )
    codes: list[str] = list(getattr(screen.comparison, chosen))
    side = screen.old if chosen == "removed" else screen.new
    page = page_number(request.args)
    shown = codes[(page - 1) * PER_PAGE : page * PER_PAGE]
    titles = queries.project_titles(session, side.source, shown)
    return render_template(
        "compare/codes.html",
        screen=screen,
        chosen=chosen,
        codes=shown,
        titles=titles,
        total=len(codes),
        page=page,
        pages=max(1, -(-len(codes) // PER_PAGE)),
        params=params,
    )


def _all_rows(drill: Drill) -> list[list[Any]]:
    rows, _ = queries.project_list(db.session(), drill["source"], drill["status"], 1, 10**9)
    return [[getattr(row, h) for h in PROJECT_HEADERS] for row in rows]


@bp.route("/compare/projects.<any(csv, xlsx):fmt>")
@login_required
def projects_download(fmt: str) -> ResponseReturnValue:
    """Download the whole drill-down list as CSV or XLSX."""
    drill = _drill(load_options(db.session(), _reveal()))
    rows = _all_rows(drill)
    if fmt == "csv":
        return download(to_csv(PROJECT_HEADERS, rows, bom=True), "text/csv", "compact-projects.csv")
    data = to_xlsx({"Projects": (PROJECT_HEADERS, rows)})
    return download(data, XLSX, "compact-projects.xlsx")
