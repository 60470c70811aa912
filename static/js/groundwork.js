// Small progressive enhancements; every page works without this file.
(function () {
  "use strict";

  // Preselect the device's time zone on sign-up when the visitor has not chosen one.
  document.querySelectorAll("select[data-detect-time-zone]").forEach(function (select) {
    if (select.value !== "UTC") return;
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone && select.querySelector('option[value="' + zone + '"]')) select.value = zone;
  });
})();
