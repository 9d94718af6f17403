/* What Dash's own components lack for assistive technology, served from the package.

   Each fix runs once for each element, when it is inserted: a CSS animation (see
   "a11y-" in timeline.css) starts on it and its "animationstart" event calls the fix.
   That costs nothing while the page is built or charts draw (a MutationObserver on
   the whole document was paying for every node Plotly draws).

   * Dropdowns (dcc.Dropdown): the button is named by its <label for> as well as by
     its selection ("Countries, Any country", not "Any country"); the keyboard reaches
     the button itself instead of a hidden, aria-hidden input that passes focus on.
   * Sliders (dcc.Slider): the thumb (role="slider") takes the name of its group.
   * Radio items (dcc.RadioItems): a radio group named by "<id>-label", whose options
     are plain labels of native radio buttons (not role="option" around an input). */
(function () {
  "use strict";

  function nameDropdown(button) {
    var label = document.querySelector('label[for="' + CSS.escape(button.id) + '"]');
    if (label) {
      if (!label.id) {
        label.id = button.id + "-label";
      }
      button.setAttribute("aria-labelledby",
                          label.id + " " + button.id + "-value-count " + button.id + "-value");
    }
    button.tabIndex = 0;
    var proxy = button.previousElementSibling;
    if (proxy && proxy.classList.contains("dash-dropdown-focus-target")) {
      proxy.tabIndex = -1;
    }
  }

  function nameSlider(thumb) {
    var group = thumb.closest('[role="group"][aria-label]');
    if (group && !thumb.hasAttribute("aria-label")) {
      thumb.setAttribute("aria-label", group.getAttribute("aria-label"));
    }
  }

  function plainOptions(list) {
    list.querySelectorAll(".dash-options-list-option").forEach(function (option) {
      if (option.hasAttribute("role")) {
        option.removeAttribute("role");
      }
      if (option.hasAttribute("aria-selected")) {
        option.removeAttribute("aria-selected");
      }
    });
  }

  function radioGroup(list) {
    list.setAttribute("role", "radiogroup");
    if (document.getElementById(list.id + "-label")) {
      list.setAttribute("aria-labelledby", list.id + "-label");
    }
    plainOptions(list);
    // React writes aria-selected again when the choice changes: watch this list only
    new MutationObserver(function () { plainOptions(list); }).observe(
      list, {attributes: true, subtree: true, attributeFilter: ["role", "aria-selected"]});
  }

  var fixes = {
    "a11y-dropdown": nameDropdown,
    "a11y-slider": nameSlider,
    "a11y-radios": radioGroup
  };

  document.addEventListener("animationstart", function (event) {
    var fix = fixes[event.animationName];
    if (fix) {
      fix(event.target);
    }
  }, true);

  // The dropdown gives its focus proxy back its tab stop whenever the button loses
  // focus (React's handler runs at the app's root, before this one): take it away.
  document.addEventListener("focusout", function (event) {
    var button = event.target;
    if (button && button.classList && button.classList.contains("dash-dropdown")) {
      var proxy = button.previousElementSibling;
      if (proxy && proxy.classList.contains("dash-dropdown-focus-target")) {
        proxy.tabIndex = -1;
      }
    }
  });
})();
