// Regenerates cjk-friendly-reference.json: Markdown snippets and the HTML that the
// amendment's reference implementation (markdown-it-cjk-friendly, by the amendment's
// author) gives for them. Not run by CI; the output is committed.
//
//   cd "$(mktemp -d)" && npm install markdown-it@15 markdown-it-cjk-friendly@3
//   cp ZWGK/tests/data/make-cjk-reference.mjs . && node make-cjk-reference.mjs > ZWGK/tests/data/cjk-friendly-reference.json
import MarkdownIt from "markdown-it";
import cjkFriendly from "markdown-it-cjk-friendly";

const amended = MarkdownIt("commonmark").use(cjkFriendly);
const plain = MarkdownIt("commonmark");
const pieces = ["*", "**", "***", "_", "__", "中", "文", "。", "，", "、", "：", "“", "”", "‘", "’",
  "（", "）", "《", "》", "【", "】", "〔", "〕", "…", "—", "a", "x", "1", " ", "!", ".", "(", ")",
  "\\", "`", "한", "を", "\u{FE01}", "\u{E0100}", "😀"];

let state = 20240520n;
const next = () => {
  state ^= (state << 13n) & 0xffffffffffffffffn;
  state ^= state >> 7n;
  state ^= (state << 17n) & 0xffffffffffffffffn;
  return Number(state % 1000000n);
};

const differing = [], agreeing = [];
while (differing.length < 1000 || agreeing.length < 300) {
  const len = 2 + next() % 10;
  let md = "";
  for (let i = 0; i < len; i++) md += pieces[next() % pieces.length];
  md = md.trim();
  // Skip what is not a paragraph (list items, empty input).
  if (!md || /^[*_-]( |$)/.test(md) || !/[*_]/.test(md)) continue;
  const html = amended.render(md);
  const list = html === plain.render(md) ? agreeing : differing;
  if (list.length < (list === differing ? 1000 : 300)) list.push({ markdown: md, html });
}
console.log(JSON.stringify([...differing, ...agreeing], null, 1));
