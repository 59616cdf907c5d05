//! A .docx read into paragraphs and tables with what the 公文 layout needs:
//! alignment, type size, colour, numbering written out, bold and italic runs,
//! footnotes, images and links.
//!
//! What Word does not show is not read: deleted revisions, hidden text,
//! comments, page-number fields. What the office never meant to publish must
//! not reach a draft either.

use super::numbering::Numbering;
use super::package::{self, Package, PackageError};
use super::xml::{self, Element, Node, Ns};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    #[default]
    Left,
    Center,
    Right,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum NoteKind {
    Foot,
    End,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Span {
    Text {
        text: String,
        bold: bool,
        italic: bool,
        link: Option<String>,
    },
    /// A line break inside the paragraph.
    Break,
    Tab,
    /// An image: the part it is in and its description.
    Image {
        part: String,
        alt: String,
    },
    Note(NoteKind, String),
}

#[derive(Debug, Clone, Default)]
pub struct Para {
    /// 1-based count of the non-empty paragraphs in document order; 0 when empty.
    pub number: usize,
    pub align: Align,
    /// Largest type size of its text, in half-points (Word's `w:sz`).
    pub size: Option<u32>,
    /// Most of its text is red (the 发文机关标志).
    pub red: bool,
    /// Outline level from a heading style (0 = Heading 1).
    pub outline: Option<u8>,
    /// Automatic numbering, written out (e.g. `一、`, `（1）`).
    pub label: Option<String>,
    pub bullet: bool,
    pub spans: Vec<Span>,
}

impl Para {
    /// The text as shown: label, text, a space for a tab, `\n` for a break.
    pub fn text(&self) -> String {
        let mut s = self.label.clone().unwrap_or_default();
        for sp in &self.spans {
            match sp {
                Span::Text { text, .. } => s.push_str(text),
                Span::Break => s.push('\n'),
                Span::Tab => s.push(' '),
                Span::Image { .. } | Span::Note(..) => {}
            }
        }
        s
    }

    pub fn has_text(&self) -> bool {
        self.label.is_some() && !self.bullet
            || self.spans.iter().any(|s| match s {
                Span::Text { text, .. } => !text.trim().is_empty(),
                _ => false,
            })
    }

    pub fn images(&self) -> impl Iterator<Item = (&str, &str)> {
        self.spans.iter().filter_map(|s| match s {
            Span::Image { part, alt } => Some((part.as_str(), alt.as_str())),
            _ => None,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum VMerge {
    #[default]
    None,
    Restart,
    Continue,
}

#[derive(Debug, Clone, Default)]
pub struct Cell {
    pub blocks: Vec<Block>,
    /// Grid columns it spans (`w:gridSpan`).
    pub span: usize,
    pub vmerge: VMerge,
}

#[derive(Debug, Clone, Default)]
pub struct Table {
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    pub fn paragraphs(&self) -> Vec<&Para> {
        let mut out = Vec::new();
        for row in &self.rows {
            for cell in row {
                collect_paras(&cell.blocks, &mut out);
            }
        }
        out
    }
}

fn collect_paras<'a>(blocks: &'a [Block], out: &mut Vec<&'a Para>) {
    for b in blocks {
        match b {
            Block::Para(p) => out.push(p),
            Block::Table(t) => {
                for row in &t.rows {
                    for cell in row {
                        collect_paras(&cell.blocks, out);
                    }
                }
            }
        }
    }
}

#[derive(Debug, Clone)]
pub enum Block {
    Para(Para),
    Table(Table),
}

/// What was left out because Word does not show it, for the import's notes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Omitted {
    pub revisions: bool,
    pub comments: bool,
    pub hidden: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Docx {
    pub blocks: Vec<Block>,
    pub notes: BTreeMap<(NoteKind, String), Vec<Span>>,
    /// `dc:title` of the document properties.
    pub core_title: Option<String>,
    pub omitted: Omitted,
    /// The main part's name (e.g. `word/document.xml`).
    pub main_part: String,
}

/// Why a package is not a Word document that can be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    Package(PackageError),
    /// A zip, but of another kind (OFD, a spreadsheet, an OpenDocument text …).
    OtherKind(&'static str),
    /// An XML part that does not parse.
    Xml {
        part: String,
        error: String,
    },
    /// Parsed, but no document body in it.
    NoBody,
}

impl From<PackageError> for ReadError {
    fn from(e: PackageError) -> Self {
        ReadError::Package(e)
    }
}

const MAIN: &str = "word/document.xml";

/// Reads a .docx from its bytes. Pure: touches nothing but the bytes.
pub fn read(bytes: &[u8]) -> Result<Docx, ReadError> {
    let mut pkg = Package::open(bytes)?;
    if pkg.has("ofd.xml") {
        return Err(ReadError::OtherKind("ofd"));
    }
    let main = main_part(&mut pkg)?;
    if !pkg.has(&main) {
        if pkg.has("xl/workbook.xml") {
            return Err(ReadError::OtherKind("xlsx"));
        }
        if pkg.has("ppt/presentation.xml") {
            return Err(ReadError::OtherKind("pptx"));
        }
        if pkg.has("content.xml") && pkg.has("mimetype") {
            return Err(ReadError::OtherKind("odf"));
        }
        return Err(ReadError::Package(PackageError::Missing(main)));
    }
    let rels = relationships(&mut pkg, &main)?;
    let part = |kind: &str, default: &str| {
        rels.values()
            .find(|r| r.kind.ends_with(kind) && !r.external)
            .and_then(|r| package::resolve_target(&main, &r.target))
            .unwrap_or_else(|| default.to_string())
    };
    let styles = match pkg.read_xml_opt(&part("/styles", "word/styles.xml"))? {
        Some(t) => Styles::parse(&parse_part("styles.xml", &t)?),
        None => Styles::default(),
    };
    let mut numbering = match pkg.read_xml_opt(&part("/numbering", "word/numbering.xml"))? {
        Some(t) => Numbering::parse(&parse_part("numbering.xml", &t)?),
        None => Numbering::default(),
    };
    let text = pkg.read_xml(&main)?;
    let root = parse_part(&main, &text)?;
    drop(text);
    let body = root.child(Ns::W, "body").ok_or(ReadError::NoBody)?;

    let mut walker = Walker {
        styles: &styles,
        numbering: &mut numbering,
        rels: &rels,
        source: main.clone(),
        count: 0,
        omitted: Omitted::default(),
        fields: Vec::new(),
        counting: true,
    };
    let blocks = walker.blocks(body);
    let mut notes = BTreeMap::new();
    for (kind, rel, default, tag) in [
        (
            NoteKind::Foot,
            "/footnotes",
            "word/footnotes.xml",
            "footnote",
        ),
        (NoteKind::End, "/endnotes", "word/endnotes.xml", "endnote"),
    ] {
        let name = part(rel, default);
        let Some(t) = pkg.read_xml_opt(&name)? else {
            continue;
        };
        let root = parse_part(&name, &t)?;
        let note_rels = relationships(&mut pkg, &name)?;
        let mut w = Walker {
            styles: &styles,
            numbering: walker.numbering,
            rels: &note_rels,
            source: name.clone(),
            count: 0,
            omitted: Omitted::default(),
            fields: Vec::new(),
            counting: false,
        };
        for n in root.elements().filter(|e| e.is(Ns::W, tag)) {
            if matches!(
                n.attr(Ns::W, "type"),
                Some("separator" | "continuationSeparator" | "continuationNotice")
            ) {
                continue;
            }
            let Some(id) = n.attr(Ns::W, "id") else {
                continue;
            };
            let mut spans = Vec::new();
            for b in w.blocks(n) {
                if let Block::Para(p) = b {
                    if !spans.is_empty() && p.has_text() {
                        spans.push(Span::Text {
                            text: " ".into(),
                            bold: false,
                            italic: false,
                            link: None,
                        });
                    }
                    spans.extend(p.spans);
                }
            }
            notes.insert((kind, id.to_string()), spans);
        }
        walker.omitted.revisions |= w.omitted.revisions;
        walker.omitted.hidden |= w.omitted.hidden;
    }
    let core_title = match pkg.read_xml_opt("docProps/core.xml") {
        Ok(Some(t)) => xml::parse(&t)
            .ok()
            .and_then(|r| r.find(Ns::Dc, "title").map(Element::text))
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty()),
        _ => None,
    };
    let mut omitted = walker.omitted;
    omitted.comments |= pkg.names().any(|n| n.starts_with("word/comments"));
    Ok(Docx {
        blocks,
        notes,
        core_title,
        omitted,
        main_part: main,
    })
}

/// Reads an image part, within the bounds.
pub fn read_media(bytes: &[u8], part: &str) -> Result<Vec<u8>, PackageError> {
    Package::open(bytes)?.read(part, package::MAX_MEDIA)
}

fn parse_part(name: &str, text: &str) -> Result<Element, ReadError> {
    xml::parse(text).map_err(|error| ReadError::Xml {
        part: name.to_string(),
        error,
    })
}

fn main_part(pkg: &mut Package) -> Result<String, ReadError> {
    let Some(t) = pkg.read_xml_opt("_rels/.rels")? else {
        return Ok(MAIN.to_string());
    };
    let root = parse_part("_rels/.rels", &t)?;
    let main = root
        .elements()
        .filter(|e| e.name == "Relationship")
        .find(|e| {
            e.attr(Ns::None, "Type")
                .is_some_and(|t| t.ends_with("/officeDocument"))
        })
        .and_then(|e| e.attr(Ns::None, "Target"))
        .and_then(|t| package::resolve_target("", t))
        .map(|t| t.to_lowercase())
        .unwrap_or_else(|| MAIN.to_string());
    Ok(main)
}

#[derive(Debug, Clone)]
struct Rel {
    kind: String,
    target: String,
    external: bool,
}

fn relationships(pkg: &mut Package, part: &str) -> Result<BTreeMap<String, Rel>, ReadError> {
    let (dir, file) = part.rsplit_once('/').unwrap_or(("", part));
    let name = if dir.is_empty() {
        format!("_rels/{file}.rels")
    } else {
        format!("{dir}/_rels/{file}.rels")
    };
    let Some(t) = pkg.read_xml_opt(&name)? else {
        return Ok(BTreeMap::new());
    };
    let root = parse_part(&name, &t)?;
    Ok(root
        .elements()
        .filter(|e| e.name == "Relationship")
        .filter_map(|e| {
            Some((
                e.attr(Ns::None, "Id")?.to_string(),
                Rel {
                    kind: e.attr(Ns::None, "Type").unwrap_or_default().to_string(),
                    target: e.attr(Ns::None, "Target").unwrap_or_default().to_string(),
                    external: e
                        .attr(Ns::None, "TargetMode")
                        .is_some_and(|m| m.eq_ignore_ascii_case("External")),
                },
            ))
        })
        .collect())
}

#[derive(Debug, Clone, Default)]
struct RunProps {
    bold: Option<bool>,
    italic: Option<bool>,
    size: Option<u32>,
    color: Option<String>,
    hidden: Option<bool>,
}

impl RunProps {
    fn parse(rpr: Option<&Element>) -> RunProps {
        let Some(r) = rpr else {
            return RunProps::default();
        };
        RunProps {
            bold: r.child(Ns::W, "b").map(Element::toggle),
            italic: r.child(Ns::W, "i").map(Element::toggle),
            size: r
                .child(Ns::W, "sz")
                .and_then(Element::val)
                .and_then(|v| v.parse().ok()),
            color: r
                .child(Ns::W, "color")
                .and_then(Element::val)
                .map(str::to_string),
            hidden: r
                .child(Ns::W, "vanish")
                .or_else(|| r.child(Ns::W, "specVanish"))
                .map(Element::toggle),
        }
    }

    fn over(&mut self, top: &RunProps) {
        self.bold = top.bold.or(self.bold);
        self.italic = top.italic.or(self.italic);
        self.size = top.size.or(self.size);
        self.color = top.color.clone().or(self.color.take());
        self.hidden = top.hidden.or(self.hidden);
    }
}

#[derive(Debug, Clone, Default)]
struct ParaProps {
    align: Option<Align>,
    outline: Option<u8>,
    num: Option<(Option<String>, Option<u8>)>,
}

impl ParaProps {
    fn parse(ppr: Option<&Element>) -> ParaProps {
        let Some(p) = ppr else {
            return ParaProps::default();
        };
        ParaProps {
            align: p
                .child(Ns::W, "jc")
                .and_then(Element::val)
                .map(|v| match v {
                    "center" => Align::Center,
                    "right" | "end" => Align::Right,
                    _ => Align::Left,
                }),
            outline: p
                .child(Ns::W, "outlineLvl")
                .and_then(Element::val)
                .and_then(|v| v.parse().ok()),
            num: p.child(Ns::W, "numPr").map(|n| {
                (
                    n.child(Ns::W, "numId")
                        .and_then(Element::val)
                        .map(str::to_string),
                    n.child(Ns::W, "ilvl")
                        .and_then(Element::val)
                        .and_then(|v| v.parse().ok()),
                )
            }),
        }
    }

    fn over(&mut self, top: &ParaProps) {
        self.align = top.align.or(self.align);
        self.outline = top.outline.or(self.outline);
        match (&mut self.num, &top.num) {
            (Some((id, lvl)), Some((tid, tlvl))) => {
                *id = tid.clone().or(id.take());
                *lvl = tlvl.or(*lvl);
            }
            (None, Some(n)) => self.num = Some(n.clone()),
            _ => {}
        }
    }
}

#[derive(Debug, Clone, Default)]
struct Style {
    based_on: Option<String>,
    ppr: ParaProps,
    rpr: RunProps,
}

#[derive(Debug, Default)]
struct Styles {
    styles: BTreeMap<String, Style>,
    default_para: Option<String>,
    defaults: RunProps,
}

impl Styles {
    fn parse(root: &Element) -> Styles {
        let mut s = Styles::default();
        if let Some(rpr) = root
            .child(Ns::W, "docDefaults")
            .and_then(|d| d.child(Ns::W, "rPrDefault"))
            .and_then(|d| d.child(Ns::W, "rPr"))
        {
            s.defaults = RunProps::parse(Some(rpr));
        }
        for st in root.elements().filter(|e| e.is(Ns::W, "style")) {
            let Some(id) = st.attr(Ns::W, "styleId") else {
                continue;
            };
            if st.attr(Ns::W, "type") == Some("paragraph")
                && st
                    .attr(Ns::W, "default")
                    .is_some_and(|v| v == "1" || v == "true")
            {
                s.default_para = Some(id.to_string());
            }
            let mut ppr = ParaProps::parse(st.child(Ns::W, "pPr"));
            // Heading 1-9 carry their outline level in the built-in name.
            if ppr.outline.is_none() {
                if let Some(n) = st
                    .child(Ns::W, "name")
                    .and_then(Element::val)
                    .and_then(|n| {
                        n.to_ascii_lowercase()
                            .strip_prefix("heading ")
                            .map(str::to_string)
                    })
                    .and_then(|n| n.trim().parse::<u8>().ok())
                {
                    ppr.outline = Some(n.saturating_sub(1));
                }
            }
            s.styles.insert(
                id.to_string(),
                Style {
                    based_on: st
                        .child(Ns::W, "basedOn")
                        .and_then(Element::val)
                        .map(str::to_string),
                    ppr,
                    rpr: RunProps::parse(st.child(Ns::W, "rPr")),
                },
            );
        }
        s
    }

    /// The style and the ones it is based on, base first (cycles cut).
    fn chain(&self, id: Option<&str>) -> Vec<&Style> {
        let mut out = Vec::new();
        let mut cur = id.map(str::to_string);
        while let Some(c) = cur {
            if out.len() >= 16 {
                break;
            }
            let Some(st) = self.styles.get(&c) else {
                break;
            };
            out.push(st);
            cur = st.based_on.clone();
        }
        out.reverse();
        out
    }
}

struct Field {
    instr: String,
    in_result: bool,
    hide: bool,
    link: Option<String>,
}

struct Walker<'a> {
    styles: &'a Styles,
    numbering: &'a mut Numbering,
    rels: &'a BTreeMap<String, Rel>,
    source: String,
    count: usize,
    omitted: Omitted,
    fields: Vec<Field>,
    /// Whether paragraphs get numbers (the body) or not (notes).
    counting: bool,
}

struct ParaCtx {
    rpr: RunProps,
    spans: Vec<Span>,
    extra: Vec<Block>,
    sizes: Vec<(u32, usize)>,
    red: usize,
    chars: usize,
}

impl Walker<'_> {
    fn blocks(&mut self, parent: &Element) -> Vec<Block> {
        let mut out = Vec::new();
        self.blocks_into(parent, &mut out);
        out
    }

    fn blocks_into(&mut self, parent: &Element, out: &mut Vec<Block>) {
        for e in parent.elements() {
            match (e.ns, e.name.as_str()) {
                (Ns::W, "p") => self.paragraph(e, out),
                (Ns::W, "tbl") => {
                    let t = self.table(e);
                    out.push(Block::Table(t));
                }
                (Ns::W, "sdt") => {
                    if let Some(c) = e.child(Ns::W, "sdtContent") {
                        self.blocks_into(c, out);
                    }
                }
                (Ns::W, "customXml" | "ins" | "moveTo" | "txbxContent") => self.blocks_into(e, out),
                (Ns::W, "del" | "moveFrom") => self.omitted.revisions = true,
                (Ns::Mc, "AlternateContent") => {
                    if let Some(branch) = alternate(e) {
                        self.blocks_into(branch, out);
                    }
                }
                _ => {}
            }
        }
    }

    fn table(&mut self, tbl: &Element) -> Table {
        let mut rows = Vec::new();
        for tr in rows_of(tbl) {
            let mut cells = Vec::new();
            for tc in cells_of(tr) {
                let pr = tc.child(Ns::W, "tcPr");
                let span = pr
                    .and_then(|p| p.child(Ns::W, "gridSpan"))
                    .and_then(Element::val)
                    .and_then(|v| v.parse::<usize>().ok())
                    .unwrap_or(1)
                    .clamp(1, 64);
                let vmerge = match pr.and_then(|p| p.child(Ns::W, "vMerge")) {
                    None => VMerge::None,
                    Some(v) if v.val() == Some("restart") => VMerge::Restart,
                    Some(_) => VMerge::Continue,
                };
                let hcont = pr
                    .and_then(|p| p.child(Ns::W, "hMerge"))
                    .is_some_and(|h| h.val() != Some("restart"));
                let blocks = self.blocks(tc);
                if hcont {
                    // the old horizontal merge: widen the cell before it
                    if let Some(prev) = cells.last_mut() {
                        let prev: &mut Cell = prev;
                        prev.span = (prev.span + span).min(64);
                        continue;
                    }
                }
                cells.push(Cell {
                    blocks,
                    span,
                    vmerge,
                });
            }
            rows.push(cells);
        }
        Table { rows }
    }

    fn paragraph(&mut self, p: &Element, out: &mut Vec<Block>) {
        let ppr_el = p.child(Ns::W, "pPr");
        let style_id = ppr_el
            .and_then(|pr| pr.child(Ns::W, "pStyle"))
            .and_then(Element::val)
            .map(str::to_string)
            .or_else(|| self.styles.default_para.clone());
        let chain = self.styles.chain(style_id.as_deref());
        let mut ppr = ParaProps::default();
        let mut rpr = self.styles.defaults.clone();
        for st in &chain {
            ppr.over(&st.ppr);
            rpr.over(&st.rpr);
        }
        ppr.over(&ParaProps::parse(ppr_el));
        let mut ctx = ParaCtx {
            rpr,
            spans: Vec::new(),
            extra: Vec::new(),
            sizes: Vec::new(),
            red: 0,
            chars: 0,
        };
        self.inline(p, &mut ctx, None);
        let (label, bullet) = match &ppr.num {
            Some((Some(id), lvl)) => match self.numbering.next(id, lvl.unwrap_or(0)) {
                Some(l) => (Some(l.text).filter(|t| !t.is_empty()), l.bullet),
                None => (None, false),
            },
            _ => (None, false),
        };
        let size = ctx.sizes.iter().map(|(s, _)| *s).max();
        let mut para = Para {
            number: 0,
            align: ppr.align.unwrap_or_default(),
            size,
            red: ctx.chars > 0 && ctx.red * 2 > ctx.chars,
            outline: ppr.outline.filter(|o| *o < 9),
            label,
            bullet,
            spans: ctx.spans,
        };
        // Text boxes anchored in the paragraph come first: they are drawn where
        // the paragraph is, and Word's banner templates put the 发文机关标志 there.
        out.append(&mut ctx.extra);
        if self.counting && para.has_text() {
            self.count += 1;
            para.number = self.count;
        }
        out.push(Block::Para(para));
    }

    fn inline(&mut self, parent: &Element, ctx: &mut ParaCtx, link: Option<&str>) {
        for e in parent.elements() {
            match (e.ns, e.name.as_str()) {
                (Ns::W, "r") => self.run(e, ctx, link),
                (Ns::W, "hyperlink") => {
                    let url = e
                        .attr(Ns::R, "id")
                        .and_then(|id| self.rels.get(id))
                        .filter(|r| r.external)
                        .map(|r| r.target.clone());
                    self.inline(e, ctx, url.as_deref().or(link));
                }
                (Ns::W, "fldSimple") => {
                    let instr = e.attr(Ns::W, "instr").unwrap_or_default();
                    if !hidden_field(instr) {
                        let url = field_link(instr);
                        self.inline(e, ctx, url.as_deref().or(link));
                    }
                }
                (Ns::W, "sdt") => {
                    if let Some(c) = e.child(Ns::W, "sdtContent") {
                        self.inline(c, ctx, link);
                    }
                }
                (Ns::W, "ins" | "moveTo") => {
                    self.omitted.revisions = true;
                    self.inline(e, ctx, link);
                }
                (Ns::W, "smartTag" | "customXml" | "bdo" | "dir" | "sdtContent") => {
                    self.inline(e, ctx, link)
                }
                (Ns::W, "del" | "moveFrom") => self.omitted.revisions = true,
                (Ns::W, "commentRangeStart") => self.omitted.comments = true,
                (Ns::Mc, "AlternateContent") => {
                    if let Some(b) = alternate(e) {
                        self.inline(b, ctx, link);
                    }
                }
                (Ns::Other, "oMath" | "oMathPara") => {
                    let t = e.text();
                    self.push_text(ctx, &t, &RunProps::default(), link);
                }
                _ => {}
            }
        }
    }

    fn run(&mut self, r: &Element, ctx: &mut ParaCtx, link: Option<&str>) {
        let rpr_el = r.child(Ns::W, "rPr");
        let mut props = ctx.rpr.clone();
        if let Some(id) = rpr_el
            .and_then(|p| p.child(Ns::W, "rStyle"))
            .and_then(Element::val)
        {
            for st in self.styles.chain(Some(id)) {
                props.over(&st.rpr);
            }
        }
        props.over(&RunProps::parse(rpr_el));
        if props.hidden == Some(true) {
            if !r.text().trim().is_empty() {
                self.omitted.hidden = true;
            }
            return;
        }
        self.run_content(r, ctx, &props, link);
    }

    fn run_content(
        &mut self,
        r: &Element,
        ctx: &mut ParaCtx,
        props: &RunProps,
        link: Option<&str>,
    ) {
        for c in r.children.iter() {
            let Node::Element(e) = c else { continue };
            match (e.ns, e.name.as_str()) {
                (Ns::W, "t") => {
                    let t = e.text();
                    self.push_text(ctx, &t, props, link);
                }
                (Ns::W, "tab" | "ptab") if self.visible() => ctx.spans.push(Span::Tab),
                (Ns::W, "br")
                    if self.visible()
                        && !matches!(e.attr(Ns::W, "type"), Some("page" | "column")) =>
                {
                    ctx.spans.push(Span::Break)
                }
                (Ns::W, "cr") if self.visible() => ctx.spans.push(Span::Break),
                (Ns::W, "noBreakHyphen") => self.push_text(ctx, "-", props, link),
                (Ns::W, "footnoteReference") | (Ns::W, "endnoteReference") => {
                    let kind = if e.name == "footnoteReference" {
                        NoteKind::Foot
                    } else {
                        NoteKind::End
                    };
                    if let Some(id) = e.attr(Ns::W, "id") {
                        ctx.spans.push(Span::Note(kind, id.to_string()));
                    }
                }
                (Ns::W, "fldChar") => match e.attr(Ns::W, "fldCharType") {
                    Some("begin") => self.fields.push(Field {
                        instr: String::new(),
                        in_result: false,
                        hide: false,
                        link: None,
                    }),
                    Some("separate") => {
                        if let Some(f) = self.fields.last_mut() {
                            f.in_result = true;
                            f.hide = hidden_field(&f.instr);
                            f.link = field_link(&f.instr);
                        }
                    }
                    Some("end") => {
                        self.fields.pop();
                    }
                    _ => {}
                },
                (Ns::W, "instrText") => {
                    if let Some(f) = self.fields.last_mut() {
                        if f.instr.len() < 4096 {
                            f.instr.push_str(&e.text());
                        }
                    }
                }
                (Ns::W, "commentReference") => self.omitted.comments = true,
                (Ns::W, "delText") => self.omitted.revisions = true,
                (Ns::W, "drawing" | "pict" | "object") => self.drawing(e, ctx),
                (Ns::Mc, "AlternateContent") => {
                    if let Some(b) = alternate(e) {
                        self.run_content(b, ctx, props, link);
                    }
                }
                _ => {}
            }
        }
    }

    /// Text is hidden while inside the result of a page-number field.
    fn visible(&self) -> bool {
        !self.fields.iter().any(|f| f.hide && f.in_result)
    }

    fn push_text(&mut self, ctx: &mut ParaCtx, t: &str, props: &RunProps, link: Option<&str>) {
        if t.is_empty() || !self.visible() {
            return;
        }
        // a field's own link (HYPERLINK "…") wins over the surrounding one
        let field_link = self
            .fields
            .iter()
            .rev()
            .find(|f| f.in_result && f.link.is_some())
            .and_then(|f| f.link.clone());
        let n = t.chars().filter(|c| !c.is_whitespace()).count();
        if n > 0 {
            ctx.chars += n;
            if props.color.as_deref().is_some_and(is_red) {
                ctx.red += n;
            }
            if let Some(s) = props.size {
                ctx.sizes.push((s, n));
            }
        }
        let text = t.replace(['\u{0}', '\r'], "").replace('\n', " ");
        ctx.spans.push(Span::Text {
            text,
            bold: props.bold.unwrap_or(false),
            italic: props.italic.unwrap_or(false),
            link: field_link.or(link.map(str::to_string)),
        });
    }

    fn drawing(&mut self, e: &Element, ctx: &mut ParaCtx) {
        // text boxes drawn here
        let mut stack: Vec<&Element> = vec![e];
        let mut boxes = Vec::new();
        let mut blip: Option<&Element> = None;
        let mut alt = String::new();
        while let Some(x) = stack.pop() {
            if x.is(Ns::W, "txbxContent") {
                boxes.push(x);
                continue;
            }
            if x.is(Ns::Mc, "AlternateContent") {
                if let Some(b) = alternate(x) {
                    stack.push(b);
                }
                continue;
            }
            if blip.is_none() && (x.is(Ns::A, "blip") || x.is(Ns::V, "imagedata")) {
                blip = Some(x);
            }
            if x.is(Ns::Wp, "docPr") && alt.is_empty() {
                alt = x
                    .attr(Ns::None, "descr")
                    .filter(|d| !d.trim().is_empty())
                    .or(x.attr(Ns::None, "title"))
                    .unwrap_or_default()
                    .trim()
                    .to_string();
            }
            stack.extend(x.elements().collect::<Vec<_>>().into_iter().rev());
        }
        for b in boxes {
            let blocks = self.blocks(b);
            ctx.extra.extend(blocks);
        }
        let Some(blip) = blip else { return };
        let id = blip.attr(Ns::R, "embed").or_else(|| blip.attr(Ns::R, "id"));
        let Some(rel) = id.and_then(|id| self.rels.get(id)) else {
            return;
        };
        if rel.external {
            return; // a linked picture is never fetched
        }
        if let Some(part) = package::resolve_target(&self.source, &rel.target) {
            ctx.spans.push(Span::Image { part, alt });
        }
    }
}

fn rows_of(tbl: &Element) -> Vec<&Element> {
    let mut out = Vec::new();
    for e in tbl.elements() {
        match (e.ns, e.name.as_str()) {
            (Ns::W, "tr") => out.push(e),
            (Ns::W, "sdt") => {
                if let Some(c) = e.child(Ns::W, "sdtContent") {
                    out.extend(rows_of(c));
                }
            }
            (Ns::W, "customXml" | "ins") => out.extend(rows_of(e)),
            _ => {}
        }
    }
    out
}

fn cells_of(tr: &Element) -> Vec<&Element> {
    let mut out = Vec::new();
    for e in tr.elements() {
        match (e.ns, e.name.as_str()) {
            (Ns::W, "tc") => out.push(e),
            (Ns::W, "sdt") => {
                if let Some(c) = e.child(Ns::W, "sdtContent") {
                    out.extend(cells_of(c));
                }
            }
            (Ns::W, "customXml" | "ins") => out.extend(cells_of(e)),
            _ => {}
        }
    }
    out
}

/// The branch of `mc:AlternateContent` to read: the first choice, else the fallback.
fn alternate(e: &Element) -> Option<&Element> {
    e.child(Ns::Mc, "Choice")
        .or_else(|| e.child(Ns::Mc, "Fallback"))
}

/// Page numbers and counts: Word computes them; they are not the document's text.
fn hidden_field(instr: &str) -> bool {
    let name = instr
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_ascii_uppercase();
    matches!(
        name.as_str(),
        "PAGE" | "NUMPAGES" | "SECTIONPAGES" | "SECTION" | "PAGEREF" | "TOC"
    )
}

fn field_link(instr: &str) -> Option<String> {
    let mut words = instr.split_whitespace();
    if !words.next()?.eq_ignore_ascii_case("HYPERLINK") {
        return None;
    }
    let url = words.find(|w| !w.starts_with('\\'))?;
    Some(url.trim_matches('"').to_string()).filter(|u| !u.is_empty())
}

fn is_red(color: &str) -> bool {
    if color.len() != 6 {
        return false;
    }
    let Ok(v) = u32::from_str_radix(color, 16) else {
        return false;
    };
    let (r, g, b) = (v >> 16, (v >> 8) & 0xFF, v & 0xFF);
    r >= 0xC0 && g < 0x60 && b < 0x60
}
