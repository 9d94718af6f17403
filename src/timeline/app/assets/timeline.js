/* The timeline page's clientside callbacks, served from the package with the app (no
   inline script: the Content-Security-Policy allows none). The page registers them with
   ClientsideFunction("timeline", <name>) in app/pages/timeline/callbacks.py. */
(function () {
  "use strict";

  // Screens this narrow (CSS pixels) get the phone layout; the same width as the
  // @media rule in timeline.css.
  var PHONE_WIDTH = 560;

  // The address of the list's row whose link opened the detail (see showDetail).
  var opener = null;
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a.row-link") : null;
    if (link) {
      opener = link.getAttribute("href");
    } else if (event.target.closest && !event.target.closest("#timeline-detail")) {
      opener = null;  // a selection made elsewhere (the chart) keeps the focus there
    }
  }, true);

  window.dash_clientside = window.dash_clientside || {};
  window.dash_clientside.timeline = {
    // Only zooms and pans of the time axis reach the server: Plotly also reports resizes
    // ("autosize") and other layout changes, and one of those sent right after a zoom
    // would make Dash drop the zoom's pending answer.
    timeWindow: function (relayout) {
      var skip = window.dash_clientside.no_update;
      if (!relayout) { return skip; }
      if (relayout["xaxis.autorange"]) { return {reset: true}; }
      var low = relayout["xaxis.range[0]"], high = relayout["xaxis.range[1]"];
      var range = relayout["xaxis.range"];
      if ((low === undefined || high === undefined) && Array.isArray(range)) {
        low = range[0];
        high = range[1];
      }
      if (low === undefined || high === undefined) { return skip; }
      return {range: [low, high]};
    },

    // On a phone the filters would push the chart a screen down: they start folded
    // there (the count above the chart says what they select), and the chart is told
    // to write its lane names inside the lanes. The page arrives with them folded (the
    // server cannot know the screen, and opening them beside the chart moves nothing,
    // while closing them above it would move everything): wider screens open them.
    // The panel's id never changes, so this runs once each time the page is shown.
    phoneLayout: function (_) {
      var skip = window.dash_clientside.no_update;
      var phone = window.matchMedia("(max-width: " + PHONE_WIDTH + "px)").matches;
      return phone ? [skip, true] : [true, skip];
    },

    // A newly selected event's detail is brought into view when it is off screen. Opened
    // from the list, the detail takes the focus; closed, the focus goes back to the
    // list's row that opened it.
    showDetail: function (children) {
      var panel = document.getElementById("timeline-detail");
      if (panel && panel.querySelector("h2")) {
        var box = panel.getBoundingClientRect();
        if (box.top > window.innerHeight - 80 || box.bottom < 0) {
          panel.scrollIntoView({block: "start", behavior: "smooth"});
        }
        if (opener) {
          panel.focus({preventScroll: true});
        }
      } else if (opener) {
        var row = document.querySelector('a.row-link[href="' + CSS.escape(opener) + '"]');
        opener = null;
        if (row) {
          row.focus();
        }
      }
      return window.dash_clientside.no_update;
    }
  };
})();
