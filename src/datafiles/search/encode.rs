//! The file format of the search index, shared with `assets/search.js`.
//!
//! Every file is a classic script, `zwgkSearchData("<key>", <JSON>);`, so the
//! page can load it with a `<script>` element: that works over HTTP at any
//! path and from `file://`, where `fetch` is blocked. Postings travel inside
//! JSON strings as *text varints*: numbers written in base 46 with two sets
//! of 46 printable ASCII characters, one for the last digit of a number and
//! one for the digits before it. No character needs escaping in JSON, so a
//! posting costs one or two bytes, not the four or more of JSON numbers.

use std::io::Write;

/// The digits: `!` and `#`..`~` without `\`, so none needs escaping in JSON.
/// Positions 0-45 end a number; 46-91 are the same digits with more to come.
pub const ALPHABET: &[u8; 92] =
    b"!#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~";
pub const BASE: u32 = 46;

/// The weight of a term in a document, quantized to one final digit.
pub const LEVELS: u8 = 46;

/// The callback every index file calls.
pub const CALLBACK: &str = "zwgkSearchData";

/// Appends `v` as a text varint, least significant digit first.
pub fn push_varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= BASE {
        out.push(ALPHABET[(BASE + v % BASE) as usize]);
        v /= BASE;
    }
    out.push(ALPHABET[v as usize]);
}

/// Reads a text varint at `*pos`, advancing past it.
pub fn read_varint(bytes: &[u8], pos: &mut usize) -> Option<u32> {
    let mut v: u64 = 0;
    let mut scale: u64 = 1;
    loop {
        let d = digit(*bytes.get(*pos)?)?;
        *pos += 1;
        if d < BASE {
            v += d as u64 * scale;
            return u32::try_from(v).ok();
        }
        v += (d - BASE) as u64 * scale;
        scale *= BASE as u64;
        if scale > u32::MAX as u64 * BASE as u64 {
            return None;
        }
    }
}

fn digit(b: u8) -> Option<u32> {
    ALPHABET.iter().position(|&a| a == b).map(|p| p as u32)
}

/// The score value of each weight level: grows by about a fifth a level,
/// computed in integers so the browser gets the very same numbers.
pub fn level_values() -> [u64; LEVELS as usize] {
    let mut t = [0u64; LEVELS as usize];
    t[0] = 10;
    for i in 1..t.len() {
        t[i] = t[i - 1] + t[i - 1].div_ceil(5);
    }
    t
}

/// FNV-1a over the UTF-8 bytes of a term: picks the term's shard.
pub fn term_hash(term: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for &b in term.as_bytes() {
        h ^= b as u32;
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// Wraps a JSON value into an index file for `key`.
pub fn script(key: &str, json: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(json.len() + key.len() + 24);
    let _ = write!(out, "{CALLBACK}(\"{key}\",");
    push_line_separators_escaped(&mut out, json);
    out.extend_from_slice(b");\n");
    out
}

/// Copies `json`, writing U+2028 and U+2029 as `\u2028` and `\u2029`: valid JSON
/// may hold them raw, but older JavaScript engines end a string at them, and the
/// index files are scripts. In UTF-8 their bytes (E2 80 A8/A9) mean nothing else,
/// and in JSON they only occur inside strings, so the escape keeps the value.
fn push_line_separators_escaped(out: &mut Vec<u8>, json: &[u8]) {
    let mut rest = json;
    while let Some(i) = rest
        .windows(3)
        .position(|w| w[0] == 0xE2 && w[1] == 0x80 && (w[2] == 0xA8 || w[2] == 0xA9))
    {
        out.extend_from_slice(&rest[..i]);
        out.extend_from_slice(if rest[i + 2] == 0xA8 {
            b"\\u2028"
        } else {
            b"\\u2029"
        });
        rest = &rest[i + 3..];
    }
    out.extend_from_slice(rest);
}

/// The JSON value inside an index file written by [`script`].
pub fn unwrap_script<'a>(bytes: &'a [u8], key: &str) -> Option<&'a [u8]> {
    let head = format!("{CALLBACK}(\"{key}\",");
    bytes.strip_prefix(head.as_bytes())?.strip_suffix(b");\n")
}

/// The file of shard `k`, of the `j`-th large term of shard `k`, of store block `b`.
pub fn shard_key(k: u32) -> String {
    format!("t/{k}")
}

pub fn large_term_key(k: u32, j: u32) -> String {
    format!("t/{k}-{j}")
}

pub fn block_key(b: u32) -> String {
    format!("d/{b}")
}

pub const META_KEY: &str = "meta";

/// Output path of the file with `key`.
pub fn path_of(key: &str) -> String {
    crate::model::urls::search_file(key)
}

/// One term's postings: its idf and `(id, level)` in id order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermPostings {
    pub idf: u32,
    pub postings: Vec<(u32, u8)>,
}

/// Decodes `idf`, `df`, then `df` pairs of (id gap, level digit).
pub fn decode_postings(bytes: &[u8]) -> Option<TermPostings> {
    let mut pos = 0;
    let idf = read_varint(bytes, &mut pos)?;
    let df = read_varint(bytes, &mut pos)?;
    let mut postings = Vec::with_capacity(df as usize);
    let mut next = 0u32;
    for _ in 0..df {
        let id = next.checked_add(read_varint(bytes, &mut pos)?)?;
        let level = read_varint(bytes, &mut pos)?;
        if level >= LEVELS as u32 {
            return None;
        }
        postings.push((id, level as u8));
        next = id + 1;
    }
    (pos == bytes.len()).then_some(TermPostings { idf, postings })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alphabet_needs_no_json_escaping() {
        for &b in ALPHABET {
            assert!(
                (0x21..0x7f).contains(&b) && b != b'"' && b != b'\\',
                "{}",
                b as char
            );
        }
        let mut sorted = ALPHABET.to_vec();
        sorted.dedup();
        assert_eq!(sorted.len(), 92);
    }

    #[test]
    fn varints_round_trip() {
        let values = [
            0,
            1,
            45,
            46,
            2115,
            2116,
            97_335,
            97_336,
            1_000_000,
            u32::MAX,
        ];
        let mut buf = Vec::new();
        for v in values {
            push_varint(&mut buf, v);
        }
        let mut pos = 0;
        for v in values {
            assert_eq!(read_varint(&buf, &mut pos), Some(v));
        }
        assert_eq!(pos, buf.len());
        assert_eq!(read_varint(&buf, &mut pos), None);
    }

    #[test]
    fn small_numbers_take_one_character() {
        let mut buf = Vec::new();
        push_varint(&mut buf, 45);
        assert_eq!(buf.len(), 1);
        push_varint(&mut buf, 46);
        assert_eq!(buf.len(), 3);
    }

    #[test]
    fn levels_grow_monotonically() {
        let t = level_values();
        assert_eq!(&t[..4], &[10, 12, 15, 18]);
        assert!(t.windows(2).all(|w| w[1] > w[0]));
    }

    #[test]
    fn line_separators_are_escaped_in_scripts() {
        let json = serde_json::to_string(&["a\u{2028}b\u{2029}c"]).unwrap();
        let s = script("r/0", json.as_bytes());
        let inner = unwrap_script(&s, "r/0").unwrap();
        assert_eq!(inner, br#"["a\u2028b\u2029c"]"#);
        assert!(!String::from_utf8_lossy(&s).contains(['\u{2028}', '\u{2029}']));
        let back: Vec<String> = serde_json::from_slice(inner).unwrap();
        assert_eq!(back, ["a\u{2028}b\u{2029}c"]);
    }

    #[test]
    fn scripts_unwrap() {
        let s = script("t/3", "{\"审查\":\"!\"}".as_bytes());
        assert_eq!(s, "zwgkSearchData(\"t/3\",{\"审查\":\"!\"});\n".as_bytes());
        assert_eq!(
            unwrap_script(&s, "t/3"),
            Some("{\"审查\":\"!\"}".as_bytes())
        );
        assert_eq!(unwrap_script(&s, "t/4"), None);
    }

    #[test]
    fn term_hash_is_fnv1a() {
        assert_eq!(term_hash(""), 0x811c_9dc5);
        assert_eq!(term_hash("a"), 0xe40c_292c);
    }
}
