//! Any bytes opened as a backup end in frames or an error: never a panic. A first byte of 0 takes
//! the rest as the file itself; any other gzips the rest first, so the fuzzer also reaches the
//! header and frame checks behind the compression.
#![no_main]

use flate2::write::GzEncoder;
use flate2::Compression;
use hearth_import::backup::BackupReader;
use libfuzzer_sys::fuzz_target;
use std::io::Write;

fuzz_target!(|data: &[u8]| {
    let Some((&choice, rest)) = data.split_first() else {
        return;
    };
    let file = if choice == 0 {
        rest.to_vec()
    } else {
        let mut encoder = GzEncoder::new(Vec::new(), Compression::fast());
        encoder.write_all(rest).expect("writing to memory");
        encoder.finish().expect("writing to memory")
    };
    if let Ok(mut reader) = BackupReader::open(&file[..]) {
        while let Ok(Some(_)) = reader.next_frame() {}
    }
});
