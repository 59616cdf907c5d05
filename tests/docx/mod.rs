//! .docx files built in the tests: the parts Word writes, zipped with the zip crate.
#![allow(dead_code)]

use std::io::Write;

pub const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const A: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";
const WP: &str = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";

/// A .docx under construction: paragraphs as WordprocessingML.
#[derive(Default, Clone)]
pub struct Docx {
    pub body: String,
    pub numbering: Option<String>,
    pub footnotes: Vec<(u32, String)>,
    pub media: Vec<(String, Vec<u8>)>,
    pub core_title: Option<String>,
    /// Extra (name, bytes) entries, e.g. a huge one.
    pub extra: Vec<(String, Vec<u8>)>,
    /// Leave word/document.xml out.
    pub no_document: bool,
    /// Replace word/document.xml by these bytes.
    pub document_override: Option<Vec<u8>>,
}

pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A run of text; `props` is the inside of `<w:rPr>`.
pub fn run(text: &str, props: &str) -> String {
    format!(
        r#"<w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{}</w:t></w:r>"#,
        esc(text)
    )
}

impl Docx {
    pub fn new() -> Docx {
        Docx::default()
    }

    /// A paragraph with `ppr` inside `<w:pPr>` and the given runs.
    pub fn p(mut self, ppr: &str, runs: &str) -> Docx {
        self.body
            .push_str(&format!("<w:p><w:pPr>{ppr}</w:pPr>{runs}</w:p>"));
        self
    }

    /// Body text: 仿宋 三号 (16 pt), justified.
    pub fn text(self, t: &str) -> Docx {
        self.p(r#"<w:jc w:val="both"/>"#, &run(t, r#"<w:sz w:val="32"/>"#))
    }

    pub fn empty(self) -> Docx {
        self.p("", "")
    }

    pub fn centered(self, t: &str, half_points: u32) -> Docx {
        self.p(
            r#"<w:jc w:val="center"/>"#,
            &run(t, &format!(r#"<w:sz w:val="{half_points}"/>"#)),
        )
    }

    pub fn right(self, t: &str) -> Docx {
        self.p(r#"<w:jc w:val="right"/>"#, &run(t, r#"<w:sz w:val="32"/>"#))
    }

    /// The red 发文机关标志.
    pub fn banner(self, t: &str) -> Docx {
        self.p(
            r#"<w:jc w:val="center"/>"#,
            &run(t, r#"<w:color w:val="FF0000"/><w:sz w:val="100"/>"#),
        )
    }

    /// A numbered paragraph of list `num` at level `ilvl`.
    pub fn numbered(self, num: u32, ilvl: u32, t: &str) -> Docx {
        self.p(
            &format!(r#"<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num}"/></w:numPr>"#),
            &run(t, r#"<w:sz w:val="32"/>"#),
        )
    }

    pub fn raw(mut self, xml: &str) -> Docx {
        self.body.push_str(xml);
        self
    }

    /// A paragraph with a footnote reference after `t`.
    pub fn with_footnote(mut self, t: &str, id: u32, note: &str) -> Docx {
        self.footnotes.push((id, note.to_string()));
        self.p(
            "",
            &format!(
                r#"{}<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="{id}"/></w:r>"#,
                run(t, "")
            ),
        )
    }

    /// A paragraph holding one inline picture.
    pub fn image(mut self, name: &str, bytes: &[u8], descr: &str) -> Docx {
        let rid = format!("rIdImg{}", self.media.len() + 1);
        self.media.push((name.to_string(), bytes.to_vec()));
        self.p(
            r#"<w:jc w:val="center"/>"#,
            &format!(
                r#"<w:r><w:drawing><wp:inline><wp:extent cx="100" cy="100"/><wp:docPr id="1" name="图片 1" descr="{}"/><a:graphic><a:graphicData><pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:blipFill><a:blip r:embed="{rid}"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"#,
                esc(descr)
            ),
        )
    }

    pub fn numbering_xml(mut self, levels: &[(&str, &str)]) -> Docx {
        let lvls: String = levels
            .iter()
            .enumerate()
            .map(|(i, (fmt, text))| {
                format!(r#"<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/><w:suff w:val="nothing"/></w:lvl>"#)
            })
            .collect();
        self.numbering = Some(format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering xmlns:w="{W}"><w:abstractNum w:abstractNumId="0">{lvls}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#
        ));
        self
    }

    pub fn document_xml(&self) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}" xmlns:r="{R}" xmlns:a="{A}" xmlns:wp="{WP}"><w:body>{}<w:sectPr/></w:body></w:document>"#,
            self.body
        )
    }

    pub fn bytes(&self) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        let mut put = |name: &str, data: &[u8]| {
            zip.start_file(name, opts).unwrap();
            zip.write_all(data).unwrap();
        };
        let mut types = String::from(
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>"#,
        );
        types.push_str("</Types>");
        put("[Content_Types].xml", types.as_bytes());
        put(
            "_rels/.rels",
            format!(r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{R}/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#).as_bytes(),
        );
        let mut rels = String::new();
        if self.numbering.is_some() {
            rels.push_str(&format!(
                r#"<Relationship Id="rIdNum" Type="{R}/numbering" Target="numbering.xml"/>"#
            ));
        }
        if !self.footnotes.is_empty() {
            rels.push_str(&format!(
                r#"<Relationship Id="rIdFn" Type="{R}/footnotes" Target="footnotes.xml"/>"#
            ));
        }
        for (i, (name, _)) in self.media.iter().enumerate() {
            rels.push_str(&format!(
                r#"<Relationship Id="rIdImg{}" Type="{R}/image" Target="media/{name}"/>"#,
                i + 1
            ));
        }
        put(
            "word/_rels/document.xml.rels",
            format!(r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>"#).as_bytes(),
        );
        if !self.no_document {
            match &self.document_override {
                Some(b) => put("word/document.xml", b),
                None => put("word/document.xml", self.document_xml().as_bytes()),
            }
        }
        if let Some(n) = &self.numbering {
            put("word/numbering.xml", n.as_bytes());
        }
        if !self.footnotes.is_empty() {
            let notes: String = self
                .footnotes
                .iter()
                .map(|(id, t)| {
                    format!(
                        r#"<w:footnote w:id="{id}"><w:p><w:r><w:footnoteRef/></w:r>{}</w:p></w:footnote>"#,
                        run(t, "")
                    )
                })
                .collect();
            put(
                "word/footnotes.xml",
                format!(r#"<?xml version="1.0" encoding="UTF-8"?><w:footnotes xmlns:w="{W}"><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>{notes}</w:footnotes>"#).as_bytes(),
            );
        }
        for (name, data) in &self.media {
            put(&format!("word/media/{name}"), data);
        }
        if let Some(t) = &self.core_title {
            put(
                "docProps/core.xml",
                format!(r#"<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{}</dc:title></cp:coreProperties>"#, esc(t)).as_bytes(),
            );
        }
        for (name, data) in &self.extra {
            put(name, data);
        }
        zip.finish().unwrap().into_inner()
    }
}

/// A 公文 as the standard lays it out, issued by 测试区人民政府 (the fixture
/// site's qzf), with `body` paragraphs between the addressees and the signature.
pub fn gongwen(body: impl FnOnce(Docx) -> Docx) -> Docx {
    let d = Docx::new()
        .text("000123")
        .text("特急")
        .banner("测试区人民政府文件")
        .empty()
        .centered("测政〔2025〕7号", 32)
        .empty()
        .centered("测试区人民政府关于做好2025年", 44)
        .centered("政务公开工作的通知", 44)
        .empty()
        .text("各街道办事处，区政府各部门：");
    body(d)
        .empty()
        .right("测试区人民政府")
        .right("2025年3月10日")
        .text("（此件公开发布）")
        .empty()
        .text("抄送：区委办公室，区人大常委会办公室。")
        .text("测试区人民政府办公室          2025年3月10日印发")
}

/// A tiny valid PNG (1×1).
pub const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0xF0,
    0x1F, 0x00, 0x05, 0x00, 0x01, 0xFF, 0x89, 0x99, 0x3D, 0x1D, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
    0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
];
