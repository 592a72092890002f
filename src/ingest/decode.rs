//! Bytes to text: UTF-8, with stray Windows-1252 bytes repaired and binary data refused.

/// Windows-1252 code points for bytes 0x80..=0x9F (undefined bytes map to U+FFFD).
const CP1252_HIGH: [char; 32] = [
    '\u{20AC}', '\u{FFFD}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{02C6}', '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{FFFD}', '\u{017D}', '\u{FFFD}',
    '\u{FFFD}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{02DC}', '\u{2122}', '\u{0161}', '\u{203A}', '\u{0153}', '\u{FFFD}', '\u{017E}', '\u{0178}',
];

/// Decoded text, and how many bytes had to be repaired.
#[derive(Debug, PartialEq)]
pub struct Decoded {
    pub text: String,
    pub repaired: usize,
}

/// Decode `bytes` as UTF-8. Invalid bytes are taken as Windows-1252, the usual culprit in
/// news archives (`£` as 0xA3, Latin-1 accents); NUL bytes, or invalid bytes making up more
/// than an eighth of the data, mean it is binary, and it is refused.
pub fn decode(bytes: Vec<u8>) -> Result<Decoded, String> {
    if bytes.contains(&0) {
        if looks_like_utf16(&bytes) {
            return Err("looks like UTF-16 text without a byte-order mark; convert it to UTF-8 (iconv -f UTF-16LE -t UTF-8) or add the mark".into());
        }
        return Err("binary data (NUL bytes), not text".into());
    }
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => return Ok(Decoded { text, repaired: 0 }),
        Err(e) => e.into_bytes(),
    };
    let mut text = String::with_capacity(bytes.len() + 16);
    let mut rest = &bytes[..];
    let mut repaired = 0;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                text.push_str(s);
                break;
            }
            Err(e) => {
                let (good, bad) = rest.split_at(e.valid_up_to());
                text.push_str(std::str::from_utf8(good).expect("valid prefix"));
                let n = e.error_len().unwrap_or(bad.len());
                for &b in &bad[..n] {
                    text.push(match b {
                        0x80..=0x9F => CP1252_HIGH[(b - 0x80) as usize],
                        _ => b as char, // Latin-1 range of Windows-1252
                    });
                }
                repaired += n;
                rest = &bad[n..];
            }
        }
    }
    if repaired * 8 > bytes.len().max(1) {
        return Err(format!(
            "not UTF-8 text ({repaired} invalid bytes of {}); convert it to UTF-8 first",
            bytes.len()
        ));
    }
    Ok(Decoded { text, repaired })
}

/// Text in UTF-16 without a byte-order mark: ASCII-range characters leave a NUL in every
/// other byte (even positions for big-endian, odd for little-endian), and nowhere else.
fn looks_like_utf16(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(4096)];
    if sample.len() < 4 {
        return false;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for (i, &b) in sample.iter().enumerate() {
        if b == 0 {
            if i % 2 == 0 {
                even += 1
            } else {
                odd += 1
            }
        }
    }
    let half = sample.len() / 2;
    (odd * 10 >= half * 7 && even * 20 <= half) || (even * 10 >= half * 7 && odd * 20 <= half)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_passes_through() {
        let d = decode("détente £".as_bytes().to_vec()).unwrap();
        assert_eq!(
            d,
            Decoded {
                text: "détente £".into(),
                repaired: 0
            }
        );
    }

    #[test]
    fn stray_cp1252_bytes_are_repaired() {
        let mut b = b"a transfer fee of ".to_vec();
        b.push(0xA3);
        b.extend_from_slice(b"15.8m, a long enough sentence to make one bad byte rare ");
        b.push(0x93);
        b.extend_from_slice(b"quoted");
        b.push(0x94);
        b.extend_from_slice(&[b'x'; 300]);
        let d = decode(b).unwrap();
        assert!(d.text.contains("£15.8m"));
        assert!(d.text.contains("\u{201C}quoted\u{201D}"));
        assert_eq!(d.repaired, 3);
    }

    #[test]
    fn utf16_without_a_mark_is_named() {
        let le: Vec<u8> = "Kenya and Uganda signed a deal."
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        let be: Vec<u8> = "Kenya"
            .encode_utf16()
            .flat_map(|u| u.to_be_bytes())
            .collect();
        for b in [le, be] {
            assert!(decode(b).unwrap_err().contains("UTF-16"));
        }
        assert!(!decode(vec![0x89, b'P', b'N', b'G', 0, 0, 1, 9])
            .unwrap_err()
            .contains("UTF-16"));
    }

    #[test]
    fn binary_is_refused() {
        assert!(decode(vec![0x89, b'P', b'N', b'G', 0, 0, 1]).is_err());
        assert!(decode(vec![0xFF; 50]).is_err());
    }
}
