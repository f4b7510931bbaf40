//! The spreadsheet as CSV (always) and XLSX (feature `xlsx`).

use std::fmt::Write as _;

use super::{CteRow, Selection, for_each_row};
use crate::error::{Error, Result};
use crate::record::SignedRecord;
use crate::table::joined;

/// The column names, in order: stable, documented in the module and the README.
pub const COLUMNS: [&str; 14] = [
    "cte_type",
    "event_time",
    "traceability_lot_code",
    "product_gtin",
    "quantity",
    "unit_of_measure",
    "location",
    "tlc_source_location",
    "immediate_previous_source",
    "immediate_subsequent_recipient",
    "reference_document_type",
    "reference_document_number",
    "input_lots",
    "record_id",
];

/// Fills `fields` (14 reused buffers) with the cells of `row`.
fn fill(row: &CteRow, fields: &mut [String; 14]) {
    for f in fields.iter_mut() {
        f.clear();
    }
    fields[0].push_str(row.cte.as_str());
    let _ = write!(fields[1], "{}", row.event_time);
    let _ = write!(fields[2], "{}", row.traceability_lot_code);
    let _ = write!(fields[3], "{}", row.traceability_lot_code.gtin);
    if let Some(q) = row.quantity {
        let _ = write!(fields[4], "{q}");
    }
    if let Some(u) = &row.unit_of_measure {
        fields[5].push_str(u);
    }
    if let Some(l) = &row.location {
        let _ = write!(fields[6], "{l}");
    }
    if let Some(l) = &row.tlc_source_location {
        let _ = write!(fields[7], "{l}");
    }
    fields[8] = joined(&row.immediate_previous_source);
    fields[9] = joined(&row.immediate_subsequent_recipient);
    fields[10] = joined(
        row.reference_documents
            .iter()
            .map(|d| d.kind.as_ref().map_or("", |k| k.as_str())),
    );
    fields[11] = joined(row.reference_documents.iter().map(|d| d.id.as_str()));
    fields[12] = joined(&row.input_lots);
    let _ = write!(fields[13], "{}", row.record_id);
}

/// The rows as a column table with the [`COLUMNS`] as names, cells as in the CSV (empty
/// cells null, `quantity` a float).
pub fn table(rows: &[CteRow]) -> crate::table::Table {
    use crate::table::{Column, Table};
    let mut cells: Vec<Vec<Option<String>>> = vec![Vec::with_capacity(rows.len()); COLUMNS.len()];
    let mut fields: [String; 14] = Default::default();
    for row in rows {
        fill(row, &mut fields);
        for (c, f) in fields.iter().enumerate() {
            cells[c].push((!f.is_empty()).then(|| f.clone()));
        }
    }
    let mut t = Table::new();
    for (name, column) in COLUMNS.iter().zip(cells) {
        if *name == "quantity" {
            let q = column
                .iter()
                .map(|c| c.as_ref().and_then(|c| c.parse().ok()))
                .collect();
            t.push(name, Column::Float(q));
        } else {
            t.push(name, Column::Text(column));
        }
    }
    t
}

/// Rows formatted per block: large enough that starting a thread is noise, small enough that
/// the blocks in flight stay a few megabytes.
pub(super) const CSV_BLOCK: usize = 8192;

/// Writes `rows` as CSV (RFC 4180, header first) to `out`. Blocks of rows are formatted on
/// all cores (one on wasm) and written in order, so the bytes are those of a single writer.
pub fn write_csv(rows: &[CteRow], mut out: impl std::io::Write) -> Result<()> {
    let io = |e: std::io::Error| Error::Io(format!("writing the spreadsheet: {e}"));
    out.write_all(&csv_block(&[], true)?).map_err(io)?;
    let workers = workers();
    for group in rows.chunks(CSV_BLOCK * workers) {
        for block in format_blocks(group, workers)? {
            out.write_all(&block).map_err(io)?;
        }
    }
    out.flush().map_err(io)
}

/// Writes the spreadsheet of `records` for `selection` as CSV straight from the replay: the
/// bytes of [`write_csv`] over [`spreadsheet`](super::spreadsheet), without holding the rows.
/// While the replay goes on, blocks of rows are formatted on the other cores (on wasm, in
/// turn) and written in order. Returns the number of rows.
///
/// ```
/// use tracemark::fsma::{Selection, spreadsheet, write_csv, write_csv_of};
/// let chain = tracemark::synth::generate(&tracemark::synth::Params::small())?;
/// let (mut streamed, mut held) = (Vec::new(), Vec::new());
/// let n = write_csv_of(&chain.records, &Selection::default(), &mut streamed)?;
/// let rows = spreadsheet(&chain.records, &Selection::default());
/// write_csv(&rows, &mut held)?;
/// assert_eq!((n, streamed), (rows.len(), held));
/// # Ok::<(), tracemark::Error>(())
/// ```
pub fn write_csv_of(
    records: &[SignedRecord],
    selection: &Selection,
    mut out: impl std::io::Write + Send,
) -> Result<usize> {
    let io = |e: std::io::Error| Error::Io(format!("writing the spreadsheet: {e}"));
    out.write_all(&csv_block(&[], true)?).map_err(io)?;
    let workers = workers();
    let mut count = 0;
    if workers <= 1 {
        let mut block = Vec::with_capacity(CSV_BLOCK);
        let mut failed = None;
        for_each_row(records, selection, |row| {
            count += 1;
            block.push(row);
            if block.len() == CSV_BLOCK && failed.is_none() {
                let bytes = csv_block(&block, false);
                failed = bytes.and_then(|b| out.write_all(&b).map_err(io)).err();
                block.clear();
            }
        });
        if let Some(e) = failed {
            return Err(e);
        }
        out.write_all(&csv_block(&block, false)?).map_err(io)?;
        out.flush().map_err(io)?;
        return Ok(count);
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        pipeline::run(records, selection, workers, &mut out, &mut count)?;
        out.flush().map_err(io)?;
    }
    Ok(count)
}

/// The threads of [`write_csv_of`]: the caller's replays and cuts blocks, `workers`
/// formatters turn blocks into bytes, one writer puts the bytes out in block order. Bounded
/// channels keep a few blocks in flight, so memory stays a few megabytes whatever the size.
#[cfg(not(target_arch = "wasm32"))]
mod pipeline {
    use std::collections::BTreeMap;
    use std::sync::mpsc::{Receiver, sync_channel};
    use std::sync::{Arc, Mutex};

    use super::{
        CSV_BLOCK, CteRow, Error, Result, Selection, SignedRecord, csv_block, for_each_row,
    };

    pub(super) fn run(
        records: &[SignedRecord],
        selection: &Selection,
        workers: usize,
        out: &mut (impl std::io::Write + Send),
        count: &mut usize,
    ) -> Result<()> {
        let (to_format, blocks) = sync_channel::<(usize, Vec<CteRow>)>(workers * 2);
        let (to_write, formatted) = sync_channel::<(usize, Result<Vec<u8>>)>(workers * 2);
        let blocks = Arc::new(Mutex::new(blocks));
        std::thread::scope(|scope| {
            for _ in 0..workers {
                let (blocks, to_write) = (Arc::clone(&blocks), to_write.clone());
                scope.spawn(move || format(&blocks, &to_write));
            }
            drop(to_write);
            let writer = scope.spawn(move || write(formatted, out));
            let mut block = Vec::with_capacity(CSV_BLOCK);
            let mut seq = 0;
            for_each_row(records, selection, |row| {
                *count += 1;
                block.push(row);
                if block.len() == CSV_BLOCK {
                    let full = std::mem::replace(&mut block, Vec::with_capacity(CSV_BLOCK));
                    // A send fails only when every formatter is gone, and then the writer
                    // has the error to report.
                    let _ = to_format.send((seq, full));
                    seq += 1;
                }
            });
            let _ = to_format.send((seq, block));
            drop(to_format);
            writer
                .join()
                .unwrap_or_else(|_| Err(Error::Io("the spreadsheet writer thread failed".into())))
        })
    }

    /// Formats blocks until the replay is done.
    fn format(
        blocks: &Mutex<Receiver<(usize, Vec<CteRow>)>>,
        to_write: &std::sync::mpsc::SyncSender<(usize, Result<Vec<u8>>)>,
    ) {
        loop {
            let next = match blocks.lock() {
                Ok(rx) => rx.recv(),
                Err(_) => return,
            };
            let Ok((seq, rows)) = next else { return };
            if to_write.send((seq, csv_block(&rows, false))).is_err() {
                return;
            }
        }
    }

    /// Writes the blocks in order; after the first error it drains the rest so that no
    /// thread waits on a full channel, and reports that error.
    fn write(
        formatted: Receiver<(usize, Result<Vec<u8>>)>,
        out: &mut impl std::io::Write,
    ) -> Result<()> {
        let mut waiting = BTreeMap::new();
        let mut next = 0;
        let mut failed = None;
        for (seq, bytes) in formatted {
            waiting.insert(seq, bytes);
            while let Some(bytes) = waiting.remove(&next) {
                next += 1;
                if failed.is_none() {
                    failed = bytes
                        .and_then(|b| {
                            out.write_all(&b)
                                .map_err(|e| Error::Io(format!("writing the spreadsheet: {e}")))
                        })
                        .err();
                }
            }
        }
        failed.map_or(Ok(()), Err)
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn workers() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().min(8))
}

#[cfg(target_arch = "wasm32")]
fn workers() -> usize {
    1
}

/// The CSV bytes of each block of `CSV_BLOCK` rows in `group`, in order.
fn format_blocks(group: &[CteRow], workers: usize) -> Result<Vec<Vec<u8>>> {
    if workers <= 1 || group.len() <= CSV_BLOCK {
        return group
            .chunks(CSV_BLOCK)
            .map(|b| csv_block(b, false))
            .collect();
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::thread::scope(|scope| {
            let handles: Vec<_> = group
                .chunks(CSV_BLOCK)
                .map(|b| scope.spawn(move || csv_block(b, false)))
                .collect();
            handles
                .into_iter()
                .map(|h| {
                    h.join().unwrap_or_else(|_| {
                        Err(Error::Io("a spreadsheet writer thread failed".into()))
                    })
                })
                .collect()
        })
    }
    #[cfg(target_arch = "wasm32")]
    group
        .chunks(CSV_BLOCK)
        .map(|b| csv_block(b, false))
        .collect()
}

/// `rows` as CSV bytes, after the header when `header`.
pub(super) fn csv_block(rows: &[CteRow], header: bool) -> Result<Vec<u8>> {
    let io = |e: csv::Error| Error::Io(format!("writing the spreadsheet: {e}"));
    let mut w = csv::Writer::from_writer(Vec::with_capacity(rows.len() * 256 + 256));
    if header {
        w.write_record(COLUMNS).map_err(io)?;
    }
    let mut fields: [String; 14] = Default::default();
    for row in rows {
        fill(row, &mut fields);
        w.write_record(&fields).map_err(io)?;
    }
    w.into_inner()
        .map_err(|e| Error::Io(format!("writing the spreadsheet: {}", e.error())))
}

/// The rows of one XLSX sheet, header included.
#[cfg(feature = "xlsx")]
const XLSX_MAX_ROWS: usize = 1_048_576;

/// The spreadsheet as an XLSX workbook (one sheet named `FSMA 204`, header row frozen and
/// filterable), in memory. More rows than a sheet holds (1,048,575 after the header) is a
/// [`Error::LimitExceeded`].
#[cfg(feature = "xlsx")]
pub fn write_xlsx(rows: &[CteRow]) -> Result<Vec<u8>> {
    use rust_xlsxwriter::{Format, Workbook};
    if rows.len() >= XLSX_MAX_ROWS {
        return Err(Error::LimitExceeded(format!(
            "{} rows: an XLSX sheet holds {} after its header; write CSV instead",
            rows.len(),
            XLSX_MAX_ROWS - 1
        )));
    }
    let x = |e: rust_xlsxwriter::XlsxError| Error::Io(format!("writing the workbook: {e}"));
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("FSMA 204").map_err(x)?;
    let bold = Format::new().set_bold();
    for (c, name) in COLUMNS.iter().enumerate() {
        sheet
            .write_string_with_format(0, c as u16, *name, &bold)
            .map_err(x)?;
    }
    let mut fields: [String; 14] = Default::default();
    for (r, row) in rows.iter().enumerate() {
        fill(row, &mut fields);
        for (c, f) in fields.iter().enumerate() {
            if !f.is_empty() {
                sheet
                    .write_string((r + 1) as u32, c as u16, f.as_str())
                    .map_err(x)?;
            }
        }
    }
    sheet.set_freeze_panes(1, 0).map_err(x)?;
    sheet
        .autofilter(0, 0, rows.len() as u32, (COLUMNS.len() - 1) as u16)
        .map_err(x)?;
    book.save_to_buffer().map_err(x)
}
