//! A file as rows: its bytes pulled from any reader in slices, decoded to UTF-8 without breaking a
//! character between slices, split into records by the csv crate with each record's line; and the
//! preview a user checks before importing (encoding, delimiter, headers, first rows, how each
//! column writes numbers and dates).

use crate::coerce::{date_formats, detect_decimal_mark, DateFormat, DecimalMark};
use crate::encoding::{detect, DetectedBy, StreamDecoder, TextEncoding};
use crate::sniff::detect_delimiter;
use serde::{Deserialize, Serialize};
use std::io::Read;

/// Bytes pulled from the file at a time: large enough that reading costs little per byte, small
/// enough that a 60 MB file is never held whole.
pub const SLICE: usize = 4 << 20;

/// Bytes a preview reads from the start of a file.
pub const PREVIEW_BYTES: usize = 64 << 10;

/// Rows a preview shows.
pub const PREVIEW_ROWS: usize = 10;

/// Rows read to tell each column's decimal mark and date format.
pub const SAMPLE_ROWS: usize = 200;

/// The UTF-8 text of `inner`, a file in `encoding`, read slice by slice.
pub struct Decoding<R> {
    inner: R,
    decoder: StreamDecoder,
    raw: Vec<u8>,
    text: Vec<u8>,
    at: usize,
    finished: bool,
    bytes_read: u64,
}

impl<R: Read> Decoding<R> {
    /// Reads `inner` as `encoding`, [`SLICE`] bytes at a time.
    pub fn new(inner: R, encoding: TextEncoding) -> Decoding<R> {
        Decoding::with_slice(inner, encoding, SLICE)
    }

    /// Reads `inner` as `encoding`, `slice` bytes at a time (tests cut characters with small ones).
    pub fn with_slice(inner: R, encoding: TextEncoding, slice: usize) -> Decoding<R> {
        Decoding {
            inner,
            decoder: StreamDecoder::new(encoding),
            raw: vec![0; slice.max(1)],
            text: Vec::new(),
            at: 0,
            finished: false,
            bytes_read: 0,
        }
    }

    /// Bytes of the file read so far (for progress).
    pub fn bytes_read(&self) -> u64 {
        self.bytes_read
    }

    /// Whether any byte so far was not valid in the encoding (it became U+FFFD).
    pub fn had_malformed_bytes(&self) -> bool {
        self.decoder.had_malformed_bytes()
    }

    /// Fills `raw` from the file; fewer bytes than its length only at the file's end.
    fn fill(&mut self) -> std::io::Result<usize> {
        let mut filled = 0;
        while filled < self.raw.len() {
            match self.inner.read(&mut self.raw[filled..]) {
                Ok(0) => break,
                Ok(n) => filled += n,
                Err(error) if error.kind() == std::io::ErrorKind::Interrupted => {}
                Err(error) => return Err(error),
            }
        }
        Ok(filled)
    }
}

impl<R: Read> Read for Decoding<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        while self.at == self.text.len() {
            if self.finished {
                return Ok(0);
            }
            let filled = self.fill()?;
            self.bytes_read += filled as u64;
            let last = filled < self.raw.len();
            self.text = self.decoder.decode(&self.raw[..filled], last).into_bytes();
            self.at = 0;
            self.finished = last;
        }
        let n = out.len().min(self.text.len() - self.at);
        out[..n].copy_from_slice(&self.text[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

/// A problem with the file as a whole (a row's problems are [`crate::rows::RowProblem`]s).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FileError {
    /// The file has no header line.
    #[error("the file is empty")]
    Empty,
    /// The file could not be read.
    #[error("the file could not be read: {0}")]
    Unreadable(String),
    /// A row is not delimited text the reader understands.
    #[error("line {line}: {detail}")]
    Malformed {
        /// Where.
        line: u64,
        /// What the reader said.
        detail: String,
    },
}

/// How to read a file: chosen by the user, or what [`Preview`] detected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileShape {
    /// Its text encoding.
    pub encoding: TextEncoding,
    /// Its delimiter (`,`, `;`, tab or `|`).
    pub delimiter: u8,
}

/// What the start of a file shows: what the user checks before mapping its columns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Preview {
    /// How it will be read.
    pub shape: FileShape,
    /// How the encoding was told (`None`: the user chose it).
    pub detected_by: Option<DetectedBy>,
    /// The header line's cells.
    pub headers: Vec<String>,
    /// The first [`PREVIEW_ROWS`] rows.
    pub rows: Vec<Vec<String>>,
    /// Per column, the date formats its first rows fit (several: the user says which).
    pub date_choices: Vec<Vec<DateFormat>>,
    /// Per column, the decimal mark its numbers use.
    pub decimals: Vec<DecimalMark>,
    /// Whether the start has bytes invalid in the encoding (a wrong guess, most likely).
    pub malformed: bool,
}

/// The preview of a file that starts with `start` (its first [`PREVIEW_BYTES`]; `whole` when that
/// is the entire file): encoding and delimiter as given, else detected (`chinese`: the user's
/// language is Chinese, so a file neither UTF-8 nor UTF-16 is read as GB18030).
pub fn preview(
    start: &[u8],
    whole: bool,
    chinese: bool,
    encoding: Option<TextEncoding>,
    delimiter: Option<u8>,
) -> Result<Preview, FileError> {
    let (encoding, detected_by) = match encoding {
        Some(encoding) => (encoding, None),
        None => {
            let detected = detect(start, chinese);
            (detected.encoding, Some(detected.by))
        }
    };
    let mut decoder = StreamDecoder::new(encoding);
    let text = decoder.decode(start, whole);
    let delimiter = delimiter.unwrap_or_else(|| detect_delimiter(&text));
    let shape = FileShape {
        encoding,
        delimiter,
    };
    let mut reader = csv_reader(text.as_bytes(), delimiter);
    let headers = headers(&mut reader)?;
    let mut rows = Vec::new();
    let mut records = reader.records().peekable();
    while let Some(record) = records.next() {
        // The sample's last record may be cut off, unless the sample is the file.
        if rows.len() >= SAMPLE_ROWS || (!whole && records.peek().is_none()) {
            break;
        }
        match record {
            Ok(record) => rows.push(record.iter().map(str::to_string).collect::<Vec<_>>()),
            Err(_) => break,
        }
    }
    let column = |at: usize| {
        rows.iter()
            .filter_map(move |row| row.get(at).map(String::as_str))
    };
    let date_choices = (0..headers.len())
        .map(|at| date_formats(column(at)))
        .collect();
    let decimals = (0..headers.len())
        .map(|at| detect_decimal_mark(column(at)))
        .collect();
    rows.truncate(PREVIEW_ROWS);
    Ok(Preview {
        shape,
        detected_by,
        headers,
        rows,
        date_choices,
        decimals,
        malformed: decoder.had_malformed_bytes(),
    })
}

/// A csv reader as every import reads: the given delimiter, rows of any length (a short row's
/// missing cells are empty), double quotes.
pub fn csv_reader<R: Read>(inner: R, delimiter: u8) -> csv::Reader<R> {
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .buffer_capacity(1 << 16)
        .from_reader(inner)
}

/// The header line's cells, without a byte order mark a decoder left.
pub fn headers<R: Read>(reader: &mut csv::Reader<R>) -> Result<Vec<String>, FileError> {
    let headers: Vec<String> = reader
        .headers()
        .map_err(|error| malformed(1, &error))?
        .iter()
        .map(|header| header.trim_start_matches('\u{feff}').trim().to_string())
        .collect();
    if headers.iter().all(String::is_empty) {
        return Err(FileError::Empty);
    }
    Ok(headers)
}

/// A reader error as a [`FileError`], at `line` unless it names its own.
pub fn malformed(line: u64, error: &csv::Error) -> FileError {
    match error.kind() {
        csv::ErrorKind::Io(io) => FileError::Unreadable(io.to_string()),
        _ => FileError::Malformed {
            line: error.position().map_or(line, csv::Position::line),
            detail: error.to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn decode_all(bytes: &[u8], encoding: TextEncoding, slice: usize) -> String {
        let mut text = String::new();
        Decoding::with_slice(bytes, encoding, slice)
            .read_to_string(&mut text)
            .unwrap();
        text
    }

    #[test]
    fn slices_never_break_a_character() {
        let text = "姓名,邮箱\n王小明,wang@example.cn\nZoë,zoe@example.com\n";
        let (gbk, _, _) = encoding_rs::GB18030.encode(text);
        for slice in 1..8 {
            assert_eq!(decode_all(text.as_bytes(), TextEncoding::Utf8, slice), text);
            assert_eq!(decode_all(&gbk, TextEncoding::Gb18030, slice), text);
        }
    }

    #[test]
    fn a_preview_detects_shape_dates_and_decimals() {
        let file = "Name;Born;Spent\nAda;24.12.1990;1.234,50\nBo;01.02.1985;3,20\n";
        let preview = preview(file.as_bytes(), true, false, None, None).unwrap();
        assert_eq!(preview.shape.delimiter, b';');
        assert_eq!(preview.shape.encoding, TextEncoding::Utf8);
        assert_eq!(preview.headers, ["Name", "Born", "Spent"]);
        assert_eq!(preview.rows.len(), 2);
        assert_eq!(preview.date_choices[1], [DateFormat::Dotted]);
        assert_eq!(preview.decimals[2], DecimalMark::Comma);
    }

    #[test]
    fn a_cut_off_last_row_is_left_out_of_a_partial_sample() {
        let file = "a,b\n1,2\n3,4\n5,";
        let partial = preview(file.as_bytes(), false, false, None, None).unwrap();
        assert_eq!(partial.rows.len(), 2);
        let whole = preview(file.as_bytes(), true, false, None, None).unwrap();
        assert_eq!(whole.rows.len(), 3);
    }

    #[test]
    fn an_empty_file_is_named() {
        assert_eq!(preview(b"", true, false, None, None), Err(FileError::Empty));
    }

    proptest! {
        #[test]
        fn any_text_decodes_the_same_in_any_slices(text in "\\PC{0,200}", slice in 1usize..64) {
            let (gbk, _, unmappable) = encoding_rs::GB18030.encode(&text);
            prop_assume!(!unmappable);
            prop_assert_eq!(decode_all(text.as_bytes(), TextEncoding::Utf8, slice), text.clone());
            prop_assert_eq!(decode_all(&gbk, TextEncoding::Gb18030, slice), text);
        }
    }
}
