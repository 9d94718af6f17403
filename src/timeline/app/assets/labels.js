/* Dropdowns named by their labels, served from the package with the app.

   Dash's dropdown is a button named by aria-labelledby="<id>-value-count <id>-value":
   its selection (or placeholder) alone, so a screen reader says "Any country", not
   "Country, any country". Each dropdown with a <label for="<id>"> gets the label's id
   in front of those two. React leaves the attribute alone afterwards (its own value
   for it never changes), and new dropdowns (another page) are named as they appear. */
(function () {
  "use strict";

  function name(button) {
    var label = document.querySelector('label[for="' + CSS.escape(button.id) + '"]');
    if (!label) {
      return;
    }
    if (!label.id) {
      label.id = button.id + "-label";
    }
    var wanted = label.id + " " + button.id + "-value-count " + button.id + "-value";
    if (button.getAttribute("aria-labelledby") !== wanted) {
      button.setAttribute("aria-labelledby", wanted);
    }
  }

  var pending = false;

  function nameAll() {
    pending = false;
    document.querySelectorAll("button.dash-dropdown[id]").forEach(name);
  }

  new MutationObserver(function () {
    if (!pending) {  // once per frame, however many nodes changed
      pending = true;
      window.requestAnimationFrame(nameAll);
    }
  }).observe(document.documentElement, {childList: true, subtree: true});
})();
