//! A small element tree of one XML part, built with quick-xml.
//!
//! Names are resolved to their namespace, so a part that binds WordprocessingML
//! to another prefix (or uses the Strict namespaces) reads the same. The tree is
//! bounded in depth and size; entities other than the five predefined ones and
//! character references are an error (no DTD is ever expanded).

use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::XmlVersion;

/// Deepest nesting accepted (Word nests tables in tables, rarely past 10).
pub const MAX_DEPTH: usize = 200;
/// Most elements and text nodes in one part.
pub const MAX_NODES: usize = 4_000_000;

/// The namespaces zwgk reads; every other one is `Other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ns {
    /// WordprocessingML main (transitional or strict).
    W,
    /// Relationships in the office document (`r:id`, `r:embed`).
    R,
    /// DrawingML main (`a:blip`).
    A,
    /// DrawingML for Word (`wp:docPr`).
    Wp,
    /// VML (`v:imagedata`).
    V,
    /// Markup compatibility (`mc:AlternateContent`).
    Mc,
    /// Package relationships (`.rels` parts).
    PkgRel,
    /// Dublin Core (`docProps/core.xml`).
    Dc,
    /// No namespace.
    None,
    Other,
}

fn ns_of(uri: &str) -> Ns {
    match uri {
        "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        | "http://purl.oclc.org/ooxml/wordprocessingml/main" => Ns::W,
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        | "http://purl.oclc.org/ooxml/officeDocument/relationships" => Ns::R,
        "http://schemas.openxmlformats.org/drawingml/2006/main"
        | "http://purl.oclc.org/ooxml/drawingml/main" => Ns::A,
        "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
        | "http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing" => Ns::Wp,
        "urn:schemas-microsoft-com:vml" => Ns::V,
        "http://schemas.openxmlformats.org/markup-compatibility/2006" => Ns::Mc,
        "http://schemas.openxmlformats.org/package/2006/relationships" => Ns::PkgRel,
        "http://purl.org/dc/elements/1.1/" => Ns::Dc,
        _ => Ns::Other,
    }
}

fn resolved(r: ResolveResult<'_>) -> Ns {
    match r {
        ResolveResult::Bound(ns) => ns_of(ns.as_ref()),
        ResolveResult::Unbound => Ns::None,
        ResolveResult::Unknown(_) => Ns::Other,
    }
}

#[derive(Debug, Clone)]
pub struct Element {
    pub ns: Ns,
    pub name: String,
    pub attrs: Vec<Attr>,
    pub children: Vec<Node>,
}

#[derive(Debug, Clone)]
pub struct Attr {
    pub ns: Ns,
    pub name: String,
    pub value: String,
}

#[derive(Debug, Clone)]
pub enum Node {
    Element(Element),
    Text(String),
}

impl Element {
    pub fn is(&self, ns: Ns, name: &str) -> bool {
        self.ns == ns && self.name == name
    }

    /// An attribute in namespace `ns`, or without a namespace (some writers leave
    /// the prefix off `w:val`).
    pub fn attr(&self, ns: Ns, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|a| a.name == name && a.ns == ns)
            .or_else(|| {
                self.attrs
                    .iter()
                    .find(|a| a.name == name && a.ns == Ns::None)
            })
            .map(|a| a.value.as_str())
    }

    /// `w:val` of this element.
    pub fn val(&self) -> Option<&str> {
        self.attr(Ns::W, "val")
    }

    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|c| match c {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    pub fn child(&self, ns: Ns, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.is(ns, name))
    }

    /// The first descendant (depth first) with this name.
    pub fn find(&self, ns: Ns, name: &str) -> Option<&Element> {
        let mut stack: Vec<&Element> = vec![self];
        while let Some(e) = stack.pop() {
            for c in e.elements().collect::<Vec<_>>().into_iter().rev() {
                if c.is(ns, name) {
                    return Some(c);
                }
                stack.push(c);
            }
        }
        None
    }

    /// All text below this element, in order.
    pub fn text(&self) -> String {
        let mut out = String::new();
        let mut stack: Vec<&Node> = self.children.iter().rev().collect();
        while let Some(n) = stack.pop() {
            match n {
                Node::Text(t) => out.push_str(t),
                Node::Element(e) => stack.extend(e.children.iter().rev()),
            }
        }
        out
    }

    /// A toggle property such as `<w:b/>`: on unless `w:val` is false, 0 or off.
    pub fn toggle(&self) -> bool {
        !matches!(self.val(), Some("0" | "false" | "off" | "none"))
    }
}

/// Parses one part into its root element.
pub fn parse(text: &str) -> Result<Element, String> {
    let mut reader = quick_xml::NsReader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    let mut nodes = 0usize;
    loop {
        let pos = reader.buffer_position();
        let (res, event) = reader
            .read_resolved_event()
            .map_err(|e| format!("XML error at byte {pos}: {e}"))?;
        let ns = resolved(res);
        match event {
            Event::Start(e) => {
                let el = element(&reader, ns, &e, pos, &mut nodes)?;
                if stack.len() >= MAX_DEPTH {
                    return Err(format!("XML nested deeper than {MAX_DEPTH}"));
                }
                stack.push(el);
            }
            Event::Empty(e) => {
                let el = element(&reader, ns, &e, pos, &mut nodes)?;
                attach(&mut stack, &mut root, el)?;
            }
            Event::End(_) => {
                let Some(el) = stack.pop() else {
                    return Err(format!("XML error at byte {pos}: unexpected end tag"));
                };
                attach(&mut stack, &mut root, el)?;
            }
            Event::Text(t) => push_text(&mut stack, &t.xml10_content(), &mut nodes)?,
            Event::CData(t) => push_text(&mut stack, &t.xml10_content(), &mut nodes)?,
            Event::GeneralRef(r) => {
                let ch = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => match quick_xml::escape::resolve_predefined_entity(&r) {
                        Some(s) => s.to_string(),
                        None => {
                            return Err(format!(
                                "XML error at byte {pos}: unknown entity &{};",
                                &*r
                            ))
                        }
                    },
                    Err(e) => return Err(format!("XML error at byte {pos}: {e}")),
                };
                push_text(&mut stack, &ch, &mut nodes)?;
            }
            Event::DocType(_) => {
                return Err("XML with a DOCTYPE is not a Word part".to_string());
            }
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
            Event::Eof => break,
        }
    }
    if !stack.is_empty() {
        return Err("XML ends before its elements are closed".to_string());
    }
    root.ok_or_else(|| "XML part without an element".to_string())
}

fn element(
    reader: &quick_xml::NsReader<&[u8]>,
    ns: Ns,
    e: &quick_xml::events::BytesStart<'_>,
    pos: u64,
    nodes: &mut usize,
) -> Result<Element, String> {
    *nodes += 1;
    if *nodes > MAX_NODES {
        return Err(format!("more than {MAX_NODES} XML elements"));
    }
    let mut el = Element {
        ns,
        name: e.local_name().as_ref().to_string(),
        attrs: Vec::new(),
        children: Vec::new(),
    };
    for a in e.attributes() {
        let a = a.map_err(|e| format!("XML attribute error at byte {pos}: {e}"))?;
        let key = a.key.as_ref();
        if key == "xmlns" || key.starts_with("xmlns:") {
            continue;
        }
        let (r, local) = reader.resolver().resolve_attribute(a.key);
        let value = a
            .normalized_value(XmlVersion::Implicit1_0)
            .map_err(|e| format!("XML attribute error at byte {pos}: {e}"))?;
        el.attrs.push(Attr {
            ns: resolved(r),
            name: local.as_ref().to_string(),
            value: value.into_owned(),
        });
    }
    Ok(el)
}

fn attach(stack: &mut [Element], root: &mut Option<Element>, el: Element) -> Result<(), String> {
    match stack.last_mut() {
        Some(parent) => parent.children.push(Node::Element(el)),
        None if root.is_none() => *root = Some(el),
        None => return Err("XML with two root elements".to_string()),
    }
    Ok(())
}

fn push_text(stack: &mut [Element], t: &str, nodes: &mut usize) -> Result<(), String> {
    let Some(parent) = stack.last_mut() else {
        if t.trim().is_empty() {
            return Ok(());
        }
        return Err("XML text outside the root element".to_string());
    };
    if let Some(Node::Text(prev)) = parent.children.last_mut() {
        prev.push_str(t);
        return Ok(());
    }
    *nodes += 1;
    if *nodes > MAX_NODES {
        return Err(format!("more than {MAX_NODES} XML nodes"));
    }
    parent.children.push(Node::Text(t.to_string()));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    #[test]
    fn resolves_namespaces_whatever_the_prefix() {
        let xml = format!(
            r#"<?xml version="1.0"?><x:document xmlns:x="{W}"><x:body><x:p><x:r><x:t xml:space="preserve">a &amp; b&#x4E00;</x:t></x:r></x:p><x:sz x:val="44"/></x:body></x:document>"#
        );
        let root = parse(&xml).unwrap();
        assert!(root.is(Ns::W, "document"));
        let body = root.child(Ns::W, "body").unwrap();
        assert_eq!(body.text(), "a & b一");
        assert_eq!(body.child(Ns::W, "sz").unwrap().val(), Some("44"));
    }

    #[test]
    fn malformed_xml_is_an_error_not_a_panic() {
        for bad in [
            "",
            "<a>",
            "<a></b>",
            "</a>",
            "<a/><b/>",
            "<a>&bogus;</a>",
            "<!DOCTYPE a [<!ENTITY x 'y'>]><a>&x;</a>",
            "<a b='1' b='2'/>",
            "<a>&#0;</a>",
            "text",
        ] {
            assert!(parse(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn depth_is_bounded() {
        let deep = "<a>".repeat(MAX_DEPTH + 5) + &"</a>".repeat(MAX_DEPTH + 5);
        assert!(parse(&deep).unwrap_err().contains("deeper"));
    }
}
