// Highlight the sentence being read aloud: the audio player's time against the cues
// (window.lkCues: [start, end] seconds per sentence) set by panel_ui.listen().
(function () {
  const cues = window.lkCues || [];
  const attach = (audio) => {
    if (audio.__lkListen) return;
    audio.__lkListen = true;
    let shown = -1;
    audio.addEventListener("timeupdate", () => {
      const t = audio.currentTime;
      let now = -1;
      for (let i = 0; i < cues.length; i++) {
        if (t >= cues[i][0] && t < cues[i][1] + 0.35) { now = i; break; }
      }
      if (now === shown) return;
      document.querySelectorAll(".lk-read.lk-now").forEach((el) => el.classList.remove("lk-now"));
      shown = now;
      if (now < 0) return;
      const spans = document.querySelectorAll('.lk-read[data-cue="' + now + '"]');
      spans.forEach((el) => el.classList.add("lk-now"));
      if (spans.length && !audio.paused) spans[0].scrollIntoView({ block: "nearest" });
    });
  };
  const poll = setInterval(() => {
    const audio = document.querySelector("audio");
    if (audio) { clearInterval(poll); attach(audio); }
  }, 200);
  setTimeout(() => clearInterval(poll), 30000);
})();
