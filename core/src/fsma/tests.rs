use super::*;
use crate::synth::{Params, generate};
use crate::time::Timestamp;
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

fn rows_of(cte: CteType, rows: &[CteRow]) -> Vec<&CteRow> {
    rows.iter().filter(|r| r.cte == cte).collect()
}

#[test]
fn every_critical_tracking_event_of_the_chain_has_its_rows() {
    let p = Params::small();
    let chain = generate(&p).unwrap();
    let rows = spreadsheet(&chain.records, &Selection::default());
    let days = p.days as usize;
    // Farms pack a lot a day; packers transform one a day.
    assert_eq!(
        rows_of(CteType::InitialPacking, &rows).len(),
        days * p.farms as usize
    );
    let transformations = rows_of(CteType::Transformation, &rows);
    assert_eq!(transformations.len(), days * p.packers as usize);
    for t in &transformations {
        // Farms are drawn at random, so a lot can be drawn twice: it is listed once.
        let inputs = t.input_lots.len();
        assert!((1..=p.inputs_per_transformation as usize).contains(&inputs));
        // The packs are counted under the new lot, the packer is its TLC source.
        let packs = p.packs_per_case * p.cases_per_pallet;
        assert_eq!(t.quantity.map(|q| q.to_string()), Some(packs.to_string()));
        assert_eq!(t.unit_of_measure.as_deref(), Some("EA"));
        assert_eq!(t.tlc_source_location, t.location);
    }
    // A pallet shipment stands for the packs on it; a case shipment for the packs in it.
    let shipped: Vec<String> = rows_of(CteType::Shipping, &rows)
        .iter()
        .filter(|r| r.traceability_lot_code.lot.as_str().starts_with('P'))
        .filter_map(|r| r.quantity.map(|q| q.to_string()))
        .collect();
    let pallet = (p.packs_per_case * p.cases_per_pallet).to_string();
    let case = p.packs_per_case.to_string();
    assert!(
        shipped.contains(&pallet) && shipped.contains(&case),
        "{shipped:?}"
    );
    // Every receipt names where it came from; every shipment whom it went to.
    for r in rows_of(CteType::Receiving, &rows) {
        assert!(!r.immediate_previous_source.is_empty(), "{r:?}");
        assert!(!r.reference_documents.is_empty());
        assert!(r.tlc_source_location.is_some());
    }
    for r in rows_of(CteType::Shipping, &rows) {
        assert!(!r.immediate_subsequent_recipient.is_empty());
    }
    // Event-time order.
    assert!(
        rows.windows(2)
            .all(|w| w[0].event_time.at() <= w[1].event_time.at())
    );
}

#[test]
fn a_lot_code_selects_its_events_and_the_transformations_it_went_into() {
    let chain = generate(&Params::small()).unwrap();
    let all = spreadsheet(&chain.records, &Selection::default());
    let lot = all
        .iter()
        .find(|r| r.cte == CteType::Transformation)
        .map(|r| r.input_lots[0].clone())
        .unwrap();
    let selection = Selection {
        lots: vec![lot.clone()],
        ..Selection::default()
    };
    let rows = spreadsheet(&chain.records, &selection);
    assert!(
        rows.iter()
            .all(|r| r.traceability_lot_code == lot || r.input_lots.contains(&lot))
    );
    let ctes: Vec<CteType> = rows.iter().map(|r| r.cte).collect();
    for cte in [
        CteType::InitialPacking,
        CteType::Shipping,
        CteType::Receiving,
        CteType::Transformation,
    ] {
        assert!(ctes.contains(&cte), "{cte:?} missing: {ctes:?}");
    }
    // The same lot, but only events after the first day.
    let later = Selection {
        window: TimeWindow {
            from: Some(
                Timestamp::from_unix_millis(rows[0].event_time.at().unix_millis() + 1).unwrap(),
            ),
            until: None,
        },
        ..selection
    };
    let fewer = spreadsheet(&chain.records, &later);
    assert_eq!(fewer.len(), rows.len() - 1, "only the packing is left out");
    // A food: every lot of one GTIN.
    let food = Selection {
        products: vec![lot.gtin],
        ..Selection::default()
    };
    let by_food = spreadsheet(&chain.records, &food);
    assert!(by_food.len() > rows.len());
    assert!(
        by_food
            .iter()
            .all(|r| r.traceability_lot_code.gtin == lot.gtin
                || r.input_lots.iter().any(|l| l.gtin == lot.gtin))
    );
}

#[test]
fn the_csv_reads_back_cell_for_cell() {
    let chain = generate(&Params::small()).unwrap();
    let rows = spreadsheet(&chain.records, &Selection::default());
    let mut out = Vec::new();
    write_csv(&rows, &mut out).unwrap();
    let mut reader = csv::Reader::from_reader(out.as_slice());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header, COLUMNS);
    let back: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(back.len(), rows.len());
    for (row, rec) in rows.iter().zip(&back) {
        assert_eq!(&rec[0], row.cte.as_str());
        assert_eq!(rec[1].parse::<EventTime>().unwrap(), row.event_time);
        assert_eq!(rec[2], row.traceability_lot_code.to_string());
        assert_eq!(rec[3], row.traceability_lot_code.gtin.to_string());
        assert_eq!(rec[4].parse::<Decimal>().ok(), row.quantity);
        assert_eq!(rec[13].parse::<RecordId>().unwrap(), row.record_id);
        let docs = rec[11].split("; ").filter(|s| !s.is_empty()).count();
        assert_eq!(docs, row.reference_documents.len());
    }
}

#[cfg(feature = "xlsx")]
#[test]
fn the_workbook_is_a_zip_with_one_sheet() {
    let chain = generate(&Params::small()).unwrap();
    let rows = spreadsheet(&chain.records, &Selection::default());
    let book = write_xlsx(&rows).unwrap();
    assert!(book.starts_with(b"PK\x03\x04"));
    assert!(book.len() > 4_000);
}

#[test]
fn selecting_first_gives_the_rows_of_selecting_after() {
    let chain = generate(&Params::small()).unwrap();
    let all = spreadsheet(&chain.records, &Selection::default());
    let mut lots: Vec<Lgtin> = all
        .iter()
        .map(|r| r.traceability_lot_code.clone())
        .collect();
    lots.sort();
    lots.dedup();
    for lot in lots {
        let selection = Selection {
            lots: vec![lot],
            ..Selection::default()
        };
        let fast = spreadsheet(&chain.records, &selection);
        let slow: Vec<&CteRow> = all.iter().filter(|r| selection.selects(r)).collect();
        assert_eq!(fast.len(), slow.len());
        for (a, b) in fast.iter().zip(slow) {
            assert_eq!(
                (
                    a.record_id,
                    &a.traceability_lot_code,
                    a.quantity,
                    &a.immediate_previous_source
                ),
                (
                    b.record_id,
                    &b.traceability_lot_code,
                    b.quantity,
                    &b.immediate_previous_source
                )
            );
        }
    }
}

#[test]
fn csv_written_in_parallel_blocks_is_the_single_writer_csv() {
    let chain = generate(&Params::small()).unwrap();
    let some = spreadsheet(&chain.records, &Selection::default());
    // More rows than two blocks, with a ragged last block, each block's rows different.
    let rows: Vec<CteRow> = some
        .iter()
        .cycle()
        .take(2 * write::CSV_BLOCK * 2 + 17)
        .cloned()
        .collect();
    let mut parallel = Vec::new();
    write_csv(&rows, &mut parallel).unwrap();
    let single = write::csv_block(&rows, true).unwrap();
    assert_eq!(parallel, single);
    assert_eq!(
        String::from_utf8(parallel).unwrap().lines().count(),
        rows.len() + 1
    );
    // Empty: the header alone.
    let mut empty = Vec::new();
    write_csv(&[], &mut empty).unwrap();
    assert_eq!(
        String::from_utf8(empty).unwrap().trim_end(),
        COLUMNS.join(",")
    );
}
