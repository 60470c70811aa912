// Guided routine: the ordinary log form, shown one drill at a time, following each drill's
// prescription. Its parts and sides come from the form's own rows (data-part-name, data-side,
// data-sets, data-reps, data-hold-*): a rep counter that names what is being done ("Knee bent,
// set 2 of 3", "Now the left foot") with "+1 rep" and "Set done", a countdown that says
// "switch feet" half way through a per-side hold, and a review of every value to be saved.
// Without this script the page is the plain log form and saves the same session.
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
  var SIDE_NAMES = { left: "left", right: "right", both: "" };

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function field(card, suffix) {
    return card.querySelector("[name='" + card.dataset.drill + "-" + suffix + "']");
  }

  function rowField(row, measure) {
    return row.querySelector("input[name$='_" + measure + "']");
  }

  function drillName(card) {
    return card.querySelector("h3").textContent.trim();
  }

  function capital(text) {
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  // The part rows this drill is done with: for heel drops, those of the variant chosen.
  function activeRows(card) {
    return Array.prototype.filter.call(card.querySelectorAll(".part-row"), function (row) {
      return !row.hidden;
    });
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

  // The review: every value that will be saved, then the session's own fields and Save.
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

  // The review: the variant, each part on each side, pain, measures, tight spots, notes.
  function checkedLabel(card, input) {
    var label = card.querySelector("label[for='" + input.id + "']");
    return label ? label.textContent.trim() : input.value;
  }
  function painText(card) {
    var parts = [];
    [["pain", ""], ["pain_left", "left "], ["pain_right", "right "]].forEach(function (pair) {
      var chosen = card.querySelector("input[name='" + card.dataset.drill + "-" + pair[0] + "']:checked");
      if (chosen && chosen.value !== "") parts.push(pair[1] + chosen.value + "/10");
    });
    return parts.length ? "pain " + parts.join(", ") : "pain not rated";
  }
  function rowText(row) {
    var label = row.querySelector(".part-label").firstChild.textContent.trim();
    var seconds = rowField(row, "seconds");
    if (seconds) return label + " " + (seconds.value || "–") + " s";
    var sets = rowField(row, "sets"), reps = rowField(row, "reps");
    if (!sets.value && !reps.value) return label + " –";
    return label + " " + (sets.value || "?") + " × " + (reps.value || "?");
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
        var variant = card.querySelector("input[data-per-side]:checked");
        if (variant) facts.push(checkedLabel(card, variant));
        activeRows(card).forEach(function (row) { facts.push(rowText(row)); });
        facts.push(painText(card));
        ["wall_distance_left_cm", "wall_distance_right_cm"].forEach(function (name, side) {
          var input = field(card, name);
          if (input && input.value) facts.push(input.value + " cm " + (side ? "right" : "left"));
        });
        var spots = Array.prototype.map.call(
          card.querySelectorAll("[name$='-tight_spots']:checked"),
          function (box) { return checkedLabel(card, box); }
        );
        var other = field(card, "tight_spot_other");
        if (other && other.value.trim()) spots.push(other.value.trim());
        if (spots.length) facts.push("tight: " + spots.join(", "));
        var notes = field(card, "notes");
        if (notes && notes.value.trim()) facts.push("notes: " + notes.value.trim());
      }
      text.append(el("div", { class: "small", "data-review": card.dataset.drill }, facts.join(" · ")));
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

  // Countdown for timed parts; only one runs at a time. A part done on each side is one
  // timer for both, that says "switch feet" half way and fills each side's seconds.
  var running = null;
  function clock(seconds) {
    var s = Math.max(0, seconds);
    return Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
  }
  function record(timer, elapsed) {
    var sides = timer.rows.length;
    timer.rows.forEach(function (row, i) {
      var share = Math.max(0, Math.min(timer.perSide, elapsed - i * timer.perSide));
      var input = rowField(row, "seconds");
      if (input && (sides === 1 || i * timer.perSide < elapsed)) input.value = share;
    });
  }
  function stopTimer() {
    if (!running) return;
    var timer = running;
    running = null;
    clearInterval(timer.interval);
    var elapsed = Math.min(timer.total, Math.round((performance.now() - timer.started) / (1000 * scale)));
    record(timer, elapsed);
    timer.display.textContent = clock(timer.total);
    timer.stop.hidden = true;
    announce("Timer stopped after " + elapsed + " seconds.");
  }
  function startTimer(box, rows, perSide) {
    stopTimer();
    wakeAudio();
    var display = box.querySelector(".timer-display");
    var stop = box.querySelector("[data-stop]");
    var prompt = box.querySelector("[data-prompt]");
    var total = perSide * rows.length;
    var timer = { rows: rows, perSide: perSide, total: total, started: performance.now(),
      display: display, stop: stop, switched: false };
    running = timer;
    stop.hidden = false;
    display.textContent = clock(total);
    if (rows.length > 1) prompt.textContent = "Left side first";
    announce("Timer started: " + total + " seconds.");
    timer.interval = setInterval(function () {
      var elapsed = (performance.now() - timer.started) / (1000 * scale);
      display.textContent = clock(Math.ceil(total - elapsed));
      if (rows.length > 1 && !timer.switched && elapsed >= perSide) {
        timer.switched = true;
        prompt.textContent = "Switch feet: now the right side";
        box.dataset.switched = "true";
        beep(2);
        buzz([200, 100, 200]);
        announce("Switch feet: now the right side.");
      }
      if (elapsed < total) return;
      clearInterval(timer.interval);
      running = null;
      stop.hidden = true;
      record(timer, total);
      display.textContent = "Time!";
      prompt.textContent = rows.length > 1 ? "Both sides done" : "";
      box.dataset.finished = String((parseInt(box.dataset.finished, 10) || 0) + 1);
      beep(3);
      buzz([300, 150, 300]);
      announce("Time: " + total + " seconds done.");
    }, Math.max(10, 200 * scale));
  }
  function durationLabel(seconds) {
    return seconds % 60 === 0 ? seconds / 60 + " min" : seconds + " s";
  }
  function addTimer(tools, rows) {
    var first = rows[0];
    var low = parseInt(first.dataset.holdMin, 10), high = parseInt(first.dataset.holdMax, 10);
    var each = rows.length > 1 ? " each side" : "";
    var box = el("div", { class: "guided-timer mb-3", "data-timer": first.dataset.partName });
    box.append(el("p", { class: "mb-1 fw-semibold" }, first.dataset.partName));
    box.append(el("div", { class: "timer-display", role: "timer", "aria-live": "off" }, clock(high * rows.length)));
    box.append(el("p", { class: "mb-2 fw-semibold", "data-prompt": "", "aria-live": "polite" }, ""));
    var buttons = el("div", { class: "d-flex flex-wrap gap-2" });
    (low && low !== high ? [low, high] : [high]).forEach(function (seconds) {
      var start = el("button", { type: "button", class: "btn btn-primary", "data-seconds": seconds },
        "Start " + durationLabel(seconds) + each);
      start.addEventListener("click", function () { startTimer(box, rows, seconds); });
      buttons.append(start);
    });
    var stop = el("button", { type: "button", class: "btn btn-outline-secondary", "data-stop": "" }, "Stop");
    stop.hidden = true;
    stop.addEventListener("click", stopTimer);
    buttons.append(stop);
    box.append(buttons);
    tools.append(box);
  }

  // The counter's plan: every set of every counted part, side by side, in the order they are
  // done. Parts that take turns (10 out, then 10 in) alternate within each set.
  function plan(card, rows) {
    var steps = [];
    var alternate = card.hasAttribute("data-alternate");
    ["both", "left", "right"].forEach(function (side) {
      var sideRows = rows.filter(function (row) { return row.dataset.side === side; });
      var most = Math.max.apply(null, [0].concat(sideRows.map(function (row) { return parseInt(row.dataset.sets, 10); })));
      if (alternate) {
        for (var set = 1; set <= most; set++) {
          sideRows.forEach(function (row) {
            if (set <= parseInt(row.dataset.sets, 10)) steps.push({ row: row, set: set, side: side });
          });
        }
      } else {
        sideRows.forEach(function (row) {
          for (var set = 1; set <= parseInt(row.dataset.sets, 10); set++) steps.push({ row: row, set: set, side: side });
        });
      }
    });
    return steps;
  }

  function addCounter(card, tools, rows) {
    var steps = plan(card, rows);
    var index = 0, count = 0;
    var tally = new Map();  // row -> {sets, leastReps}
    var box = el("div", { class: "rep-counter mb-3", "data-counter": "" });
    var side = el("p", { class: "mb-1 fw-semibold guided-side", "data-side-prompt": "", "aria-live": "polite" });
    var label = el("p", { class: "mb-1 fw-semibold", "data-step": "" });
    var reps = el("p", { class: "mb-2", "data-reps": "" });
    var tap = el("button", { type: "button", class: "btn btn-primary btn-lg rep-tap" }, "+1 rep");
    var setDone = el("button", { type: "button", class: "btn btn-outline-primary btn-lg" }, "Set done");
    var undo = el("button", { type: "button", class: "btn btn-outline-secondary" }, "Undo");

    function stepName(step) {
      var part = step.row.dataset.partName;
      var sets = parseInt(step.row.dataset.sets, 10);
      return sets > 1 ? part + ", set " + step.set + " of " + sets : part;
    }
    function render() {
      var finished = index >= steps.length;
      tap.disabled = setDone.disabled = finished;
      undo.disabled = count === 0;
      if (finished) {
        side.textContent = "";
        label.textContent = "All done: " + rows.map(rowText).join("; ");
        reps.textContent = "";
        return;
      }
      var step = steps[index];
      var previous = index > 0 ? steps[index - 1] : null;
      if (step.side === "both") {
        side.textContent = "";
      } else if (previous && previous.side !== step.side) {
        side.textContent = "Now the " + SIDE_NAMES[step.side] + " foot";
      } else {
        side.textContent = capital(SIDE_NAMES[step.side]) + " foot";
      }
      label.textContent = stepName(step);
      reps.textContent = count + " of " + step.row.dataset.reps + " reps";
    }
    function completeSet(done) {
      var step = steps[index];
      var row = step.row;
      var mark = tally.get(row) || { sets: 0, leastReps: null };
      mark.sets += 1;
      mark.leastReps = mark.leastReps === null ? done : Math.min(mark.leastReps, done);
      tally.set(row, mark);
      rowField(row, "sets").value = mark.sets;
      rowField(row, "reps").value = mark.leastReps;
      index += 1;
      count = 0;
      var last = index >= steps.length;
      beep(last ? 3 : 1);
      buzz(200);
      render();
      announce(last ? label.textContent : (side.textContent ? side.textContent + ". " : "") + label.textContent);
    }
    tap.addEventListener("click", function () {
      wakeAudio();
      count += 1;
      if (count >= parseInt(steps[index].row.dataset.reps, 10)) completeSet(count);
      else render();
    });
    setDone.addEventListener("click", function () {
      wakeAudio();
      // Counted by the athlete: a set done with no taps is a full set.
      completeSet(count || parseInt(steps[index].row.dataset.reps, 10));
    });
    undo.addEventListener("click", function () { count = Math.max(0, count - 1); render(); });
    var row = el("div", { class: "d-flex flex-wrap gap-2" });
    row.append(tap, setDone, undo);
    box.append(side, label, reps, row);
    tools.append(box);
    render();
  }

  // The tools for a drill, made afresh when its variant changes (double to single leg).
  function buildTools(card) {
    var tools = card.querySelector(".guided-tools");
    tools.textContent = "";
    var rows = activeRows(card);
    var timed = rows.filter(function (row) { return row.dataset.holdMax; });
    var counted = rows.filter(function (row) { return row.dataset.reps; });
    var byPart = {};
    timed.forEach(function (row) {
      (byPart[row.dataset.part] = byPart[row.dataset.part] || []).push(row);
    });
    Object.keys(byPart).forEach(function (part) { addTimer(tools, byPart[part]); });
    if (counted.length) addCounter(card, tools, counted);
  }

  drills.forEach(function (card) {
    var body = card.querySelector(".card-body");
    var tools = el("div", { class: "guided-tools" });
    var anchor = body.querySelector(".guided-cues") || body.querySelector(".guided-instructions");
    var cautions = body.querySelector("[data-cautions]");
    if (anchor) anchor.after(tools); else body.prepend(tools);
    if (cautions) tools.before(cautions);  // one tap away, beside the steps
    card.addEventListener("change", function (event) {
      if (event.target.matches("input[data-per-side]")) {
        stopTimer();
        // The log form's script shows the rows of the new variant first.
        setTimeout(function () { buildTools(card); }, 0);
      }
    });
    buildTools(card);
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
