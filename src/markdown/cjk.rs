//! Character classes for Chinese typography, from the Unicode data that ICU ships.

use icu_properties::props::{
    EastAsianWidth, EmojiPresentation, GeneralCategory, GeneralCategoryGroup, Script,
};
use icu_properties::{CodePointMapData, CodePointSetData};

/// A "CJK character" of the CJK-friendly emphasis amendment: East Asian Width
/// W, F or H and not an emoji, or any Hangul. Covers 汉字, 全角标点 (，。、：（）《》【】〔〕)
/// and kana, but not the quotes “”‘’, … and —, whose width is ambiguous.
pub(super) fn is_cjk(c: char) -> bool {
    (is_wide(c) && !CodePointSetData::new::<EmojiPresentation>().contains(c)) || is_hangul(c)
}

/// Wide in East Asian text: the characters between which a line break shows no space
/// (CSS Text 3, segment break transformation). Korean separates words with spaces,
/// so Hangul is excluded.
pub(super) fn is_wide_non_hangul(c: char) -> bool {
    is_wide(c) && !is_hangul(c)
}

fn is_wide(c: char) -> bool {
    let width = CodePointMapData::<EastAsianWidth>::new().get(c);
    width == EastAsianWidth::Wide
        || width == EastAsianWidth::Fullwidth
        || width == EastAsianWidth::Halfwidth
}

fn is_hangul(c: char) -> bool {
    CodePointMapData::<Script>::new().get(c) == Script::Hangul
}

/// CommonMark's "Unicode punctuation character": general category P or S.
pub(super) fn is_punctuation(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_punctuation();
    }
    let category: GeneralCategory = CodePointMapData::<GeneralCategory>::new().get(c);
    GeneralCategoryGroup::Punctuation.contains(category)
        || GeneralCategoryGroup::Symbol.contains(category)
}

/// Variation selectors U+FE00–U+FE0E: they belong to the character before them.
pub(super) fn is_text_variation_selector(c: char) -> bool {
    ('\u{FE00}'..='\u{FE0E}').contains(&c)
}

/// Ideographic variation selectors (U+E0100–U+E01EF) follow a 汉字.
pub(super) fn is_ideographic_variation_selector(c: char) -> bool {
    ('\u{E0100}'..='\u{E01EF}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_characters_and_full_width_punctuation_are_cjk() {
        for c in "中文字，。、；：？！（）《》【】〔〕「」『』〈〉．％".chars()
        {
            assert!(is_cjk(c), "{c}");
        }
        for c in "a1 .,;:!?()*_\"'".chars() {
            assert!(!is_cjk(c), "{c}");
        }
    }

    #[test]
    fn ambiguous_width_quotes_and_dashes_are_not_cjk() {
        // The amendment leaves them to Latin text too; its rules still handle them next to 汉字.
        for c in "“”‘’…—·".chars() {
            assert!(!is_cjk(c), "{c}");
            assert!(is_punctuation(c), "{c}");
        }
    }

    #[test]
    fn emoji_are_not_cjk_and_hangul_is() {
        assert!(!is_cjk('😀'));
        assert!(is_cjk('한'));
        assert!(!is_wide_non_hangul('한'));
        assert!(is_wide_non_hangul('中'));
    }

    #[test]
    fn punctuation_covers_symbols_as_commonmark_0_31_does() {
        for c in "，。！“”（）《》¥$£€+<=>|~^".chars() {
            assert!(is_punctuation(c), "{c}");
        }
        for c in "中a1 \u{3000}".chars() {
            assert!(!is_punctuation(c), "{c}");
        }
    }
}
