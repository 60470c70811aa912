// The sharing page: a Share button where the browser has the Web Share API (phones), a Copy
// button where it can write to the clipboard. Without this file the link is a plain link.
(function () {
  "use strict";

  document.querySelectorAll("[data-share-link]").forEach(function (box) {
    var link = box.dataset.shareLink;
    var status = box.querySelector("[data-share-status]");
    var shareButton = box.querySelector("[data-share]");
    var copyButton = box.querySelector("[data-copy]");
    var data = {
      title: "Groundwork invitation",
      text: "Read my Groundwork log as my coach: open this link (or enter code " +
        box.dataset.shareCode + " under Coaching).",
      url: link
    };
    var canShare = typeof navigator.share === "function" &&
      (typeof navigator.canShare !== "function" || navigator.canShare(data));
    var canCopy = !!(navigator.clipboard && navigator.clipboard.writeText);
    if (!canShare && !canCopy) return;

    function say(message) {
      status.textContent = message;
    }

    if (canShare) {
      shareButton.hidden = false;
      shareButton.addEventListener("click", function () {
        say("");
        navigator.share(data).catch(function (error) {
          // Closing the share sheet is no failure; anything else, offer the copy instead.
          if (error && error.name === "AbortError") return;
          say(canCopy ? "Could not open sharing; copy the link instead." : "Could not share.");
        });
      });
    }
    if (canCopy) {
      copyButton.hidden = false;
      copyButton.addEventListener("click", function () {
        navigator.clipboard.writeText(link).then(
          function () { say("Link copied."); },
          function () { say("Could not copy; press on the link above to copy it."); }
        );
      });
    }
    box.hidden = false;
  });
})();
