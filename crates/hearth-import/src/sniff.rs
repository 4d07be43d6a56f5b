//! The shape of a delimited text file: which of comma, semicolon, tab or pipe separates its
//! fields (quoted fields may hold any of them, and line breaks).

/// The delimiters a file may use, in the order ties are broken.
pub const DELIMITERS: [u8; 4] = [b',', b';', b'\t', b'|'];

/// The delimiter of a file whose text starts with `sample`: the candidate that splits the most of
/// the first lines into the same number of fields (more than one), counting only delimiters
/// outside double quotes; a comma when none does.
pub fn detect_delimiter(sample: &str) -> u8 {
    let records = first_records(sample, 20);
    let mut best = (b',', 0usize, 0usize);
    for delimiter in DELIMITERS {
        let counts: Vec<usize> = records
            .iter()
            .map(|record| outside_quotes(record, delimiter))
            .collect();
        let Some(&first) = counts.first() else {
            continue;
        };
        if first == 0 {
            continue;
        }
        // Lines agreeing with the header, then how many fields they make.
        let agreeing = counts.iter().filter(|&&count| count == first).count();
        if (agreeing, first) > (best.1, best.2) {
            best = (delimiter, agreeing, first);
        }
    }
    best.0
}

/// The first `limit` records of `sample`, split at line breaks outside quotes; a last record cut
/// off by the sample's end is left out when there are others.
fn first_records(sample: &str, limit: usize) -> Vec<&str> {
    let mut records = Vec::new();
    let mut quoted = false;
    let mut start = 0;
    for (at, byte) in sample.bytes().enumerate() {
        match byte {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => {
                let record = sample[start..at].trim_end_matches('\r');
                if !record.trim().is_empty() {
                    records.push(record);
                }
                start = at + 1;
                if records.len() == limit {
                    return records;
                }
            }
            _ => {}
        }
    }
    if records.is_empty() && !sample[start..].trim().is_empty() {
        records.push(&sample[start..]);
    }
    records
}

fn outside_quotes(record: &str, delimiter: u8) -> usize {
    let mut quoted = false;
    record
        .bytes()
        .filter(|&byte| {
            if byte == b'"' {
                quoted = !quoted;
            }
            byte == delimiter && !quoted
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_delimiter_is_found() {
        assert_eq!(detect_delimiter("name,email\nAda,ada@x.org\n"), b',');
        assert_eq!(
            detect_delimiter("Name;Preis\nKaffee;12,50\nTee;3,20\n"),
            b';'
        );
        assert_eq!(detect_delimiter("sku\tname\tprice\nA\tB, C\t1\n"), b'\t');
        assert_eq!(detect_delimiter("a|b|c\n1|2|3\n"), b'|');
    }

    #[test]
    fn delimiters_inside_quotes_do_not_count() {
        let sample =
            "name;note\n\"Lovelace, Ada\";\"first, programmer\"\n\"Hopper, Grace\";\"a, b, c\"\n";
        assert_eq!(detect_delimiter(sample), b';');
        let multiline = "name,note\nAda,\"line one;\nline two;\"\nGrace,x\n";
        assert_eq!(detect_delimiter(multiline), b',');
    }

    #[test]
    fn a_single_column_or_empty_file_reads_as_commas() {
        assert_eq!(detect_delimiter("email\na@x.org\n"), b',');
        assert_eq!(detect_delimiter(""), b',');
    }
}
