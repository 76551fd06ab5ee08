import { createHash } from "node:crypto";

/**
 * The answer pages' one script: it keeps the instructor's points and comments so that none is
 * lost. Each change goes to the browser's localStorage at once (under a key made from the answers
 * document, shared by the index and every question page, read and written back whole on each
 * change so that two open pages do not undo each other), "Save manual-scores.json" downloads
 * every score as a ManualScores document (a Blob and an <a download>, which work from a page
 * opened from disk), and "Load" reads such a file back to carry on elsewhere. Points are
 * null until typed, never 0; a value outside 0..max or not a multiple of 0.5 is flagged and not
 * kept. The page gives the script its data in attributes of <body>: data-store (the key),
 * data-questions ([{id, points}]) and data-teams ([names]).
 */
export const ANSWERS_SCRIPT = `(function () {
  "use strict";
  var body = document.body;
  var key = "spikegrade-manual-scores:" + body.getAttribute("data-store");
  var questions = JSON.parse(body.getAttribute("data-questions"));
  var teams = JSON.parse(body.getAttribute("data-teams"));
  var statusLine = document.getElementById("save-status");
  function own(object, name) {
    return Object.prototype.hasOwnProperty.call(object, name) ? object[name] : undefined;
  }
  function put(object, name, value) {
    Object.defineProperty(object, name, { value: value, enumerable: true, writable: true, configurable: true });
  }
  function say(text) { if (statusLine) statusLine.textContent = text; }
  function isRecord(value) { return value !== null && typeof value === "object" && !Array.isArray(value); }
  function read() {
    try {
      var state = JSON.parse(localStorage.getItem(key) || "null");
      if (isRecord(state) && isRecord(state.scores)) return state;
    } catch (e) { /* unreadable: start again, the saved file still has the scores */ }
    return { scores: {} };
  }
  function write(state) {
    try {
      localStorage.setItem(key, JSON.stringify(state));
      return true;
    } catch (e) {
      say("This browser would not keep the scores: save manual-scores.json now.");
      return false;
    }
  }
  function entry(state, team, question) {
    var byTeam = own(state.scores, team);
    var value = isRecord(byTeam) ? own(byTeam, question) : undefined;
    return isRecord(value) ? value : undefined;
  }
  function maxOf(question) {
    for (var i = 0; i < questions.length; i++) if (questions[i].id === question) return questions[i].points;
    return undefined;
  }
  function validPoints(value, max) {
    return typeof value === "number" && isFinite(value) && value >= 0 && (max === undefined || value <= max) && Math.round(value * 2) === value * 2;
  }
  function gradeBoxes() { return Array.prototype.slice.call(document.querySelectorAll(".grade[data-team][data-question]")); }
  function fill() {
    var state = read();
    gradeBoxes().forEach(function (box) {
      var found = entry(state, box.getAttribute("data-team"), box.getAttribute("data-question"));
      var points = box.querySelector("input.points");
      var comment = box.querySelector("textarea.comment");
      if (points) points.value = found && typeof found.points === "number" ? String(found.points) : "";
      if (comment) comment.value = found && typeof found.comment === "string" ? found.comment : "";
      if (points) points.removeAttribute("aria-invalid");
    });
    progress(state);
  }
  function progress(state) {
    Array.prototype.slice.call(document.querySelectorAll("[data-progress]")).forEach(function (element) {
      var question = element.getAttribute("data-progress");
      var scored = 0;
      teams.forEach(function (team) {
        var found = entry(state, team, question);
        if (found && typeof found.points === "number") scored++;
      });
      element.textContent = scored + " of " + teams.length + " scored";
      element.classList.toggle("done", scored === teams.length);
    });
  }
  function changed(box) {
    var team = box.getAttribute("data-team"), question = box.getAttribute("data-question");
    var input = box.querySelector("input.points"), comment = box.querySelector("textarea.comment");
    var state = read();
    var previous = entry(state, team, question) || { points: null };
    var points = previous.points === undefined ? null : previous.points;
    if (input) {
      var text = input.value.trim();
      var value = text === "" ? null : Number(text);
      var ok = value === null || validPoints(value, maxOf(question));
      if (ok) { points = value; input.removeAttribute("aria-invalid"); } else input.setAttribute("aria-invalid", "true");
    }
    var next = { points: points };
    if (comment && comment.value !== "") next.comment = comment.value;
    if (!isRecord(own(state.scores, team))) put(state.scores, team, {});
    put(own(state.scores, team), question, next);
    if (write(state)) say("Kept in this browser. Save manual-scores.json to keep a file.");
    progress(state);
  }
  function document_() {
    var state = read();
    var scores = {};
    var names = teams.slice();
    Object.keys(state.scores).forEach(function (team) { if (names.indexOf(team) < 0) names.push(team); });
    names.forEach(function (team) {
      var byTeam = {};
      var ids = questions.map(function (q) { return q.id; });
      var stored = own(state.scores, team);
      if (isRecord(stored)) Object.keys(stored).forEach(function (id) { if (ids.indexOf(id) < 0) ids.push(id); });
      ids.forEach(function (id) {
        var found = entry(state, team, id);
        var item = { points: found && validPoints(found.points, maxOf(id)) ? found.points : null };
        if (found && typeof found.comment === "string" && found.comment !== "") item.comment = found.comment;
        put(byTeam, id, item);
      });
      put(scores, team, byTeam);
    });
    return { format: "spikegrade-manual-scores", version: 1, questions: questions, scores: scores, savedAt: new Date().toISOString() };
  }
  function save() {
    var blob = new Blob([JSON.stringify(document_(), null, 2) + "\\n"], { type: "application/json" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = "manual-scores.json";
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 60000);
    say("Saved manual-scores.json to your downloads folder.");
  }
  function load(file) {
    file.text().then(function (text) {
      var loaded = JSON.parse(text);
      if (!isRecord(loaded) || loaded.format !== "spikegrade-manual-scores" || loaded.version !== 1 || !isRecord(loaded.scores))
        throw new Error("not a manual-scores.json saved by these pages");
      var state = read(), count = 0;
      Object.keys(loaded.scores).forEach(function (team) {
        var byTeam = loaded.scores[team];
        if (!isRecord(byTeam)) return;
        Object.keys(byTeam).forEach(function (id) {
          var item = byTeam[id];
          if (!isRecord(item)) return;
          var next = { points: validPoints(item.points, maxOf(id)) ? item.points : null };
          if (typeof item.comment === "string" && item.comment !== "") next.comment = item.comment;
          if (!isRecord(own(state.scores, team))) put(state.scores, team, {});
          put(own(state.scores, team), id, next);
          count++;
        });
      });
      if (write(state)) say("Loaded " + count + " answers' scores from " + file.name + ".");
      fill();
    }).catch(function (error) {
      say("Could not load " + file.name + ": " + error.message + ". Nothing was changed.");
    });
  }
  gradeBoxes().forEach(function (box) {
    box.addEventListener("input", function () { changed(box); });
  });
  var saveButton = document.getElementById("save-scores");
  if (saveButton) saveButton.addEventListener("click", save);
  var loadInput = document.getElementById("load-scores");
  if (loadInput) loadInput.addEventListener("change", function () {
    if (loadInput.files && loadInput.files[0]) load(loadInput.files[0]);
    loadInput.value = "";
  });
  window.addEventListener("storage", function (event) { if (event.key === key) fill(); });
  fill();
})();`;

/** The script's hash, which the pages' Content-Security-Policy allows and nothing else. */
export const ANSWERS_SCRIPT_HASH = createHash("sha256").update(ANSWERS_SCRIPT).digest("base64");
