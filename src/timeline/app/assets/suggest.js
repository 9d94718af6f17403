/* The "Suggest an event" form (/suggest): accessibility glue, served from the package.

   1. Each control is described by its hint and its message box (aria-describedby),
      and marked aria-invalid while its message box holds a problem. The boxes are
      <div class="suggest-message" data-target="<control id>">, filled by the server.
   2. After each check (the status paragraph gets a new data-attempt), focus moves to
      the first control with a problem, or to the result when the file is ready, so
      keyboard and screen-reader users land where they need to be.
   No inline script: the page's Content-Security-Policy forbids them. */
(function () {
  "use strict";

  var handled = null;

  function control(box) {
    var id = box.getAttribute("data-target");
    return id ? document.getElementById(id) : null;
  }

  function describe(box) {
    var target = control(box);
    if (!target) {
      return;
    }
    var ids = [];
    var hint = document.getElementById(target.id + "-hint");
    if (hint) {
      ids.push(hint.id);
    }
    ids.push(box.id);
    var wanted = ids.join(" ");
    if (target.getAttribute("aria-describedby") !== wanted) {
      target.setAttribute("aria-describedby", wanted);
    }
    var invalid = box.textContent.trim() !== "";
    if (invalid) {
      target.setAttribute("aria-invalid", "true");
    } else if (target.hasAttribute("aria-invalid")) {
      target.removeAttribute("aria-invalid");
    }
  }

  function openParents(element) {
    for (var node = element.parentElement; node; node = node.parentElement) {
      if (node.tagName === "DETAILS" && !node.open) {
        node.open = true;
      }
    }
  }

  function focusAfterCheck() {
    var status = document.getElementById("suggest-status-text");
    if (!status) {
      return;
    }
    var attempt = status.getAttribute("data-attempt");
    if (attempt === handled) {
      return;
    }
    handled = attempt;
    var target = null;
    if (status.getAttribute("data-state") === "ready") {
      target = document.getElementById("suggest-result-title");
    } else {
      var boxes = document.querySelectorAll(".suggest-message[data-target]");
      for (var i = 0; i < boxes.length && !target; i++) {
        if (boxes[i].textContent.trim() !== "") {
          target = control(boxes[i]) || boxes[i];
        }
      }
      target = target || status;
    }
    if (!target) {
      return;
    }
    openParents(target);
    if (!target.hasAttribute("tabindex") && !/^(INPUT|TEXTAREA|BUTTON|SELECT|A)$/.test(
        target.tagName)) {
      target.setAttribute("tabindex", "-1");
    }
    target.focus();
  }

  var pending = false;

  function update() {
    pending = false;
    if (!document.getElementById("suggest-page")) {
      handled = null;
      return;
    }
    document.querySelectorAll(".suggest-message[data-target]").forEach(describe);
    focusAfterCheck();
  }

  // Only the form is watched, from when it appears (a CSS animation on #suggest-page,
  // in suggest.css, starts then): a MutationObserver on the whole document would pay
  // for every node every page draws (Lighthouse put seconds of a phone's main thread
  // on it on the timeline page).
  document.addEventListener("animationstart", function (event) {
    if (event.animationName !== "suggest-page-shown") {
      return;
    }
    new MutationObserver(function () {
      if (!pending) {
        pending = true;
        window.requestAnimationFrame(update);
      }
    }).observe(event.target, {childList: true, subtree: true, characterData: true,
                              attributes: true, attributeFilter: ["data-attempt"]});
    update();
  }, true);
})();
