//! The worker's backup jobs: write the workspace as a backup file (store by store, frame by
//! frame, compressed as it goes) and hand the page a `blob:` address of it; read what a backup
//! file holds; restore one in a single transaction.

use super::import::{BlobReader, JobContext};
use super::protocol::{BackupFile, BackupJob, Report};
use crate::store::backup::{RestoreFrame, BACKED_UP};
use crate::store::{Store, StoreName, SCHEMA_VERSION};
use hearth_import::backup::{
    header_member, BackupHeader, BackupReader, StoreSection, FORMAT, FRAME_RECORDS, VERSION,
};
use std::sync::Arc;

/// The stage name of a backup's or a restore's progress (records done of the total).
pub const BACKUP_STAGE: &str = "backup";

/// Runs `job` against the workspace in `store`; a restore or an inspection reads `file`.
pub async fn run(
    job: BackupJob,
    file: Option<&web_sys::Blob>,
    store: &Store,
    context: JobContext<'_>,
) -> Result<Report, String> {
    match job {
        BackupJob::Write { now } => write(now, store, context).await,
        BackupJob::Inspect => {
            let file = file.ok_or("no backup file was sent")?;
            let reader = BackupReader::open(BlobReader::new(file)?).map_err(|e| e.to_string())?;
            Ok(Report::BackupContents(Arc::new(reader.header().clone())))
        }
        BackupJob::Restore(mode) => {
            let file = file.ok_or("no backup file was sent")?;
            let mut reader =
                BackupReader::open(BlobReader::new(file)?).map_err(|e| e.to_string())?;
            let total: u64 = reader.header().stores.iter().map(|s| s.records).sum();
            let mut frames = || -> Result<Option<RestoreFrame>, String> {
                let Some(frame) = reader.next_frame().map_err(|e| e.to_string())? else {
                    return Ok(None);
                };
                let store = StoreName::from_name(&frame.store)
                    .filter(|store| BACKED_UP.contains(store))
                    .ok_or_else(|| format!("the backup holds an unknown store, {}", frame.store))?;
                Ok(Some(RestoreFrame {
                    store,
                    line: frame.line,
                }))
            };
            let cancelled = context.cancelled;
            let progress = context.progress;
            let written = store
                .restore_backup(mode, &mut frames, &mut |done| {
                    progress(BACKUP_STAGE, done as usize, total as usize);
                    !cancelled()
                })
                .await
                .map_err(|e| e.to_string())?;
            Ok(Report::Restored(written))
        }
    }
}

async fn write(now: i64, store: &Store, context: JobContext<'_>) -> Result<Report, String> {
    let failed = |e: crate::store::StoreError| e.to_string();
    let mut total = 0;
    for &name in BACKED_UP {
        total += store.stored_count(name).await.map_err(failed)?;
    }
    let mut members = Vec::new();
    let mut summaries = Vec::new();
    let mut done = 0u64;
    for &name in BACKED_UP {
        let mut section = StoreSection::new(name.as_str());
        store
            .dump(name, FRAME_RECORDS as u32, &mut |records| {
                if (context.cancelled)() {
                    return Err("cancelled".into());
                }
                done += records.len() as u64;
                (context.progress)(BACKUP_STAGE, done as usize, total as usize);
                section.frame(&records).map_err(|e| e.to_string())
            })
            .await
            .map_err(failed)?;
        let (bytes, summary) = section.finish().map_err(|e| e.to_string())?;
        members.push(bytes);
        summaries.push(summary);
    }
    let header = BackupHeader {
        format: FORMAT.into(),
        version: VERSION,
        schema: SCHEMA_VERSION,
        created_at: now,
        stores: summaries,
    };
    let head = header_member(&header).map_err(|e| e.to_string())?;
    let parts = js_sys::Array::new();
    let mut bytes = 0u64;
    for member in std::iter::once(&head).chain(&members) {
        bytes += member.len() as u64;
        parts.push(&js_sys::Uint8Array::from(member.as_slice()));
    }
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/gzip");
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
        .map_err(|e| format!("{e:?}"))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|e| format!("{e:?}"))?;
    Ok(Report::Backup(BackupFile {
        url,
        bytes,
        records: done,
    }))
}
