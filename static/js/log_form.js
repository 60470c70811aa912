// The log form: a drill whose variant decides the sides (double leg or single leg) shows only
// the rows of the variant chosen. Without this script every row shows, labelled, and the
// server keeps only the rows of the variant chosen.
(function () {
  "use strict";

  function sync(card) {
    var chosen = card.querySelector("input[data-per-side]:checked");
    if (!chosen) return;
    var group = chosen.dataset.perSide === "true" ? "each" : "both";
    card.querySelectorAll("[data-sides]").forEach(function (row) {
      row.hidden = row.dataset.sides !== group;
    });
  }

  document.querySelectorAll("[data-drill]").forEach(function (card) {
    if (!card.querySelector("[data-sides]")) return;
    card.addEventListener("change", function (event) {
      if (event.target.matches("input[data-per-side]")) sync(card);
    });
    sync(card);
  });
})();
