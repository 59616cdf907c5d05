//! A page's fingerprint: its context hashed as it is serialised, without building
//! Tera values or JSON text. Every value is written as bytes tagged by kind,
//! strings with their length and sequences with an end mark, so two different
//! contexts never give the same bytes; the hash is xxh3 with 128 bits.

use serde::ser::{self, Serialize};
use xxhash_rust::xxh3::Xxh3;

/// A page's context being hashed (xxh3, 128 bits).
#[derive(Default)]
pub struct Fingerprint(Stream);

impl Fingerprint {
    /// Mixes in a hash of something else the page is made from (templates, site-wide data).
    pub fn add(&mut self, hash: u128) {
        self.0.update(&hash.to_le_bytes());
    }

    pub fn finish(&self) -> u128 {
        self.0.digest128()
    }
}

/// xxh3 fed in large chunks: a context is many tiny writes (a tag, a length, a short
/// string), each of which costs a call into the hasher's streaming state otherwise.
/// The hash is the same however the bytes are chunked.
#[derive(Default, Clone)]
struct Stream {
    hasher: Xxh3,
    pending: Vec<u8>,
}

impl Stream {
    const CHUNK: usize = 16 * 1024;

    fn update(&mut self, bytes: &[u8]) {
        self.pending.extend_from_slice(bytes);
        if self.pending.len() >= Self::CHUNK {
            self.hasher.update(&self.pending);
            self.pending.clear();
        }
    }

    fn digest128(&self) -> u128 {
        let mut hasher = self.hasher.clone();
        hasher.update(&self.pending);
        hasher.digest128()
    }
}

/// A 128-bit hash of any serialisable value, as [`Fingerprint`] computes it.
pub fn hash_of(value: &(impl Serialize + ?Sized)) -> u128 {
    let mut f = Fingerprint::default();
    f.insert("", value);
    f.finish()
}

/// A 128-bit hash of formatted text, made as it is written: `format_args!` of a big
/// site's debug text would be hundreds of megabytes as a `String`.
pub fn hash_of_text(text: std::fmt::Arguments) -> u128 {
    struct Hashing(Stream);
    impl std::fmt::Write for Hashing {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            self.0.update(s.as_bytes());
            Ok(())
        }
    }
    let mut h = Hashing(Stream::default());
    std::fmt::write(&mut h, text).expect("hashing cannot fail");
    h.0.digest128()
}

impl Fingerprint {
    /// Hashes `key` and `value`, as a page context takes them (see `render::ContextSink`).
    pub fn insert<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) {
        HashSer(&mut self.0).str(key);
        // A Serialize impl may fail (never for page contexts); the failure is hashed too.
        if let Err(e) = value.serialize(HashSer(&mut self.0)) {
            HashSer(&mut self.0).str(&e.0);
        }
    }
}

/// Feeds its value's structure and data to the hasher.
struct HashSer<'a>(&'a mut Stream);

#[derive(Debug)]
pub struct Error(String);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

// One tag per kind of value.
const BOOL: u8 = 1;
const INT: u8 = 2;
const FLOAT: u8 = 3;
const CHAR: u8 = 4;
const STR: u8 = 5;
const BYTES: u8 = 6;
const NONE: u8 = 7;
const SOME: u8 = 8;
const UNIT: u8 = 9;
const VARIANT: u8 = 10;
const SEQ: u8 = 11;
const MAP: u8 = 12;
const END: u8 = 13;

impl HashSer<'_> {
    fn tag(&mut self, t: u8) {
        self.0.update(&[t]);
    }

    fn bytes(&mut self, b: &[u8]) {
        self.0.update(b);
    }

    fn str(&mut self, s: &str) {
        self.tag(STR);
        self.bytes(&(s.len() as u64).to_le_bytes());
        self.bytes(s.as_bytes());
    }

    fn variant(&mut self, index: u32, name: &str) {
        self.tag(VARIANT);
        self.bytes(&index.to_le_bytes());
        self.str(name);
    }

    fn reborrow(&mut self) -> HashSer<'_> {
        HashSer(self.0)
    }
}

impl<'a> ser::Serializer for HashSer<'a> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    fn serialize_bool(mut self, v: bool) -> Result<(), Error> {
        self.tag(BOOL);
        self.tag(v as u8);
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result<(), Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result<(), Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        self.serialize_i128(v.into())
    }
    fn serialize_i128(mut self, v: i128) -> Result<(), Error> {
        self.tag(INT);
        self.bytes(&v.to_le_bytes());
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        self.serialize_i128(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        self.serialize_i128(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        self.serialize_i128(v.into())
    }
    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        self.serialize_i128(v.into())
    }
    fn serialize_u128(mut self, v: u128) -> Result<(), Error> {
        self.tag(INT + 100);
        self.bytes(&v.to_le_bytes());
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        self.serialize_f64(v.into())
    }
    fn serialize_f64(mut self, v: f64) -> Result<(), Error> {
        self.tag(FLOAT);
        self.bytes(&v.to_bits().to_le_bytes());
        Ok(())
    }
    fn serialize_char(mut self, v: char) -> Result<(), Error> {
        self.tag(CHAR);
        self.bytes(&u32::from(v).to_le_bytes());
        Ok(())
    }
    fn serialize_str(mut self, v: &str) -> Result<(), Error> {
        self.str(v);
        Ok(())
    }
    fn serialize_bytes(mut self, v: &[u8]) -> Result<(), Error> {
        self.tag(BYTES);
        self.bytes(&(v.len() as u64).to_le_bytes());
        self.bytes(v);
        Ok(())
    }
    fn serialize_none(mut self) -> Result<(), Error> {
        self.tag(NONE);
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(mut self, value: &T) -> Result<(), Error> {
        self.tag(SOME);
        value.serialize(self)
    }
    fn serialize_unit(mut self) -> Result<(), Error> {
        self.tag(UNIT);
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        mut self,
        _name: &'static str,
        index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.variant(index, variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        mut self,
        _name: &'static str,
        index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.variant(index, variant);
        value.serialize(self)
    }
    fn serialize_seq(mut self, _len: Option<usize>) -> Result<Self, Error> {
        self.tag(SEQ);
        Ok(self)
    }
    fn serialize_tuple(self, len: usize) -> Result<Self, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<Self, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        mut self,
        _name: &'static str,
        index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self, Error> {
        self.variant(index, variant);
        self.tag(SEQ);
        Ok(self)
    }
    fn serialize_map(mut self, _len: Option<usize>) -> Result<Self, Error> {
        self.tag(MAP);
        Ok(self)
    }
    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<Self, Error> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        mut self,
        _name: &'static str,
        index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self, Error> {
        self.variant(index, variant);
        self.tag(MAP);
        Ok(self)
    }
}

/// Sequences and tuples: each element, then the end mark.
macro_rules! elements {
    ($($trait:ident :: $method:ident),*) => {$(
        impl ser::$trait for HashSer<'_> {
            type Ok = ();
            type Error = Error;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
                value.serialize(self.reborrow())
            }
            fn end(mut self) -> Result<(), Error> {
                self.tag(END);
                Ok(())
            }
        }
    )*};
}

elements!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

/// Structs: each field's name and value, then the end mark.
macro_rules! fields {
    ($($trait:ident),*) => {$(
        impl ser::$trait for HashSer<'_> {
            type Ok = ();
            type Error = Error;
            fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
                self.str(key);
                value.serialize(self.reborrow())
            }
            fn end(mut self) -> Result<(), Error> {
                self.tag(END);
                Ok(())
            }
        }
    )*};
}

fields!(SerializeStruct, SerializeStructVariant);

impl ser::SerializeMap for HashSer<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        key.serialize(self.reborrow())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(self.reborrow())
    }
    fn end(mut self) -> Result<(), Error> {
        self.tag(END);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;

    fn fp(key: &str, value: &(impl Serialize + ?Sized)) -> u128 {
        let mut f = Fingerprint::default();
        f.insert(key, value);
        f.finish()
    }

    #[derive(Serialize)]
    struct Row<'a> {
        title: &'a str,
        tags: Vec<&'a str>,
        count: Option<u32>,
    }

    #[derive(Serialize)]
    struct Outer<'a> {
        #[serde(flatten)]
        row: Row<'a>,
        body: String,
    }

    #[test]
    fn chunked_hashing_equals_hashing_at_once() {
        let mut all = Vec::new();
        let mut stream = Stream::default();
        for i in 0..20_000u32 {
            let piece = format!("{i}段");
            all.extend_from_slice(piece.as_bytes());
            stream.update(piece.as_bytes());
        }
        assert!(all.len() > 4 * Stream::CHUNK);
        assert_eq!(
            stream.digest128(),
            xxhash_rust::xxh3::xxh3_128(&all),
            "chunking must not change the hash"
        );
    }

    #[test]
    fn equal_contexts_equal_fingerprints() {
        let a = Outer {
            row: Row {
                title: "甲",
                tags: vec!["x"],
                count: Some(1),
            },
            body: "正文".into(),
        };
        let b = Outer {
            row: Row {
                title: "甲",
                tags: vec!["x"],
                count: Some(1),
            },
            body: "正文".into(),
        };
        assert_eq!(fp("doc", &a), fp("doc", &b));
    }

    /// The text's hash is xxh3 of its bytes, however `fmt` hands them over.
    #[test]
    fn text_is_hashed_as_it_is_written() {
        let parts: Vec<String> = (0..5000).map(|i| format!("第{i}页 ")).collect();
        let whole = parts.concat();
        let hash = hash_of_text(format_args!("{parts:?}"));
        assert_eq!(
            hash,
            xxhash_rust::xxh3::xxh3_128(format!("{parts:?}").as_bytes())
        );
        assert_ne!(hash, hash_of_text(format_args!("{whole}")));
    }

    #[test]
    fn any_difference_changes_the_fingerprint() {
        let base = || Row {
            title: "ab",
            tags: vec!["c"],
            count: None,
        };
        let v = fp("doc", &base());
        assert_ne!(v, fp("page", &base()), "the key counts");
        assert_ne!(
            v,
            fp(
                "doc",
                &Row {
                    title: "a",
                    tags: vec!["bc"],
                    ..base()
                }
            ),
            "string boundaries count"
        );
        assert_ne!(
            v,
            fp(
                "doc",
                &Row {
                    tags: vec!["c", ""],
                    ..base()
                }
            ),
            "sequence length counts"
        );
        assert_ne!(
            v,
            fp(
                "doc",
                &Row {
                    count: Some(0),
                    ..base()
                }
            ),
            "None differs from Some"
        );
        assert_ne!(
            fp("x", &vec![vec![1], vec![]]),
            fp("x", &vec![vec![], vec![1]]),
            "nesting counts"
        );
    }
}
