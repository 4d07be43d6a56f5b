//! The backup file: gzip, as several members one after the other (which any gzip reader reads as
//! one stream). The first member is one JSON line, the [`BackupHeader`]: format name and version,
//! schema version, when it was made, and per store its record count and checksum. Each store's
//! records follow in a member of their own, as frames of one line each:
//! `{"store":"people","count":1000,"records":[…]}` holding the records exactly as the database
//! stored them (so a restore gives back identical records, byte for byte). The shell writes a
//! store's frames as it reads them and never holds the backup as one string.

use flate2::write::GzEncoder;
use flate2::Compression;
use serde::{Deserialize, Serialize};
use std::io::{BufRead, Read, Write};

/// The header's `format`.
pub const FORMAT: &str = "hearth-crm-backup";
/// The format version this build writes and reads.
pub const VERSION: u32 = 1;
/// Records per frame.
pub const FRAME_RECORDS: usize = 1_000;

/// What a backup holds, in its first line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupHeader {
    /// Always [`FORMAT`].
    pub format: String,
    /// The format's version.
    pub version: u32,
    /// The database schema version of the records.
    pub schema: u32,
    /// When it was made, in milliseconds since 1970.
    pub created_at: i64,
    /// Each store, in the order its records follow.
    pub stores: Vec<StoreSummary>,
}

/// One store of a backup.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoreSummary {
    /// The store's name.
    pub store: String,
    /// Its records.
    pub records: u64,
    /// FNV-1a (64-bit, hex) of its frame lines, each with its line break.
    pub checksum: String,
}

/// What is wrong with a backup file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BackupError {
    /// Not gzip, or not a Hearth backup.
    #[error("this is not a Hearth CRM backup")]
    NotABackup,
    /// Made by a newer release.
    #[error("this backup is format version {0}, newer than this app reads ({VERSION})")]
    TooNew(u32),
    /// Cut off or altered.
    #[error("the backup is damaged: {0}")]
    Damaged(String),
    /// The file could not be read.
    #[error("the file could not be read: {0}")]
    Unreadable(String),
}

/// A running FNV-1a hash.
#[derive(Debug, Clone, Copy)]
struct Checksum(u64);

impl Checksum {
    fn new() -> Checksum {
        Checksum(0xcbf2_9ce4_8422_2325)
    }

    fn add(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.0 = (self.0 ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn hex(self) -> String {
        format!("{:016x}", self.0)
    }
}

/// One store's records as a compressed member, written frame by frame.
pub struct StoreSection {
    store: String,
    encoder: GzEncoder<Vec<u8>>,
    records: u64,
    checksum: Checksum,
}

impl StoreSection {
    /// An empty section for `store`.
    pub fn new(store: &str) -> StoreSection {
        StoreSection {
            store: store.to_string(),
            encoder: GzEncoder::new(Vec::new(), Compression::fast()),
            records: 0,
            checksum: Checksum::new(),
        }
    }

    /// Adds one frame: `records`, each the JSON text of one stored record.
    pub fn frame(&mut self, records: &[String]) -> Result<(), BackupError> {
        if records.is_empty() {
            return Ok(());
        }
        let mut line =
            String::with_capacity(records.iter().map(|r| r.len() + 1).sum::<usize>() + 64);
        line.push_str(&format!(
            "{{\"store\":\"{}\",\"count\":{},\"records\":[",
            self.store,
            records.len()
        ));
        for (at, record) in records.iter().enumerate() {
            if at > 0 {
                line.push(',');
            }
            line.push_str(record);
        }
        line.push_str("]}\n");
        self.checksum.add(line.as_bytes());
        self.records += records.len() as u64;
        self.encoder
            .write_all(line.as_bytes())
            .map_err(|e| BackupError::Damaged(e.to_string()))
    }

    /// The compressed member and the store's summary.
    pub fn finish(self) -> Result<(Vec<u8>, StoreSummary), BackupError> {
        let bytes = self
            .encoder
            .finish()
            .map_err(|e| BackupError::Damaged(e.to_string()))?;
        Ok((
            bytes,
            StoreSummary {
                store: self.store,
                records: self.records,
                checksum: self.checksum.hex(),
            },
        ))
    }
}

/// The header as the file's first member.
pub fn header_member(header: &BackupHeader) -> Result<Vec<u8>, BackupError> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::fast());
    let line = serde_json::to_string(header).map_err(|e| BackupError::Damaged(e.to_string()))?;
    encoder
        .write_all(line.as_bytes())
        .and_then(|()| encoder.write_all(b"\n"))
        .map_err(|e| BackupError::Damaged(e.to_string()))?;
    encoder
        .finish()
        .map_err(|e| BackupError::Damaged(e.to_string()))
}

/// One frame read back: its store and its line (the JSON the shell parses).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frame {
    /// The store it belongs to.
    pub store: String,
    /// Its records, as the frame says.
    pub count: u64,
    /// The whole line, without its line break.
    pub line: String,
}

/// Reads a backup: the header first, then frame by frame, checking each store's count and
/// checksum against the header.
pub struct BackupReader<R: Read> {
    lines: std::io::BufReader<flate2::read::MultiGzDecoder<R>>,
    header: BackupHeader,
    seen: Vec<(String, u64, Checksum)>,
}

impl<R: Read> BackupReader<R> {
    /// Opens a backup and reads its header.
    pub fn open(file: R) -> Result<BackupReader<R>, BackupError> {
        let mut lines =
            std::io::BufReader::with_capacity(1 << 20, flate2::read::MultiGzDecoder::new(file));
        let mut first = String::new();
        lines
            .read_line(&mut first)
            .map_err(|_| BackupError::NotABackup)?;
        let header: BackupHeader =
            serde_json::from_str(first.trim_end()).map_err(|_| BackupError::NotABackup)?;
        if header.format != FORMAT {
            return Err(BackupError::NotABackup);
        }
        if header.version > VERSION {
            return Err(BackupError::TooNew(header.version));
        }
        Ok(BackupReader {
            lines,
            header,
            seen: Vec::new(),
        })
    }

    /// What the file holds.
    pub fn header(&self) -> &BackupHeader {
        &self.header
    }

    /// The next frame, or `None` at the end, once every store's count and checksum are checked.
    pub fn next_frame(&mut self) -> Result<Option<Frame>, BackupError> {
        let mut line = String::new();
        let read = self
            .lines
            .read_line(&mut line)
            .map_err(|e| BackupError::Damaged(e.to_string()))?;
        if read == 0 {
            self.check_end()?;
            return Ok(None);
        }
        let (store, count) = frame_head(&line)
            .ok_or_else(|| BackupError::Damaged("a frame without its store".into()))?;
        let position = match self.seen.iter().position(|(name, _, _)| *name == store) {
            Some(position) => position,
            None => {
                self.seen.push((store.clone(), 0, Checksum::new()));
                self.seen.len() - 1
            }
        };
        let (_, records, checksum) = &mut self.seen[position];
        *records = records.checked_add(count).ok_or_else(|| {
            BackupError::Damaged(format!("{store} counts more records than any file holds"))
        })?;
        checksum.add(line.as_bytes());
        if !line.ends_with('\n') {
            return Err(BackupError::Damaged("the file ends inside a frame".into()));
        }
        line.pop();
        Ok(Some(Frame { store, count, line }))
    }

    fn check_end(&self) -> Result<(), BackupError> {
        for summary in &self.header.stores {
            let (records, checksum) = self
                .seen
                .iter()
                .find(|(name, _, _)| *name == summary.store)
                .map_or((0, Checksum::new().hex()), |(_, records, checksum)| {
                    (*records, checksum.hex())
                });
            if records != summary.records || checksum != summary.checksum {
                return Err(BackupError::Damaged(format!(
                    "{} holds {records} records where the header says {}",
                    summary.store, summary.records
                )));
            }
        }
        if let Some((name, _, _)) = self
            .seen
            .iter()
            .find(|(name, _, _)| !self.header.stores.iter().any(|s| s.store == *name))
        {
            return Err(BackupError::Damaged(format!("{name} is not in the header")));
        }
        Ok(())
    }
}

/// The store and count a frame line starts with (`{"store":"people","count":1000,…`).
fn frame_head(line: &str) -> Option<(String, u64)> {
    let rest = line.strip_prefix("{\"store\":\"")?;
    let (store, rest) = rest.split_once('"')?;
    let rest = rest.strip_prefix(",\"count\":")?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some((store.to_string(), digits.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn backup(stores: &[(&str, Vec<String>)]) -> Vec<u8> {
        let mut members = Vec::new();
        let mut summaries = Vec::new();
        for (store, records) in stores {
            let mut section = StoreSection::new(store);
            for frame in records.chunks(2) {
                section.frame(frame).unwrap();
            }
            let (bytes, summary) = section.finish().unwrap();
            members.push(bytes);
            summaries.push(summary);
        }
        let header = BackupHeader {
            format: FORMAT.into(),
            version: VERSION,
            schema: 8,
            created_at: 1,
            stores: summaries,
        };
        let mut file = header_member(&header).unwrap();
        for member in members {
            file.extend(member);
        }
        file
    }

    fn read_all(file: &[u8]) -> Result<Vec<Frame>, BackupError> {
        let mut reader = BackupReader::open(file)?;
        let mut frames = Vec::new();
        while let Some(frame) = reader.next_frame()? {
            frames.push(frame);
        }
        Ok(frames)
    }

    #[test]
    fn frames_come_back_as_written_and_checked() {
        let people = vec![
            r#"{"id":1,"name":"Ada"}"#.to_string(),
            r#"{"id":2}"#.into(),
            r#"{"id":3}"#.into(),
        ];
        let file = backup(&[("people", people), ("tasks", Vec::new())]);
        let reader = BackupReader::open(&file[..]).unwrap();
        assert_eq!(reader.header().stores[0].records, 3);
        assert_eq!(reader.header().stores[1].records, 0);
        let frames = read_all(&file).unwrap();
        assert_eq!(frames.len(), 2);
        assert_eq!(
            frames[0].line,
            r#"{"store":"people","count":2,"records":[{"id":1,"name":"Ada"},{"id":2}]}"#
        );
        assert_eq!((frames[1].store.as_str(), frames[1].count), ("people", 1));
    }

    #[test]
    fn frame_counts_past_u64_are_damage_not_an_overflow() {
        let header = BackupHeader {
            format: FORMAT.into(),
            version: VERSION,
            schema: 8,
            created_at: 1,
            stores: Vec::new(),
        };
        let mut file = header_member(&header).unwrap();
        let frame = format!(
            "{{\"store\":\"people\",\"count\":{},\"records\":[]}}\n",
            u64::MAX
        );
        let mut encoder = GzEncoder::new(Vec::new(), Compression::fast());
        encoder.write_all(frame.repeat(2).as_bytes()).unwrap();
        file.extend(encoder.finish().unwrap());
        assert!(matches!(read_all(&file), Err(BackupError::Damaged(_))));
    }

    #[test]
    fn a_cut_or_altered_file_is_refused() {
        let people: Vec<String> = (0..50).map(|i| format!(r#"{{"id":{i}}}"#)).collect();
        let file = backup(&[("people", people)]);
        assert!(matches!(
            read_all(&file[..file.len() - 30]),
            Err(BackupError::Damaged(_))
        ));
        assert_eq!(
            read_all(b"id,name\n1,Ada\n").unwrap_err(),
            BackupError::NotABackup
        );
        // A header promising another count.
        let text = String::from_utf8(
            std::io::Read::bytes(flate2::read::MultiGzDecoder::new(&file[..]))
                .collect::<Result<Vec<u8>, _>>()
                .unwrap(),
        )
        .unwrap()
        .replacen("\"records\":50", "\"records\":51", 1);
        let mut encoder = GzEncoder::new(Vec::new(), Compression::fast());
        encoder.write_all(text.as_bytes()).unwrap();
        let altered = encoder.finish().unwrap();
        assert!(matches!(read_all(&altered), Err(BackupError::Damaged(_))));
    }

    proptest! {
        #[test]
        fn any_records_survive(records in proptest::collection::vec("[a-z0-9 ]{0,20}", 0..20)) {
            let json: Vec<String> = records.iter().map(|r| serde_json::to_string(r).unwrap()).collect();
            let file = backup(&[("notes", json.clone())]);
            let frames = read_all(&file).unwrap();
            let mut back = Vec::new();
            for frame in frames {
                let value: serde_json::Value = serde_json::from_str(&frame.line).unwrap();
                for record in value["records"].as_array().unwrap() {
                    back.push(record.to_string());
                }
            }
            prop_assert_eq!(back, json);
        }
    }
}
