//! Any text as a document body: rendering, the plain text for search and the
//! summary never panic (and, under libFuzzer's -timeout, never hang: heading
//! ids and tables are linear); and its tables parsed a few rows at a time, as a big
//! text's are, give the events of a whole parse.
//!
//! Run: `cargo +nightly fuzz run markdown` (see .ci/run for the bounded run).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(body) = std::str::from_utf8(data) else {
        return;
    };
    let _ = zwgk::markdown::render(body, &Default::default(), &|_| {
        zwgk::markdown::Target::AsWritten
    });
    let _ = zwgk::markdown::plain_text(body);
    let _ = zwgk::markdown::summarize(body, 120);
    let rows = 1 + data.first().map_or(0, |b| usize::from(b % 4));
    assert!(
        zwgk::markdown::chunked_is_whole(body, rows),
        "chunked tables parse otherwise than the whole text"
    );
});
