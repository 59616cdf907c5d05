//! How the portal looks and identifies itself: `[appearance]` and `[footer]` in
//! site.toml. Colours are checked here, so a bad value is a config error with its
//! line and a fix, never broken CSS or unreadable text.

use crate::diagnostics::{Diagnostic, Diagnostics};
use serde::{Deserialize, Serialize};
use std::path::Path;
use toml::Spanned;

/// The default theme's colours: a government red header and dark-blue links.
pub const DEFAULT_PRIMARY: &str = "#b0191e";
pub const DEFAULT_ACCENT: &str = "#0a4ea8";

/// The contrast WCAG 2 (and the 适老化 rules) require for normal text.
const MIN_CONTRAST: f64 = 4.5;

const WHITE: Rgb = Rgb(0xff, 0xff, 0xff);
/// The theme's lightest grey (`--soft`), behind links in boxes, striped rows and the footer.
const SOFT_GREY: Rgb = Rgb(0xf4, 0xf5, 0xf7);

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Appearance {
    /// A shorter name for narrow screens; defaults to the title.
    #[serde(default)]
    pub short_name: String,
    /// An image under the site's static/ folder, shown before the name.
    #[serde(default)]
    pub logo: Option<Spanned<String>>,
    /// Background of the header, with white text on it.
    #[serde(default)]
    pub primary_color: Option<Spanned<String>>,
    /// Links and highlights, on white.
    #[serde(default)]
    pub accent_color: Option<Spanned<String>>,
}

/// The identification every government site shows at the foot of its pages.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Footer {
    /// 主办单位
    #[serde(default)]
    pub sponsor: String,
    /// 网站标识码 (also the page's SiteIDCode metadata)
    #[serde(default)]
    pub site_code: String,
    /// ICP备案号
    #[serde(default)]
    pub icp: String,
    /// 公安机关备案号
    #[serde(default)]
    pub police: String,
    /// Any further lines, shown as written.
    #[serde(default)]
    pub lines: Vec<String>,
    /// 党政机关网站标识: the image the office was given, under the site's static/ folder.
    #[serde(default)]
    pub mark: Option<Spanned<String>>,
    /// Where the mark links to (its registration record), an http(s) address.
    #[serde(default)]
    pub mark_url: Option<Spanned<String>>,
    /// 我为政府网站找错: the link to the error-reporting service.
    #[serde(default)]
    pub report_error: Option<Spanned<String>>,
    /// 网站地图: a page of the portal (a path relative to it) or an http(s) address.
    #[serde(default)]
    pub sitemap: Option<Spanned<String>>,
    /// 联系我们: a page of the portal, an http(s) address or `mailto:`.
    #[serde(default)]
    pub contact: Option<Spanned<String>>,
}

/// What a footer link may be: an http(s) address with a host, or a path inside the
/// portal (no scheme, not starting with `/`, no `..`: the portal may live under a
/// sub-path), and for `contact` also `mailto:`.
pub fn footer_link_ok(key: &str, value: &str) -> bool {
    let v = value.trim();
    if v.is_empty() || v.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return false;
    }
    let lower = v.to_ascii_lowercase();
    if let Some(rest) = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
    {
        return !rest.is_empty() && !rest.starts_with('/');
    }
    if key == "contact" && lower.starts_with("mailto:") && v.len() > 7 {
        return true;
    }
    !v.contains(':') && !v.starts_with('/') && !v.split(['/', '\\']).any(|s| s == "..")
}

impl Footer {
    /// Problems with the footer's links and mark, each at its line in `text`.
    pub fn check(&self, text: &str, root: Option<&Path>) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        if let Some(mark) = &self.mark {
            if let Some(d) = check_image(text, mark, root, "mark", "config/footer-mark") {
                out.push(d);
            }
        }
        let links = [
            ("mark_url", &self.mark_url),
            ("report_error", &self.report_error),
            ("sitemap", &self.sitemap),
            ("contact", &self.contact),
        ];
        for (key, value) in links {
            let Some(value) = value else { continue };
            if footer_link_ok(key, value.get_ref()) {
                continue;
            }
            let raw = value.get_ref();
            out.push(
                at(text, value, "config/footer-link")
                    .msg(
                        format!("[footer] {key} = \"{raw}\" 不是可用的链接：应是 https:// 或 http:// 开头的网址，或本网站内的相对路径{}", if key == "contact" { "，或 mailto: 邮箱" } else { "" }),
                        format!("[footer] {key} = \"{raw}\" is no usable link: write an https:// or http:// address, or a path inside the portal{}", if key == "contact" { ", or mailto:" } else { "" }),
                    )
                    .fix(
                        format!("例如 {key} = \"https://www.example.gov.cn/…\"；站内页面写相对路径，如 \"guide/index.html\"（不以 / 开头）"),
                        format!("e.g. {key} = \"https://www.example.gov.cn/…\"; a page of the portal as a relative path such as \"guide/index.html\" (not starting with /)"),
                    ),
            );
        }
        out
    }
}

/// A colour as `#rrggbb`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#rgb` or `#rrggbb`, case-insensitive.
    pub fn parse(s: &str) -> Option<Rgb> {
        let hex = s.trim().strip_prefix('#')?;
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let digit = |i: usize| u8::from_str_radix(&hex[i..i + 1], 16).ok();
        let pair = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
        match hex.len() {
            3 => Some(Rgb(digit(0)? * 17, digit(1)? * 17, digit(2)? * 17)),
            6 => Some(Rgb(pair(0)?, pair(2)?, pair(4)?)),
            _ => None,
        }
    }

    /// Relative luminance (WCAG 2).
    fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }

    /// Contrast ratio with another colour (WCAG 2), from 1 to 21.
    pub fn contrast(self, other: Rgb) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    /// The same hue, darker by `factor` (0..1): for the navigation bar under the header.
    pub fn darker(self, factor: f64) -> Rgb {
        let f = |c: u8| (f64::from(c) * (1.0 - factor)).round() as u8;
        Rgb(f(self.0), f(self.1), f(self.2))
    }

    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

impl Appearance {
    pub fn primary(&self) -> Rgb {
        color_or(&self.primary_color, DEFAULT_PRIMARY)
    }

    pub fn accent(&self) -> Rgb {
        color_or(&self.accent_color, DEFAULT_ACCENT)
    }

    /// The colours as CSS custom properties, for a `<style>` in every page's head.
    pub fn css_variables(&self) -> String {
        let primary = self.primary();
        format!(
            ":root{{--primary:{};--primary-dark:{};--accent:{}}}",
            primary.hex(),
            primary.darker(0.2).hex(),
            self.accent().hex()
        )
    }

    /// Problems with the values, each at its line in `text` (the site.toml source).
    /// With the site's `root`, the logo must also exist under static/.
    pub fn check(&self, text: &str, root: Option<&Path>) -> Diagnostics {
        let mut out = Vec::new();
        let colors = [
            ColorRule {
                key: "primary_color",
                default: DEFAULT_PRIMARY,
                background: WHITE,
                role_zh: "页眉底色（上面是白字）",
            },
            ColorRule {
                key: "accent_color",
                default: DEFAULT_ACCENT,
                background: SOFT_GREY,
                role_zh: "链接颜色（在白色和浅灰底色上）",
            },
        ];
        for (rule, value) in colors.iter().zip([&self.primary_color, &self.accent_color]) {
            if let Some(d) = value.as_ref().and_then(|v| rule.check(text, v)) {
                out.push(d);
            }
        }
        if let Some(logo) = &self.logo {
            if let Some(d) = check_image(text, logo, root, "logo", "config/logo") {
                out.push(d);
            }
        }
        out.into()
    }
}

fn color_or(value: &Option<Spanned<String>>, default: &str) -> Rgb {
    value
        .as_ref()
        .and_then(|v| Rgb::parse(v.get_ref()))
        .or_else(|| Rgb::parse(default))
        .expect("default colours parse")
}

fn at(text: &str, value: &Spanned<impl Sized>, rule: &'static str) -> Diagnostic {
    let (line, column) = crate::util::text::line_col(text, value.span().start);
    Diagnostic::error(rule, crate::layout::CONFIG_FILE).at_column(line, column)
}

/// What a colour setting is for, and what it must be readable against.
struct ColorRule {
    key: &'static str,
    default: &'static str,
    background: Rgb,
    role_zh: &'static str,
}

impl ColorRule {
    fn check(&self, text: &str, value: &Spanned<String>) -> Option<Diagnostic> {
        let (key, default, raw) = (self.key, self.default, value.get_ref());
        let Some(rgb) = Rgb::parse(raw) else {
            return Some(
                at(text, value, "config/color")
                    .msg(
                        format!("{key} 的值“{raw}”不是颜色，应写成 # 加 6 位十六进制数"),
                        format!("{key} = \"{raw}\" is not a colour; write # and 6 hex digits"),
                    )
                    .fix(
                        format!("例如 {key} = \"{default}\""),
                        format!("for example {key} = \"{default}\""),
                    ),
            );
        };
        let ratio = rgb.contrast(self.background);
        if ratio >= MIN_CONTRAST {
            return None;
        }
        let suggestion = readable_shade(rgb, self.background).hex();
        Some(
            at(text, value, "config/color-contrast")
                .msg(
                    format!(
                        "{key} = \"{raw}\" 作为{}太浅：对比度只有 {ratio:.1}:1，\
                         老年人和视力不好的读者看不清（至少需要 {MIN_CONTRAST}:1）",
                        self.role_zh
                    ),
                    format!(
                        "{key} = \"{raw}\" is too light: its contrast is {ratio:.1}:1, \
                         below the {MIN_CONTRAST}:1 readers need"
                    ),
                )
                .fix(
                    format!("换一个更深的颜色，例如 {key} = \"{suggestion}\" 或默认的 \"{default}\""),
                    format!(
                        "choose a darker colour, e.g. {key} = \"{suggestion}\" or the default \"{default}\""
                    ),
                ),
        )
    }
}

/// The lightest shade of `rgb` readable on `background`, as a suggestion.
fn readable_shade(rgb: Rgb, background: Rgb) -> Rgb {
    (1..=20)
        .map(|i| rgb.darker(f64::from(i) * 0.05))
        .find(|c| c.contrast(background) >= MIN_CONTRAST)
        .unwrap_or(Rgb(0, 0, 0))
}

/// An image setting (`logo`, `[footer] mark`): a file under the site's static/ folder.
fn check_image(
    text: &str,
    logo: &Spanned<String>,
    root: Option<&Path>,
    key: &str,
    rule: &'static str,
) -> Option<Diagnostic> {
    let path = logo.get_ref();
    let external = path.contains("://") || path.starts_with("//") || path.starts_with("data:");
    let escapes = path.starts_with('/') || path.split(['/', '\\']).any(|s| s == "..");
    if path.is_empty() || external || escapes {
        return Some(
            at(text, logo, rule)
                .msg(
                    format!("{key} “{path}” 必须是站点 static/ 文件夹中的图片"),
                    format!("{key} \"{path}\" must be an image in the site's static/ folder"),
                )
                .fix(
                    format!("把图片放到 static/ 下，例如 static/{key}.png，然后写 {key} = \"{key}.png\"（网页不得引用外部地址）"),
                    format!("put the image under static/, e.g. static/{key}.png, and write {key} = \"{key}.png\" (pages load nothing from other sites)"),
                ),
        );
    }
    let missing = root.is_some_and(|r| !r.join(crate::layout::STATIC_DIR).join(path).is_file());
    if missing {
        return Some(
            at(text, logo, rule)
                .msg(
                    format!("找不到 {key} 图片 static/{path}"),
                    format!("{key} image static/{path} not found"),
                )
                .fix(
                    format!("把图片放到 static/{path}，或改正 {key} 的路径"),
                    format!("put the image at static/{path} or correct the {key} path"),
                ),
        );
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn footer_links_are_web_addresses_or_paths_inside_the_portal() {
        for ok in [
            "https://zfwzzc.www.gov.cn/",
            "http://x.gov.cn/a?b=1",
            "guide/index.html#office",
            "sitemap.html",
        ] {
            assert!(footer_link_ok("sitemap", ok), "{ok}");
        }
        assert!(footer_link_ok("contact", "mailto:xxgk@example.gov.cn"));
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "/sitemap.html",
            "//evil.example/",
            "../x.html",
            "https://",
            "",
            "mailto:x@y",
            "data:text/html,x",
        ] {
            assert!(!footer_link_ok("report_error", bad), "{bad}");
        }
    }

    #[test]
    fn a_bad_footer_link_or_mark_is_an_error_at_its_line() {
        let text = "[footer]\nsitemap = \"sitemap.html\"\nreport_error = \"javascript:alert(1)\"\nmark = \"https://x/dzjg.png\"\n";
        #[derive(Deserialize)]
        struct Site {
            footer: Footer,
        }
        let footer = toml::from_str::<Site>(text).unwrap().footer;
        let found: Vec<(&str, Option<usize>)> = footer
            .check(text, None)
            .iter()
            .map(|d| (d.rule, d.line))
            .collect();
        assert_eq!(
            found,
            [
                ("config/footer-mark", Some(4)),
                ("config/footer-link", Some(3))
            ]
        );
        let good = "[footer]\ncontact = \"mailto:a@b.cn\"\nmark = \"dzjg.png\"\n";
        let footer = toml::from_str::<Site>(good).unwrap().footer;
        assert!(footer.check(good, None).is_empty());
    }

    #[test]
    fn parses_short_and_long_hex() {
        assert_eq!(Rgb::parse("#B0191E"), Some(Rgb(0xb0, 0x19, 0x1e)));
        assert_eq!(Rgb::parse("#abc"), Some(Rgb(0xaa, 0xbb, 0xcc)));
        assert_eq!(Rgb::parse("red"), None);
        assert_eq!(Rgb::parse("#12345"), None);
        assert_eq!(Rgb::parse("#ggg"), None);
        assert_eq!(Rgb::parse("#1234５"), None);
    }

    #[test]
    fn contrast_matches_wcag() {
        assert!((Rgb(0, 0, 0).contrast(WHITE) - 21.0).abs() < 0.01);
        assert!((WHITE.contrast(Rgb(0, 0, 0)) - 21.0).abs() < 0.01);
        assert!((WHITE.contrast(WHITE) - 1.0).abs() < 0.01);
        // #767676 is the well-known lightest grey that passes 4.5:1 on white
        assert!(Rgb::parse("#767676").unwrap().contrast(WHITE) >= 4.5);
        assert!(Rgb::parse("#777777").unwrap().contrast(WHITE) < 4.5);
    }

    #[test]
    fn default_colours_are_readable() {
        let a = Appearance::default();
        assert!(a.primary().contrast(WHITE) >= MIN_CONTRAST);
        assert!(a.accent().contrast(SOFT_GREY) >= MIN_CONTRAST);
        assert_eq!(
            a.css_variables(),
            ":root{--primary:#b0191e;--primary-dark:#8d1418;--accent:#0a4ea8}"
        );
    }

    #[test]
    fn links_must_be_readable_on_the_grey_boxes_too() {
        let text = "title = \"t\"\nbase_url = \"https://x.gov.cn/\"\n[appearance]\naccent_color = \"#767676\"\n";
        let err = crate::config::SiteConfig::parse(text).unwrap_err();
        assert_eq!(err[0].rule, "config/color-contrast");
        assert_eq!((err[0].line, err[0].column), (Some(4), Some(16)));
        let ok = text.replace("#767676", "#595959");
        assert!(crate::config::SiteConfig::parse(&ok).is_ok());
    }

    #[test]
    fn suggestion_for_a_light_colour_is_readable() {
        let light = Rgb::parse("#ff9999").unwrap();
        assert!(readable_shade(light, SOFT_GREY).contrast(SOFT_GREY) >= MIN_CONTRAST);
    }
}
