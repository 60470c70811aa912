// Guided routine: the ordinary log form, shown one drill at a time, with a countdown for timed
// drills, a rep counter for sets × reps, quick pain buttons and a review before saving. Without
// this script the page is the plain log form and saves the same session.
// Tests speed the clock up with ?time_scale=0.01 (a 60 s hold then lasts 0.6 s).
(function () {
  "use strict";

  var form = document.querySelector("form[data-guided]");
  if (!form) return;

  var scale = parseFloat(new URLSearchParams(window.location.search).get("time_scale"));
  if (!(scale > 0 && scale <= 1)) scale = 1;

  var drills = Array.prototype.slice.call(form.querySelectorAll("[data-drill]"));
  var sessionCard = form.querySelector("[data-session-card]");
  var saveBar = form.querySelector(".sticky-save");
  var current = 0;
  var backToReview = false;  // set by a "Change" on the review: Next returns there

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function field(card, suffix) {
    return card.querySelector("[name='" + card.dataset.drill + "-" + suffix + "']");
  }

  function drillName(card) {
    return card.querySelector("h3").textContent.trim();
  }

  // Sound and vibration. The audio context is made on a tap, as phones require.
  var audio = null;
  function wakeAudio() {
    var Context = window.AudioContext || window.webkitAudioContext;
    try {
      if (!audio && Context) audio = new Context();
      if (audio && audio.state === "suspended") audio.resume();
    } catch (error) {
      audio = null;
    }
  }
  function beep(count) {
    if (!audio) return;
    for (var i = 0; i < count; i++) {
      var osc = audio.createOscillator();
      var gain = audio.createGain();
      var at = audio.currentTime + i * 0.3;
      osc.frequency.value = 880;
      gain.gain.setValueAtTime(0.25, at);
      osc.connect(gain);
      gain.connect(audio.destination);
      osc.start(at);
      osc.stop(at + 0.18);
    }
  }
  function buzz(pattern) {
    if (navigator.vibrate) navigator.vibrate(pattern);
  }

  // One polite live region tells screen-reader users what changed.
  var status = el("p", { class: "visually-hidden", role: "status", id: "guided-status" });
  function announce(text) {
    status.textContent = text;
  }

  // Where the athlete is.
  var position = el("p", { class: "small text-body-secondary mb-1", id: "guided-position" });
  var bar = el("progress", { max: String(drills.length + 1), value: "1", "aria-labelledby": "guided-position" });
  var header = el("div", { class: "guided-progress mb-3" });
  header.append(position, bar, status);
  form.prepend(header);

  // The review: a summary of every drill, then the session's own fields and Save.
  var review = el("section", { class: "card mb-3", "aria-labelledby": "review-heading", id: "guided-review" });
  var reviewBody = el("div", { class: "card-body" });
  var reviewHeading = el("h2", { class: "h5", id: "review-heading", tabindex: "-1" }, "Review and save");
  var summary = el("ul", { class: "list-unstyled guided-summary mb-0" });
  reviewBody.append(reviewHeading, summary);
  review.append(reviewBody);
  saveBar.before(review, sessionCard);
  form.querySelectorAll("[data-drills-heading], [data-drills-intro]").forEach(function (node) {
    node.classList.add("visually-hidden");
  });

  // Back, skip, next.
  var nav = el("div", { class: "guided-nav sticky-save py-2 d-flex gap-2" });
  var back = el("button", { type: "button", class: "btn btn-outline-secondary btn-lg" }, "Back");
  var skip = el("button", { type: "button", class: "btn btn-outline-secondary btn-lg" }, "Skip drill");
  var next = el("button", { type: "button", class: "btn btn-primary btn-lg flex-grow-1" }, "Next");
  nav.append(back, skip, next);
  saveBar.before(nav);

  function show(index, focus) {
    current = Math.max(0, Math.min(index, drills.length));
    var reviewing = current === drills.length;
    if (reviewing) backToReview = false;
    drills.forEach(function (card, i) { card.hidden = i !== current; });
    review.hidden = sessionCard.hidden = saveBar.hidden = !reviewing;
    nav.hidden = reviewing;  // on the review, each drill's "Change" goes back to it
    back.disabled = current === 0;
    bar.value = current + 1;
    if (reviewing) {
      buildSummary();
      position.textContent = "Review: step " + (current + 1) + " of " + (drills.length + 1);
    } else {
      next.textContent = backToReview ? "Back to review"
        : current === drills.length - 1 ? "Review" : "Next drill";
      position.textContent = "Drill " + (current + 1) + " of " + drills.length;
    }
    if (focus) {
      var heading = reviewing ? reviewHeading : drills[current].querySelector("h3");
      heading.setAttribute("tabindex", "-1");
      heading.focus();
      window.scrollTo(0, 0);
      announce(position.textContent + ": " + heading.textContent.trim());
    }
  }

  back.addEventListener("click", function () { stopTimer(); show(current - 1, true); });
  function forward() {
    stopTimer();
    show(backToReview ? drills.length : current + 1, true);
  }
  next.addEventListener("click", forward);
  skip.addEventListener("click", function () {
    var done = field(drills[current], "done");
    if (done) done.checked = false;
    forward();
  });

  // Enter in a field moves on instead of saving half a routine; Save only works on the review.
  form.addEventListener("keydown", function (event) {
    var tag = event.target.tagName;
    if (event.key === "Enter" && tag === "INPUT" && current < drills.length) {
      event.preventDefault();
      forward();
    }
  });
  form.addEventListener("submit", function (event) {
    if (current < drills.length) {
      event.preventDefault();
      event.stopImmediatePropagation();
      show(drills.length, true);
    }
  }, true);

  // The summary shown on the review.
  function painText(card) {
    var parts = [];
    [["pain", ""], ["pain_left", "left "], ["pain_right", "right "]].forEach(function (pair) {
      var select = field(card, pair[0]);
      if (select && select.value !== "") parts.push(pair[1] + select.value + "/10");
    });
    return parts.length ? "pain " + parts.join(", ") : "pain not rated";
  }
  function buildSummary() {
    summary.textContent = "";
    drills.forEach(function (card, i) {
      var done = field(card, "done");
      var item = el("li", { class: "d-flex justify-content-between align-items-start gap-2 py-2 border-bottom" });
      var text = el("div");
      text.append(el("strong", {}, drillName(card)));
      var facts = [];
      if (done && !done.checked) {
        facts.push("skipped");
      } else {
        facts.push(painText(card));
        var sets = field(card, "sets_done"), reps = field(card, "reps_done");
        if (sets && sets.value) facts.push(sets.value + " × " + (reps.value || "?"));
        var seconds = field(card, "duration_seconds");
        if (seconds && seconds.value) facts.push(seconds.value + " s");
        ["wall_distance_left_cm", "wall_distance_right_cm"].forEach(function (name, side) {
          var input = field(card, name);
          if (input && input.value) facts.push(input.value + " cm " + (side ? "right" : "left"));
        });
        var spots = Array.prototype.map.call(
          card.querySelectorAll("[name$='-tight_spots']:checked"),
          function (box) { return card.querySelector("label[for='" + box.id + "']").textContent.trim(); }
        );
        var other = field(card, "tight_spot_other");
        if (other && other.value.trim()) spots.push(other.value.trim());
        if (spots.length) facts.push("tight: " + spots.join(", "));
      }
      text.append(el("div", { class: "small" }, facts.join(" · ")));
      var change = el("button", { type: "button", class: "btn btn-link btn-sm" }, "Change");
      change.setAttribute("aria-label", "Change " + drillName(card));
      change.addEventListener("click", function () {
        backToReview = true;
        show(i, true);
      });
      item.append(text, change);
      summary.append(item);
    });
  }

  // Countdown for timed drills; only one runs at a time.
  var running = null;
  function clock(seconds) {
    var s = Math.max(0, seconds);
    return Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
  }
  function addSeconds(card, seconds) {
    var input = field(card, "duration_seconds");
    if (!input || seconds <= 0) return;
    input.value = (parseInt(input.value, 10) || 0) + seconds;
  }
  function stopTimer() {
    if (!running) return;
    var timer = running;
    running = null;
    clearInterval(timer.interval);
    var elapsed = Math.min(timer.seconds, Math.round((performance.now() - timer.started) / (1000 * scale)));
    addSeconds(timer.card, elapsed);
    timer.display.textContent = clock(timer.seconds);
    timer.stop.hidden = true;
    announce("Timer stopped after " + elapsed + " seconds.");
  }
  function startTimer(card, box, seconds) {
    stopTimer();
    wakeAudio();
    var display = box.querySelector(".timer-display");
    var stop = box.querySelector("[data-stop]");
    running = { card: card, seconds: seconds, started: performance.now(), display: display, stop: stop };
    stop.hidden = false;
    display.textContent = clock(seconds);
    announce("Timer started: " + seconds + " seconds.");
    var timer = running;
    timer.interval = setInterval(function () {
      var elapsed = (performance.now() - timer.started) / (1000 * scale);
      display.textContent = clock(Math.ceil(seconds - elapsed));
      if (elapsed < seconds) return;
      clearInterval(timer.interval);
      running = null;
      stop.hidden = true;
      addSeconds(card, seconds);
      display.textContent = "Time!";
      box.dataset.finished = String((parseInt(box.dataset.finished, 10) || 0) + 1);
      beep(3);
      buzz([300, 150, 300]);
      announce("Time: " + seconds + " seconds done.");
    }, Math.max(10, 200 * scale));
  }
  function durationLabel(seconds) {
    return seconds % 60 === 0 ? seconds / 60 + " min" : seconds + " s";
  }
  function addTimer(card, body) {
    var low = parseInt(card.dataset.holdMin, 10), high = parseInt(card.dataset.holdMax, 10);
    var box = el("div", { class: "guided-timer mb-3", "data-timer": "" });
    box.append(el("div", { class: "timer-display", role: "timer", "aria-live": "off" }, clock(high)));
    var buttons = el("div", { class: "d-flex flex-wrap gap-2" });
    (low && low !== high ? [low, high] : [high]).forEach(function (seconds) {
      var start = el("button", { type: "button", class: "btn btn-primary", "data-seconds": seconds },
        "Start " + durationLabel(seconds));
      start.addEventListener("click", function () { startTimer(card, box, seconds); });
      buttons.append(start);
    });
    var stop = el("button", { type: "button", class: "btn btn-outline-secondary", "data-stop": "" }, "Stop");
    stop.hidden = true;
    stop.addEventListener("click", stopTimer);
    buttons.append(stop);
    box.append(buttons);
    body.prepend(box);
  }

  // Rep counter for sets × reps drills: fills "sets" once a set is complete.
  function addCounter(card, body) {
    var sets = parseInt(card.dataset.sets, 10), reps = parseInt(card.dataset.reps, 10);
    var count = 0;
    var box = el("div", { class: "rep-counter mb-3", "data-counter": "" });
    var label = el("p", { class: "mb-2 fw-semibold", "aria-live": "polite" });
    var tap = el("button", { type: "button", class: "btn btn-primary btn-lg rep-tap" });
    var undo = el("button", { type: "button", class: "btn btn-outline-secondary" }, "Undo");
    function render() {
      var setsDone = Math.floor(count / reps);
      var finished = setsDone >= sets;
      label.textContent = finished
        ? "All " + sets + " sets done"
        : "Set " + (setsDone + 1) + " of " + sets + ": " + (count % reps) + " of " + reps + " reps";
      tap.textContent = finished ? "Done" : "+1 rep";
      tap.disabled = finished;
      undo.disabled = count === 0;
      if (setsDone > 0) {
        field(card, "sets_done").value = setsDone;
        field(card, "reps_done").value = reps;
      }
    }
    tap.addEventListener("click", function () {
      wakeAudio();
      count += 1;
      if (count % reps === 0) {
        beep(count / reps >= sets ? 3 : 1);
        buzz(200);
      }
      render();
    });
    undo.addEventListener("click", function () { count = Math.max(0, count - 1); render(); });
    var row = el("div", { class: "d-flex gap-2" });
    row.append(tap, undo);
    box.append(label, row);
    body.prepend(box);
    render();
  }

  // Pain as a row of buttons, 0–10, over the select it fills in.
  function addPainButtons(select) {
    var label = form.querySelector("label[for='" + select.id + "']");
    label.id = label.id || select.id + "-label";
    var group = el("div", { class: "pain-buttons", role: "group", "aria-labelledby": label.id });
    for (var score = 0; score <= 10; score++) {
      var button = el("button", {
        type: "button",
        class: "btn btn-outline-secondary pain-button",
        "aria-pressed": String(select.value === String(score)),
        "data-value": String(score),
      }, String(score));
      group.append(button);
    }
    group.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button) return;
      var value = button.dataset.value;
      select.value = select.value === value ? "" : value;  // a second tap clears it
      group.querySelectorAll("button").forEach(function (other) {
        other.setAttribute("aria-pressed", String(other.dataset.value === select.value));
      });
    });
    select.hidden = true;
    select.after(group);
  }

  drills.forEach(function (card) {
    var body = card.querySelector(".card-body");
    var tools = el("div", { class: "guided-tools" });
    var instructions = body.querySelector(".guided-instructions");
    if (instructions) instructions.after(tools); else body.prepend(tools);
    if (card.dataset.holdMax && field(card, "duration_seconds")) addTimer(card, tools);
    if (card.dataset.sets && field(card, "sets_done")) addCounter(card, tools);
    card.querySelectorAll("select[name$='-pain'], select[name$='-pain_left'], select[name$='-pain_right']")
      .forEach(addPainButtons);
  });

  form.classList.add("guided");
  var fallback = document.querySelector("[data-guided-fallback]");
  if (fallback) fallback.remove();
  // After a refused save, open where the first problem is; otherwise start at the first drill.
  var invalid = form.querySelector(".is-invalid, .border-danger");
  var start = 0;
  if (document.getElementById("form-errors")) start = drills.length;
  if (invalid) {
    var card = invalid.closest("[data-drill]");
    start = card ? drills.indexOf(card) : drills.length;
  }
  show(start, false);
})();
