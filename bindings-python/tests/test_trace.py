"""Trace, recall, the FSMA 204 spreadsheet and outbreak scores from Python, as tables."""

import json

import pytest

import tracemark


@pytest.fixture(scope="module")
def chain():
    records, trust = tracemark.synthetic_supply_chain("small")
    assert tracemark.verify_batch(records, trust).verdict == "valid"
    return records, tracemark.TraceGraph(records)


def farm_lot(records):
    sheet = tracemark.fsma_spreadsheet(records)
    rows = [i for i, cte in enumerate(sheet["cte_type"]) if cte == "initial_packing"]
    return sheet["traceability_lot_code"][rows[0]]


def test_a_trace_is_a_table_with_paths(chain):
    records, graph = chain
    lot = farm_lot(records)
    assert lot in graph and "(01)09506000134352(10)NOPE" not in graph
    assert graph.node_count > 50 and graph.edge_count > graph.node_count
    t = graph.trace([lot], paths=True)
    assert set(t) == {"kind", "id", "at", "hops", "path"}
    assert len({len(c) for c in t.values()}) == 1
    assert t["id"][0] == lot and t["hops"][0] == 0
    assert "shipment" in t["kind"] and "item" in t["kind"]
    assert all(p.startswith("rec:") for p in t["path"][1:])
    back = graph.trace([t["id"][-1]], backward=True)
    assert lot in back["id"], "the lot is upstream of what it reached"
    assert len(graph.trace([lot], hops=1)["id"]) < len(t["id"])
    assert graph.trace([lot], until="2000-01-01T00:00:00Z")["id"] == [lot]
    with pytest.raises(tracemark.TracemarkError) as raised:
        graph.trace(["not an id"])
    assert raised.value.code


def test_a_recall_gives_holders_balances_and_the_spreadsheet(chain):
    records, graph = chain
    lot = farm_lot(records)
    impact = tracemark.assess_recall(graph, records, {"input_lots": [lot]})
    assert impact.unmatched == [] and impact.starts == [lot]
    assert impact.depth == "consumer"
    holders = impact.holders()
    assert {"producer", "processor", "distributor", "retailer"} <= set(holders["role"])
    balances = impact.balances()
    row = balances["goods"].index(lot)
    assert balances["produced"][row] == balances["consumed"][row] > 0
    goods = impact.goods()
    assert set(goods["state"]) <= {"held", "sold", "consumed", "in_transit"}
    assert impact.shipments()["shipment"][0].startswith("rec:")
    assert impact.holdings()["holder"]
    assert json.dumps(impact.to_json())
    # The same scope as JSON text; a scope naming nothing is said.
    ghost = tracemark.assess_recall(graph, records, '{"lots": ["(01)09506000134352(10)NOPE"]}')
    assert ghost.depth is None and "NOPE" in ghost.unmatched[0]
    with pytest.raises(tracemark.TracemarkError):
        tracemark.assess_recall(graph, records, {"lots": [42]})
    # The lots it reached, as the FDA asks for them.
    lots = sorted(g for g in balances["goods"] if "(10)" in g)
    sheet = tracemark.fsma_spreadsheet(records, lots=lots)
    assert set(sheet["traceability_lot_code"]) == set(lots)
    csv = tracemark.fsma_file(records, lots=lots)
    assert csv.splitlines()[0].startswith("cte_type,event_time,traceability_lot_code")
    assert len(csv.splitlines()) == len(sheet["cte_type"]) + 1
    book = tracemark.fsma_file(records, lots=lots, xlsx=True)
    assert isinstance(book, bytes) and book.startswith(b"PK")


def test_tables_become_arrow_and_pandas(chain):
    pyarrow = pytest.importorskip("pyarrow")
    pandas = pytest.importorskip("pandas")
    records, graph = chain
    sheet = tracemark.fsma_spreadsheet(records)
    table = tracemark.to_arrow(sheet)
    assert isinstance(table, pyarrow.Table)
    assert table.num_rows == len(sheet["cte_type"]) and table.num_columns == 14
    assert table.schema.field("quantity").type == pyarrow.float64()
    frame = tracemark.to_pandas(graph.trace([farm_lot(records)]))
    assert isinstance(frame, pandas.DataFrame)
    assert list(frame.columns) == ["kind", "id", "at", "hops", "path"]


def test_outbreak_scores_point_at_the_common_link(chain):
    records, graph = chain
    lot = farm_lot(records)
    impact = tracemark.assess_recall(graph, records, {"input_lots": [lot]})
    holders = impact.holders()
    shops = [loc for loc, role in zip(holders["location"], holders["role"]) if role == "retailer"]
    scores = tracemark.outbreak_scores(graph, shops)
    i = scores["id"].index(lot)
    assert scores["common_link"][i] and scores["score"][i] == 1.0
    weighted = tracemark.outbreak_scores(graph, [(shops[0], 3.0)] + shops[1:])
    assert weighted["score"] == sorted(weighted["score"], reverse=True)
    with pytest.raises(tracemark.TracemarkError):
        tracemark.outbreak_scores(graph, [])


def test_foodchain_lab_networks_load_and_score():
    net = tracemark.FclNetwork.from_json(
        json.dumps(
            {
                "stations": [{"id": "farm"}, {"id": "s1"}, {"id": "s2"}],
                "deliveries": [
                    {"id": "a", "source": "farm", "target": "s1"},
                    {"id": "b", "source": "farm", "target": "s2"},
                ],
                "deliveriesRelations": [],
                "tracing": {"nodes": [{"id": "s1", "weight": 1}, {"id": "s2", "weight": 1}]},
            }
        )
    )
    assert (net.station_count, net.delivery_count) == (3, 2)
    scores = net.scores()
    top = [s for s in scores["stations"] if not s["is_case"]][0]
    assert top["id"] == "farm" and top["common_link"]
    assert net.graph().node_count == 5
    with pytest.raises(tracemark.InvalidInputError) as raised:
        tracemark.FclNetwork.from_json('{"stations": [{"name": "x"}]}')
    assert "$.stations[0]" in str(raised.value)


def test_a_graph_from_columns_is_traced_by_node_number():
    # 0 -> 1 opens at 1 s; 1 -> 2 is open only before that; 2 -> 3 always.
    graph = tracemark.TraceGraph.from_columns(
        4, [0, 1, 2], [1, 2, 3], opens=[1000, 500, 0], closes=[2**63 - 1, 800, 2**63 - 1]
    )
    assert (graph.node_count, graph.edge_count) == (4, 3)
    assert 3 in graph and 4 not in graph
    assert graph.trace([0])["id"] == ["0", "1"], "1 -> 2 closed before 1 arrived"
    assert graph.trace([0], untimed=True)["id"] == ["0", "1", "2", "3"]
    assert graph.trace([3], backward=True, untimed=True)["id"] == ["3", "2", "1", "0"]
    cut, unknown = graph.with_rules(kill=[1, 9])
    assert cut.trace([0], untimed=True)["id"] == ["0", "1"] and unknown == ["9"]
    numpy = pytest.importorskip("numpy")
    again = tracemark.TraceGraph.from_columns(
        4, numpy.array([0, 1, 2], dtype=numpy.uint32), numpy.arange(1, 4, dtype=numpy.uint32)
    )
    assert again.trace([0])["id"] == ["0", "1", "2", "3"]
    for bad in (([0, 1], [1]), ([0], [7])):
        with pytest.raises(tracemark.TracemarkError) as raised:
            tracemark.TraceGraph.from_columns(4, *bad)
        assert raised.value.code == "decode_invalid_value"
