//! The worker's import jobs: a file sent by the page, read in slices with `FileReaderSync` (never
//! whole), previewed, checked row by row (the dry run) or imported in batches, each batch one
//! transaction with its undo record and the history entry's counts.

use super::protocol::{ImportCheck, ImportJob, ImportPreview, ImportStep, Report};
use crate::store::NamedRecords;
use crate::store::{Importable, Store};
use hearth_domain::demo::default_pipeline;
use hearth_domain::entity::{stage_names, Entity, FieldKind};
use hearth_domain::imports::{ImportBatch, ImportCounts, ImportRecord, ImportStatus};
use hearth_domain::{
    Company, CustomFieldDef, Deal, EntityKind, ImportBatchId, ImportId, Order, Person, Pipeline,
    Product, Ticket, TrashedRecord, Validate,
};
use hearth_import::mapping::{suggest, targets};
use hearth_import::reconcile::{Batch, ImportSettings, Importer, Names};
use hearth_import::source::{preview, PREVIEW_BYTES};
use std::io::Read;
use std::sync::Arc;
use web_sys::{Blob, FileReaderSync};

/// Rows per written batch: one transaction each, large enough that committing costs little per
/// row, small enough that a cancel is heard within a fraction of a second.
const BATCH_ROWS: usize = 20_000;

/// The stage names progress messages carry.
pub const CHECKING_STAGE: &str = "checking";
/// See [`CHECKING_STAGE`]: rows written of the rows the dry run counted.
pub const IMPORTING_STAGE: &str = "importing";

/// A `Blob` read front to back, one `FileReaderSync` call per read (the decoder asks for
/// slices of 4 MiB).
pub(super) struct BlobReader {
    blob: Blob,
    at: f64,
    reader: FileReaderSync,
}

impl BlobReader {
    /// Reads `blob` from its start.
    pub(super) fn new(blob: &Blob) -> Result<BlobReader, String> {
        Ok(BlobReader {
            blob: blob.clone(),
            at: 0.0,
            reader: FileReaderSync::new().map_err(|e| format!("{e:?}"))?,
        })
    }
}

impl Read for BlobReader {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let size = self.blob.size();
        if self.at >= size || out.is_empty() {
            return Ok(0);
        }
        let end = (self.at + out.len() as f64).min(size);
        let failed = |e: wasm_bindgen::JsValue| std::io::Error::other(format!("{e:?}"));
        let slice = self
            .blob
            .slice_with_f64_and_f64(self.at, end)
            .map_err(failed)?;
        let bytes = self.reader.read_as_array_buffer(&slice).map_err(failed)?;
        let bytes = js_sys::Uint8Array::new(&bytes);
        let n = (bytes.length() as usize).min(out.len());
        bytes.slice(0, n as u32).copy_to(&mut out[..n]);
        self.at += n as f64;
        Ok(n)
    }
}

/// What a job needs of the worker: progress (stage, done, total) and whether it was asked to stop.
pub struct JobContext<'a> {
    /// Reports progress.
    pub progress: &'a mut dyn FnMut(&str, usize, usize),
    /// Whether the page asked the job to stop.
    pub cancelled: &'a dyn Fn() -> bool,
}

/// Runs `job` against the workspace in `store`, on `file` (which every step but a revert reads).
pub async fn run(
    job: ImportJob,
    file: Option<&Blob>,
    store: &Store,
    context: JobContext<'_>,
) -> Result<Report, String> {
    if let ImportStep::Revert(import) = job.step {
        return store
            .revert_import(import, job.now)
            .await
            .map(Report::Reverted)
            .map_err(|e| e.to_string());
    }
    let file = file.ok_or("the import job came without its file")?;
    match job.entity {
        EntityKind::Person => run_for::<Person>(job, file, store, context).await,
        EntityKind::Company => run_for::<Company>(job, file, store, context).await,
        EntityKind::Product => run_for::<Product>(job, file, store, context).await,
        EntityKind::Order => run_for::<Order>(job, file, store, context).await,
        EntityKind::Ticket => run_for::<Ticket>(job, file, store, context).await,
        EntityKind::Deal => run_for::<Deal>(job, file, store, context).await,
        // Campaigns take their members from segments, not from files.
        EntityKind::Campaign => Err("campaigns are not imported from files".into()),
    }
}

async fn run_for<E: Importable + Validate + Clone>(
    job: ImportJob,
    file: &Blob,
    store: &Store,
    context: JobContext<'_>,
) -> Result<Report, String> {
    let custom: Vec<CustomFieldDef> = store.all().await.map_err(|e| e.to_string())?;
    match job.step {
        ImportStep::Preview {
            chinese,
            encoding,
            delimiter,
        } => {
            let mut start = vec![0; PREVIEW_BYTES];
            let read = read_start(file, &mut start)?;
            start.truncate(read);
            let whole = file.size() as usize <= read;
            let preview =
                preview(&start, whole, chinese, encoding, delimiter).map_err(|e| e.to_string())?;
            let mapping = suggest::<E>(&preview.headers, &custom);
            Ok(Report::ImportPreview(Arc::new(ImportPreview {
                preview,
                mapping,
                targets: targets::<E>(&custom),
                bytes: file.size() as u64,
            })))
        }
        ImportStep::Check(settings) => {
            let mut importer = importer::<E>(&settings, &custom, file, store, job.now).await?;
            let total = file.size() as usize;
            loop {
                if (context.cancelled)() {
                    return Err("cancelled".into());
                }
                let batch = importer.next_batch(BATCH_ROWS).map_err(|e| e.to_string())?;
                (context.progress)(CHECKING_STAGE, importer.bytes_read() as usize, total);
                if batch.is_none() {
                    break;
                }
            }
            let (problems, left_out) = importer.problems();
            Ok(Report::ImportChecked(Arc::new(ImportCheck {
                counts: importer.counts().clone(),
                problems: problems.to_vec(),
                left_out,
                malformed: importer.had_malformed_bytes(),
            })))
        }
        // Answered by `run` before it reads a file.
        ImportStep::Revert(_) => Err("nothing to import".into()),
        ImportStep::Write {
            settings,
            file_name,
            rows,
        } => {
            let mut importer = importer::<E>(&settings, &custom, file, store, job.now).await?;
            if names_stages::<E>() && stored_pipelines(store).await?.is_empty() {
                // A workspace without pipelines gets the one its deals' stages were read from.
                store
                    .put(&default_pipeline(job.now))
                    .await
                    .map_err(|e| e.to_string())?;
            }
            let mut import = store
                .insert(ImportRecord {
                    id: ImportId(0),
                    revision: 0,
                    uid: Default::default(),
                    entity: E::KIND,
                    file_name,
                    bytes: file.size() as u64,
                    started_at: job.now,
                    finished_at: None,
                    counts: ImportCounts::default(),
                    status: ImportStatus::Running,
                })
                .await
                .map_err(|e| e.to_string())?;
            let mut status = ImportStatus::Done;
            loop {
                if (context.cancelled)() {
                    status = ImportStatus::Cancelled;
                    break;
                }
                let batch = match importer.next_batch(BATCH_ROWS) {
                    Ok(Some(batch)) => batch,
                    Ok(None) => break,
                    Err(error) => {
                        status = ImportStatus::Failed {
                            error: error.to_string(),
                        };
                        break;
                    }
                };
                let kept = std::mem::replace(&mut import.counts, importer.counts().clone());
                match write_batch(store, &import, batch, job.now).await {
                    Ok(stored) => import = stored,
                    Err(error) => {
                        // The batch rolled back: the history counts what earlier ones wrote.
                        import.counts = kept;
                        status = ImportStatus::Failed { error };
                        break;
                    }
                }
                (context.progress)(
                    IMPORTING_STAGE,
                    import.counts.rows as usize,
                    rows.max(import.counts.rows) as usize,
                );
            }
            // The people list opened next finds a snapshot of every page this import wrote
            // (or the next full read writes those a failure here left out).
            let _ = store.refresh_snapshots::<Person>().await;
            import.status = status;
            import.finished_at = Some(job.now);
            match store.put(&import).await {
                Ok(stored) => Ok(Report::Imported(stored.id)),
                // A full disk refuses even this small write: the history keeps the entry as the
                // last batch left it (its counts are right; it reads as interrupted), and the page
                // is told why the import stopped.
                Err(error) => Err(match import.status {
                    ImportStatus::Failed { error } => error,
                    _ => error.to_string(),
                }),
            }
        }
    }
}

/// Reads the first `start.len()` bytes of `file` (fewer if it is shorter).
fn read_start(file: &Blob, start: &mut [u8]) -> Result<usize, String> {
    let mut reader = BlobReader::new(file)?;
    let mut read = 0;
    while read < start.len() {
        match reader.read(&mut start[read..]) {
            Ok(0) => break,
            Ok(n) => read += n,
            Err(error) => return Err(error.to_string()),
        }
    }
    Ok(read)
}

/// The importer of `file` for `E`, with the stored records it matches and the companies its
/// rows may name.
async fn importer<E: Importable + Validate + Clone>(
    settings: &ImportSettings,
    custom: &[CustomFieldDef],
    file: &Blob,
    store: &Store,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Importer<E, BlobReader>, String> {
    let failed = |e: crate::store::StoreError| e.to_string();
    let existing: Vec<E> = store.all().await.map_err(failed)?;
    let next_id = store
        .next_key(<E as crate::store::Record>::STORE)
        .await
        .map_err(failed)?;
    let mut names = Names::new(settings.create_missing);
    let mut referenced: Vec<EntityKind> = E::fields()
        .iter()
        .filter_map(|field| match field.kind {
            FieldKind::Reference(kind) => Some(kind),
            _ => None,
        })
        .collect();
    referenced.dedup();
    for kind in referenced {
        let (records, next) = store.reference_keys(kind).await.map_err(failed)?;
        names = names.with(kind, records, next);
    }
    if names_stages::<E>() {
        let mut pipelines = stored_pipelines(store).await?;
        if pipelines.is_empty() {
            pipelines.push(default_pipeline(now));
        }
        names = names.with_stages(stage_names(&pipelines));
    }
    Importer::new(
        BlobReader::new(file)?,
        settings,
        custom,
        existing,
        next_id,
        names,
        now,
    )
    .map_err(|e| e.to_string())
}

/// Whether `E`'s rows name a deal stage.
fn names_stages<E: Entity>() -> bool {
    E::fields()
        .iter()
        .any(|field| field.kind == FieldKind::Stage)
}

async fn stored_pipelines(store: &Store) -> Result<Vec<Pipeline>, String> {
    store
        .all()
        .await
        .map_err(|e: crate::store::StoreError| e.to_string())
}

/// Writes `batch` with its undo record and the history entry; returns the entry as stored.
async fn write_batch<E: Importable + Validate + Clone>(
    store: &Store,
    import: &ImportRecord,
    batch: Batch<E>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<ImportRecord, String> {
    let mut named = NamedRecords::default();
    for reference in &batch.references {
        match reference.kind {
            EntityKind::Company => named.companies.push(reference.company(now)),
            EntityKind::Person => named.people.push(reference.person(now)),
            EntityKind::Product => named.products.push(reference.product(now)),
            _ => {}
        }
    }
    let (created, updated): (Vec<E>, Vec<E>) = batch
        .writes
        .into_iter()
        .partition(|record| record.revision() == 0);
    let written = batch
        .references
        .iter()
        .map(|reference| (reference.kind, reference.id, 1))
        .chain(
            created
                .iter()
                .chain(&updated)
                .map(|record| (E::KIND, record.id(), record.revision() + 1)),
        )
        .collect();
    let undo = ImportBatch {
        id: ImportBatchId(0),
        revision: 0,
        uid: Default::default(),
        import: import.id,
        created: batch.created,
        created_companies: named.companies.iter().map(|c| c.id.0).collect(),
        created_people: named.people.iter().map(|p| p.id.0).collect(),
        created_products: named.products.iter().map(|p| p.id.0).collect(),
        previous: batch
            .previous
            .into_iter()
            .map(Into::<TrashedRecord>::into)
            .collect(),
        written,
    };
    store
        .write_import_batch(import, &created, &updated, &named, &undo)
        .await
        .map_err(|e| e.to_string())
}
