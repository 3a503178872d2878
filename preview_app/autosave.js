// Commit what a participant types while they type, so that nothing is lost when they close
// or reload the tab before leaving the field. Streamlit sends a text box's value on blur or
// Enter only; this blurs and refocuses the box (keeping the caret) after a pause in typing,
// and when the page is hidden or closed. Installed once per page by panel_ui.autosave().
(function () {
  const doc = window.parent.document;
  if (doc.__lkAutosave) return;
  doc.__lkAutosave = true;
  const PAUSE_MS = 700;
  const timers = new Map();
  const isAnswerBox = (el) =>
    el && (el.tagName === "TEXTAREA" || (el.tagName === "INPUT" && el.type === "text")) &&
    el.closest("[data-testid='stTextInput'], [data-testid='stTextArea']");
  const commit = (el) => {
    timers.delete(el);
    if (!el.isConnected) return;
    const focused = doc.activeElement === el;
    const start = el.selectionStart, end = el.selectionEnd;
    el.blur();
    if (focused) {
      el.focus({ preventScroll: true });
      try { el.setSelectionRange(start, end); } catch (e) { /* not a text box any more */ }
    }
  };
  doc.addEventListener("input", (event) => {
    const el = event.target;
    if (!isAnswerBox(el)) return;
    clearTimeout(timers.get(el));
    timers.set(el, setTimeout(() => commit(el), PAUSE_MS));
  }, true);
  const flush = () => {
    for (const [el, timer] of timers) { clearTimeout(timer); commit(el); }
  };
  window.parent.addEventListener("pagehide", flush);
  doc.addEventListener("visibilitychange", () => { if (doc.hidden) flush(); });
})();
