// Reading aids of the default theme: text size (大/中/小), high contrast, read
// aloud and print. Loaded in <head> so the saved text size and contrast apply
// before the first paint; without JavaScript the page shows at the default size
// and the buttons stay hidden.
(function () {
  "use strict";
  var root = document.documentElement;
  var SIZE = "zwgk-font-size", CONTRAST = "zwgk-contrast";

  function load(key) {
    try { return localStorage.getItem(key); } catch (e) { return null; }
  }
  function save(key, value) {
    try { localStorage.setItem(key, value); } catch (e) { /* private mode: not remembered */ }
  }
  function apply() {
    root.classList.add("js");
    root.classList.toggle("fs-s", size === "s");
    root.classList.toggle("fs-l", size === "l");
    root.classList.toggle("hc", contrast === "high");
  }

  var size = load(SIZE);
  if (size !== "s" && size !== "l") size = "m";
  var contrast = load(CONTRAST) === "high" ? "high" : "normal";
  apply();

  function press(buttons, isOn) {
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute("aria-pressed", String(isOn(buttons[i])));
    }
  }

  function setUpTools() {
    var sizeButtons = document.querySelectorAll("[data-font-size]");
    var contrastButtons = document.querySelectorAll("[data-contrast]");
    var careButtons = document.querySelectorAll("[data-care]");
    function refresh() {
      press(sizeButtons, function (b) { return b.getAttribute("data-font-size") === size; });
      press(contrastButtons, function () { return contrast === "high"; });
      press(careButtons, function () { return size === "l" && contrast === "high"; });
    }
    // 长辈模式（关怀版）: large text and high contrast together, and back.
    for (var c = 0; c < careButtons.length; c++) {
      careButtons[c].addEventListener("click", function () {
        var on = !(size === "l" && contrast === "high");
        size = on ? "l" : "m";
        contrast = on ? "high" : "normal";
        save(SIZE, size);
        save(CONTRAST, contrast);
        apply();
        refresh();
      });
    }
    for (var i = 0; i < sizeButtons.length; i++) {
      sizeButtons[i].addEventListener("click", function () {
        size = this.getAttribute("data-font-size");
        save(SIZE, size);
        apply();
        refresh();
      });
    }
    for (var j = 0; j < contrastButtons.length; j++) {
      contrastButtons[j].addEventListener("click", function () {
        contrast = contrast === "high" ? "normal" : "high";
        save(CONTRAST, contrast);
        apply();
        refresh();
      });
    }
    refresh();
    var print = document.querySelector("[data-print]");
    if (print) print.addEventListener("click", function () { window.print(); });
    setUpReadAloud();
    setUpMeta();
  }

  // A document's metadata folds on a phone; it unfolds to print.
  function setUpMeta() {
    var boxes = document.querySelectorAll("details.doc-meta-box");
    if (!boxes.length) return;
    if (window.matchMedia && window.matchMedia("(max-width: 30em)").matches) {
      for (var i = 0; i < boxes.length; i++) boxes[i].open = false;
    }
    window.addEventListener("beforeprint", function () {
      for (var i = 0; i < boxes.length; i++) boxes[i].open = true;
    });
  }

  // Read aloud with the browser's speech synthesis, in short pieces: some
  // browsers stop a single long utterance after about 15 seconds.
  function setUpReadAloud() {
    var button = document.querySelector("[data-read-aloud]");
    var synth = window.speechSynthesis;
    if (!button || !synth || typeof SpeechSynthesisUtterance === "undefined") return;
    var label = button.textContent, stopLabel = button.getAttribute("data-stop-label");
    var run = 0; // handlers of a stopped reading must not touch a newer one
    function show(on) {
      button.textContent = on ? stopLabel : label;
      button.classList.toggle("speaking", on);
    }
    function voice() {
      var voices = synth.getVoices();
      for (var i = 0; i < voices.length; i++) {
        if (/^zh[-_]CN/i.test(voices[i].lang)) return voices[i];
      }
      return null;
    }
    function pieces(text) {
      var out = [], parts = text.replace(/\s+/g, " ").match(/[^。！？；!?;]+[。！？；!?;]*/g) || [];
      for (var i = 0; i < parts.length; i++) {
        var p = parts[i].trim();
        while (p.length > 120) { out.push(p.slice(0, 120)); p = p.slice(120); }
        if (p) out.push(p);
      }
      return out;
    }
    button.addEventListener("click", function () {
      var speaking = button.classList.contains("speaking");
      synth.cancel();
      run++;
      show(false);
      if (speaking) return;
      var text = "", parts = document.querySelectorAll(button.getAttribute("data-read-aloud"));
      for (var i = 0; i < parts.length; i++) text += parts[i].innerText + "。";
      var list = pieces(text), v = voice(), mine = run;
      var done = function () { if (run === mine) show(false); };
      for (var n = 0; n < list.length; n++) {
        var u = new SpeechSynthesisUtterance(list[n]);
        u.lang = "zh-CN";
        if (v) u.voice = v;
        u.onerror = done;
        if (n === list.length - 1) u.onend = done;
        synth.speak(u);
      }
      if (list.length) show(true);
    });
    window.addEventListener("pagehide", function () { synth.cancel(); });
    button.hidden = false;
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpTools);
  } else {
    setUpTools();
  }
})();
