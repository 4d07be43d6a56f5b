//! Text encodings a CRM export arrives in, detected (byte order mark, then UTF-8 validity, then
//! the user's language's default) and decoded slice by slice without breaking a character that
//! spans two slices.

use encoding_rs::{
    CoderResult, Decoder, Encoding, GB18030, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252,
};
use serde::{Deserialize, Serialize};

/// An encoding the importer reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TextEncoding {
    /// UTF-8, with or without a byte order mark.
    Utf8,
    /// UTF-16, little-endian (what Windows tools write as "Unicode").
    Utf16Le,
    /// UTF-16, big-endian.
    Utf16Be,
    /// GB18030, a superset of GBK and GB2312: what Chinese Excel writes.
    Gb18030,
    /// Windows-1252, what English Excel writes as "CSV".
    Windows1252,
}

impl TextEncoding {
    /// Every encoding, in the order a chooser offers them.
    pub const ALL: [TextEncoding; 5] = [
        TextEncoding::Utf8,
        TextEncoding::Utf16Le,
        TextEncoding::Utf16Be,
        TextEncoding::Gb18030,
        TextEncoding::Windows1252,
    ];

    fn encoding(self) -> &'static Encoding {
        match self {
            TextEncoding::Utf8 => UTF_8,
            TextEncoding::Utf16Le => UTF_16LE,
            TextEncoding::Utf16Be => UTF_16BE,
            TextEncoding::Gb18030 => GB18030,
            TextEncoding::Windows1252 => WINDOWS_1252,
        }
    }

    /// Its WHATWG name (`"UTF-8"`, `"gb18030"`…).
    pub fn name(self) -> &'static str {
        self.encoding().name()
    }
}

/// How an encoding was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DetectedBy {
    /// The file starts with its byte order mark.
    ByteOrderMark,
    /// The sample is valid UTF-8.
    Utf8Validity,
    /// Every other UTF-16 byte is zero, as in text mostly of ASCII letters.
    ZeroBytes,
    /// Nothing told: the default of the user's language.
    LanguageDefault,
}

/// What [`detect`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Detected {
    /// The encoding.
    pub encoding: TextEncoding,
    /// How it was chosen.
    pub by: DetectedBy,
}

/// The encoding of a file that starts with `sample` (its first few kilobytes): a byte order mark
/// decides; else UTF-16 if nearly every other byte is zero; else UTF-8 if the sample is valid
/// UTF-8 (a character cut off at the sample's end allowed); else GB18030 for a Chinese-speaking
/// user (`chinese`) and Windows-1252 for others.
pub fn detect(sample: &[u8], chinese: bool) -> Detected {
    let detected = |encoding, by| Detected { encoding, by };
    if let Some((encoding, _)) = Encoding::for_bom(sample) {
        let encoding = if encoding == UTF_16LE {
            TextEncoding::Utf16Le
        } else if encoding == UTF_16BE {
            TextEncoding::Utf16Be
        } else {
            TextEncoding::Utf8
        };
        return detected(encoding, DetectedBy::ByteOrderMark);
    }
    // Zero bytes are valid UTF-8 but never in a text file: UTF-16 of mostly ASCII text.
    if let Some(encoding) = utf16_by_zero_bytes(sample) {
        return detected(encoding, DetectedBy::ZeroBytes);
    }
    match std::str::from_utf8(sample) {
        Ok(_) => return detected(TextEncoding::Utf8, DetectedBy::Utf8Validity),
        // Only the last character is incomplete: the sample ended inside it.
        Err(error) if error.error_len().is_none() => {
            return detected(TextEncoding::Utf8, DetectedBy::Utf8Validity)
        }
        Err(_) => {}
    }
    let default = if chinese {
        TextEncoding::Gb18030
    } else {
        TextEncoding::Windows1252
    };
    detected(default, DetectedBy::LanguageDefault)
}

/// UTF-16 without a byte order mark, if most even (little-endian: odd) bytes are zero.
fn utf16_by_zero_bytes(sample: &[u8]) -> Option<TextEncoding> {
    let pairs = sample.len() / 2;
    if pairs < 4 {
        return None;
    }
    let zeros_at = |offset: usize| {
        sample
            .iter()
            .skip(offset)
            .step_by(2)
            .filter(|b| **b == 0)
            .count()
    };
    let (even, odd) = (zeros_at(0), zeros_at(1));
    if odd * 10 >= pairs * 9 && even == 0 {
        Some(TextEncoding::Utf16Le)
    } else if even * 10 >= pairs * 9 && odd == 0 {
        Some(TextEncoding::Utf16Be)
    } else {
        None
    }
}

/// Decodes a file in `encoding` slice by slice: bytes of a character split between two slices
/// are held until the next one; the byte order mark is dropped; malformed bytes become U+FFFD
/// and are counted.
pub struct StreamDecoder {
    decoder: Decoder,
    malformed: bool,
}

impl StreamDecoder {
    /// A decoder at the start of a file.
    pub fn new(encoding: TextEncoding) -> StreamDecoder {
        StreamDecoder {
            decoder: encoding.encoding().new_decoder_with_bom_removal(),
            malformed: false,
        }
    }

    /// The text of the next slice, `bytes`; `last` for the file's final slice (an incomplete
    /// character at its end becomes U+FFFD).
    pub fn decode(&mut self, bytes: &[u8], last: bool) -> String {
        let capacity = self
            .decoder
            .max_utf8_buffer_length(bytes.len())
            .unwrap_or(bytes.len().saturating_mul(3));
        let mut text = String::with_capacity(capacity);
        let mut rest = bytes;
        loop {
            let (result, read, malformed) = self.decoder.decode_to_string(rest, &mut text, last);
            self.malformed |= malformed;
            rest = &rest[read..];
            match result {
                CoderResult::InputEmpty => return text,
                CoderResult::OutputFull => text.reserve(rest.len().saturating_mul(3).max(16)),
            }
        }
    }

    /// Whether any byte so far was not valid in the encoding.
    pub fn had_malformed_bytes(&self) -> bool {
        self.malformed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn encode(text: &str, encoding: TextEncoding) -> Vec<u8> {
        match encoding {
            TextEncoding::Utf16Le => text.encode_utf16().flat_map(u16::to_le_bytes).collect(),
            TextEncoding::Utf16Be => text.encode_utf16().flat_map(u16::to_be_bytes).collect(),
            other => other.encoding().encode(text).0.into_owned(),
        }
    }

    #[test]
    fn byte_order_marks_decide() {
        let cases = [
            (&b"\xEF\xBB\xBFname"[..], TextEncoding::Utf8),
            (&b"\xFF\xFEn\0a\0"[..], TextEncoding::Utf16Le),
            (&b"\xFE\xFF\0n\0a"[..], TextEncoding::Utf16Be),
        ];
        for (bytes, encoding) in cases {
            assert_eq!(
                detect(bytes, true),
                Detected {
                    encoding,
                    by: DetectedBy::ByteOrderMark
                }
            );
        }
    }

    #[test]
    fn valid_utf8_wins_even_cut_mid_character_and_gbk_falls_to_the_chinese_default() {
        let text = "姓名,邮箱\n王小明,wang@example.cn\n";
        let utf8 = text.as_bytes();
        assert_eq!(detect(utf8, false).encoding, TextEncoding::Utf8);
        // The sample ends one byte into 名's three bytes.
        assert_eq!(detect(&utf8[..4], false).encoding, TextEncoding::Utf8);
        let gbk = encode(text, TextEncoding::Gb18030);
        assert_eq!(
            detect(&gbk, true),
            Detected {
                encoding: TextEncoding::Gb18030,
                by: DetectedBy::LanguageDefault
            }
        );
        assert_eq!(detect(&gbk, false).encoding, TextEncoding::Windows1252);
        let latin = encode("Name;Stadt\nJosé;Köln\n", TextEncoding::Windows1252);
        assert_eq!(detect(&latin, false).encoding, TextEncoding::Windows1252);
    }

    #[test]
    fn utf16_without_a_mark_is_told_by_its_zero_bytes() {
        let text = "name,email\nAda,ada@example.com\n";
        assert_eq!(
            detect(&encode(text, TextEncoding::Utf16Le), false).encoding,
            TextEncoding::Utf16Le
        );
        assert_eq!(
            detect(&encode(text, TextEncoding::Utf16Be), false).encoding,
            TextEncoding::Utf16Be
        );
    }

    #[test]
    fn malformed_bytes_become_replacement_characters_and_are_reported() {
        let mut decoder = StreamDecoder::new(TextEncoding::Utf8);
        assert_eq!(decoder.decode(b"ok\xFFok", true), "ok\u{FFFD}ok");
        assert!(decoder.had_malformed_bytes());
    }

    proptest! {
        /// However a file is cut into slices, decoding them in turn gives its text, without the
        /// byte order mark.
        #[test]
        fn slices_decode_to_the_whole_text(
            text in "[a-zA-Z0-9,;\"\n éüß王小明邮箱€😀]{0,80}",
            cuts in proptest::collection::vec(0usize..400, 0..6),
            which in 0usize..4,
            bom in any::<bool>(),
        ) {
            let encoding = [TextEncoding::Utf8, TextEncoding::Utf16Le, TextEncoding::Utf16Be, TextEncoding::Gb18030][which];
            let mut bytes = Vec::new();
            if bom {
                match encoding {
                    TextEncoding::Utf8 => bytes.extend_from_slice(b"\xEF\xBB\xBF"),
                    TextEncoding::Utf16Le => bytes.extend_from_slice(b"\xFF\xFE"),
                    TextEncoding::Utf16Be => bytes.extend_from_slice(b"\xFE\xFF"),
                    _ => {}
                }
            }
            bytes.extend(encode(&text, encoding));
            let mut cuts: Vec<usize> = cuts.into_iter().map(|c| c.min(bytes.len())).collect();
            cuts.sort_unstable();
            let mut decoder = StreamDecoder::new(encoding);
            let mut decoded = String::new();
            let mut from = 0;
            for cut in cuts {
                decoded.push_str(&decoder.decode(&bytes[from..cut], false));
                from = cut;
            }
            decoded.push_str(&decoder.decode(&bytes[from..], true));
            prop_assert_eq!(decoded, text);
            prop_assert!(!decoder.had_malformed_bytes());
        }
    }
}
