// Small progressive enhancements; every page works without this file.
(function () {
  "use strict";

  // Preselect the device's time zone on sign-up when the visitor has not chosen one.
  document.querySelectorAll("select[data-detect-time-zone]").forEach(function (select) {
    if (select.value !== "UTC") return;
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone && select.querySelector('option[value="' + zone + '"]')) select.value = zone;
  });

  // A second tap on "Save" while the first is on its way does nothing (the server also
  // recognises a repeated submission, for when this script is not running).
  // A page restored by the Back button keeps its state: let its forms be sent again.
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) return;
    document.querySelectorAll("form[data-once]").forEach(function (form) {
      delete form.dataset.submitting;
      form.querySelectorAll("button[type=submit]").forEach(function (button) {
        button.removeAttribute("aria-disabled");
        button.classList.remove("disabled");
      });
    });
  });

  document.querySelectorAll("form[data-once]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (form.dataset.submitting) {
        event.preventDefault();
        return;
      }
      form.dataset.submitting = "true";
      form.querySelectorAll("button[type=submit]").forEach(function (button) {
        button.setAttribute("aria-disabled", "true");
        button.classList.add("disabled");
      });
    });
  });

  // The two Bootstrap behaviours the pages use, in place of Bootstrap's 80 KB script: a
  // toggler that opens and closes what it names (the navigation on a phone), and the close
  // button of a message. Without this file the navigation stays closed on a phone; every
  // page is still reachable from the home page's links.
  document.addEventListener("click", function (event) {
    var toggler = event.target.closest('[data-bs-toggle="collapse"]');
    if (toggler) {
      var target = document.querySelector(
        toggler.getAttribute("data-bs-target") || toggler.getAttribute("href")
      );
      if (!target) return;
      event.preventDefault();
      var open = target.classList.toggle("show");
      toggler.setAttribute("aria-expanded", open ? "true" : "false");
      toggler.classList.toggle("collapsed", !open);
      return;
    }
    var dismiss = event.target.closest('[data-bs-dismiss="alert"]');
    if (dismiss && dismiss.closest(".alert")) dismiss.closest(".alert").remove();
  });

  // Take a keyboard or screen-reader user straight to the summary of what needs fixing.
  var errors = document.getElementById("form-errors");
  if (errors) errors.focus();
})();
