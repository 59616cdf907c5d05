//! `zwgk import` reads .docx files from anywhere: no input may panic it, hang it
//! or make it allocate without bound.
//!
//! The first byte chooses what the rest is: even, the whole file (a truncated
//! download, a renamed PDF, a zip bomb); odd, the `word/document.xml` of an
//! otherwise sound package, so that the XML reader and the 公文 recognition get
//! broken input past the zip's checksums.
//!
//! Run: `cargo +nightly fuzz run import_docx` (see .ci/run for the bounded run).
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::io::Write;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

fn package(document: &[u8]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let numbering = format!(
        r#"<w:numbering xmlns:w="{W}"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimalEnclosedCircle"/><w:lvlText w:val="%1.%2"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#
    );
    let package_rels = format!(
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{R}/officeDocument" Target="word/document.xml"/></Relationships>"#
    );
    let document_rels = format!(
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdNum" Type="{R}/numbering" Target="numbering.xml"/><Relationship Id="rIdImg1" Type="{R}/image" Target="media/image1.png"/><Relationship Id="rIdUp" Type="{R}/image" Target="../../../etc/passwd"/></Relationships>"#
    );
    let parts: [(&str, &[u8]); 5] = [
        ("_rels/.rels", package_rels.as_bytes()),
        ("word/_rels/document.xml.rels", document_rels.as_bytes()),
        ("word/numbering.xml", numbering.as_bytes()),
        ("word/media/image1.png", b"\x89PNG\r\n\x1a\n"),
        ("word/document.xml", document),
    ];
    for (name, data) in parts {
        if zip.start_file(name, opts).is_err() || zip.write_all(data).is_err() {
            return Vec::new();
        }
    }
    zip.finish().map(|c| c.into_inner()).unwrap_or_default()
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    if mode % 2 == 0 {
        let _ = zwgk::import::convert(rest, "x.files");
    } else {
        let _ = zwgk::import::convert(&package(rest), "x.files");
    }
});
